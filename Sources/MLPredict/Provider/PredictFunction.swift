public import MLPredictPython
import Dispatch

/// A loaded model's prediction: one input row in, zero or more output rows out (FLIP-525's
/// `PredictFunction`). Implementations are safe to call from many threads at once.
public protocol PredictFunction: Sendable {
    /// Predicts the output rows for one input row (values in INPUT column order); each output row
    /// has the OUTPUT columns in order.
    func predict(_ row: Row) throws -> [Row]

    /// Predicts the output rows for each of a batch of input rows: one list per input row, in
    /// order. The default calls ``predict(_:)`` per row.
    func predict(batch rows: [Row]) throws -> [[Row]]

    /// Predicts one output row per input row, column by column. The default goes through
    /// ``predict(batch:)`` and requires exactly one output row per input row.
    func predictColumns(_ batch: ColumnBatch) throws -> ColumnBatch

    /// ``predict(_:)``, giving up at `deadline` if the implementation can (the default ignores it).
    func predict(_ row: Row, deadline: ContinuousClock.Instant?) throws -> [Row]

    /// ``predict(batch:)``, giving up at `deadline` if the implementation can (the default ignores it).
    func predict(batch rows: [Row], deadline: ContinuousClock.Instant?) throws -> [[Row]]

    /// ``predictColumns(_:)``, giving up at `deadline` if the implementation can (the default ignores it).
    func predictColumns(_ batch: ColumnBatch, deadline: ContinuousClock.Instant?) throws -> ColumnBatch

    /// Appends the output rows for `row` to `output` (then ends the input row there), giving up at
    /// `deadline` if the implementation can; on failure `output` may hold part of the rows. The
    /// default appends ``predict(_:deadline:)``'s rows; Python models convert without a ``Row``.
    func predict(_ row: Row, deadline: ContinuousClock.Instant?, into output: inout PredictedRows) throws

    /// ``predict(_:deadline:into:)`` for each of a batch of input rows, as ``predict(batch:)``.
    func predict(batch rows: [Row], deadline: ContinuousClock.Instant?, into output: inout PredictedRows) throws

    /// Starts `request` without blocking the caller and reports its outcome to `completion` once.
    /// The default runs the blocking methods on a Dispatch global queue (off Swift's cooperative
    /// pool, without the GIL); Python models run on `request.threads` or their worker processes.
    func start(_ request: PredictRequest, _ completion: PredictCompletion)

    /// Releases the model's resources. Called exactly once, after the last `predict`.
    func close() throws
}

/// What ``PredictFunction/start(_:_:)`` is asked to predict.
public struct PredictRequest: Sendable {
    /// One row (`predict`) or a batch (`predict_batch`).
    public enum Input: Sendable {
        case row(Row)
        case batch([Row])
    }

    public var input: Input
    /// When the call must be done (the `'timeout'` option), if ever.
    public var deadline: ContinuousClock.Instant?
    /// The threads that run Python calls for async callers.
    public var threads: PythonThreads

    public init(_ input: Input, deadline: ContinuousClock.Instant? = nil, threads: PythonThreads = .shared) {
        self.input = input
        self.deadline = deadline
        self.threads = threads
    }
}

/// The result of a ``PredictRequest``: rows for a row, one list of rows per input row for a batch.
public enum PredictOutput: Sendable {
    case rows([Row])
    case batches([[Row]])
}

/// Where a started prediction reports its outcome, once.
public final class PredictCompletion: Sendable {
    private let abandoned: @Sendable () -> Bool
    private let finished: @Sendable (Result<PredictOutput, MLPredictError>) -> Void

    /// `isAbandoned` tells whether the caller stopped waiting; `finish` receives the outcome.
    public init(
        isAbandoned: @escaping @Sendable () -> Bool,
        finish: @escaping @Sendable (Result<PredictOutput, MLPredictError>) -> Void
    ) {
        abandoned = isAbandoned
        finished = finish
    }

    /// Whether nobody waits for the outcome any more: work not yet begun should be skipped (and
    /// still finished, with any error).
    public var isAbandoned: Bool { abandoned() }

    /// Reports the outcome; only the first call counts.
    public func finish(_ outcome: Result<PredictOutput, MLPredictError>) {
        finished(outcome)
    }
}

extension PredictFunction {
    public func predict(batch rows: [Row]) throws -> [[Row]] {
        try rows.map { try predict($0) }
    }

    public func predictColumns(_ batch: ColumnBatch) throws -> ColumnBatch {
        let outputs = try predict(batch: batch.rows)
        var columns: [[Value]] = []
        for (index, rows) in outputs.enumerated() {
            guard rows.count == 1 else {
                throw MLPredictError(
                    .invalidOutput, "predictColumns needs exactly one output row per input row, "
                        + "but predict returned \(rows.count) for input row \(index)")
            }
            if columns.isEmpty { columns = Array(repeating: [], count: rows[0].count) }
            for (column, value) in rows[0].values.enumerated() { columns[column].append(value) }
        }
        return ColumnBatch(columns.map { .values($0) })
    }

    public func predict(_ row: Row, deadline: ContinuousClock.Instant?) throws -> [Row] {
        try predict(row)
    }

    public func predict(batch rows: [Row], deadline: ContinuousClock.Instant?) throws -> [[Row]] {
        try predict(batch: rows)
    }

    public func predictColumns(_ batch: ColumnBatch, deadline: ContinuousClock.Instant?) throws -> ColumnBatch {
        try predictColumns(batch)
    }

    public func predict(_ row: Row, deadline: ContinuousClock.Instant?, into output: inout PredictedRows) throws {
        try output.append(rows: try predict(row, deadline: deadline))
        output.endInput()
    }

    public func predict(batch rows: [Row], deadline: ContinuousClock.Instant?, into output: inout PredictedRows) throws {
        for outputs in try predict(batch: rows, deadline: deadline) {
            try output.append(rows: outputs)
            output.endInput()
        }
    }

    public func start(_ request: PredictRequest, _ completion: PredictCompletion) {
        DispatchQueue.global().async {
            guard !completion.isAbandoned else {
                return completion.finish(.failure(MLPredictError(.cancelled, "the prediction was cancelled")))
            }
            completion.finish(Result { () throws(MLPredictError) in
                do {
                    switch request.input {
                    case .row(let row): return .rows(try predict(row, deadline: request.deadline))
                    case .batch(let rows): return .batches(try predict(batch: rows, deadline: request.deadline))
                    }
                } catch {
                    throw MLPredictError.wrapping(error, .predictFailed, "predict failed")
                }
            })
        }
    }
}
