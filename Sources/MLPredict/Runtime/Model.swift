import Foundation
import Logging

/// A loaded model: predicts rows, safely from many threads and tasks at once, until closed.
///
/// Create one with ``ModelRegistry/createModel(fromDDL:relativeTo:)``:
/// ```swift
/// let model = try ModelRegistry.default.createModel(fromDDL: sql)
/// let rows = try model.predict(["I love this product"])
/// ```
///
/// Every call follows the model's ``policy``: bounded by its `'timeout'`, retried or ignored per
/// its error strategy. A failure ignored under `IGNORE` yields no row, or, when OUTPUT has an
/// `error-string` column, one row with NULL predictions and the message there.
public final class Model: Sendable {
    /// The model's name from its definition.
    public let name: String
    /// The INPUT columns: each input row has these values, in order.
    public let inputSchema: Schema
    /// The OUTPUT columns: each output row has these values, in order.
    public let outputSchema: Schema
    /// The provider the model was created by.
    public let provider: any ModelProvider
    /// The timeout and error strategy from the model's options (a call may override them).
    public let policy: ExecutionPolicy

    let function: any PredictFunction
    let lifecycle = ModelLifecycle()
    /// Where OUTPUT's `error-string` column is, if it has one (the function's rows lack it).
    let errorColumn: Int?
    let counters: ModelCounters
    let logger: Logger

    /// Loads the model `provider` offers (through ``PredictRuntimeProvider`` or ``PythonPredictRuntimeProvider``).
    public init(provider: any ModelProvider) throws(MLPredictError) {
        let context = provider.context
        name = context.modelName
        inputSchema = context.inputSchema
        outputSchema = context.outputSchema
        self.provider = provider
        errorColumn = ErrorColumn.index(in: context.outputSchema)
        counters = ModelCounters(model: context.modelName)
        var logger = Logger(label: "mlpredict.model")
        logger[metadataKey: "model"] = "\(context.modelName)"
        self.logger = logger
        try ErrorColumn.validate(context.outputSchema, model: context.modelName)
        policy = try ExecutionPolicy().merging(context.options, what: "model '\(context.modelName)'")
        switch provider {
        case let python as any PythonPredictRuntimeProvider:
            function = try python.pythonPredictFunction.createPredictFunction()
        case let swift as any PredictRuntimeProvider:
            do {
                function = try swift.createPredictFunction()
            } catch {
                throw MLPredictError.wrapping(error, .openFailed, "model '\(name)': creating its predict function failed", model: name)
            }
        default:
            throw MLPredictError(
                .unknownProvider,
                "model '\(name)': provider \(type(of: provider)) offers no predict runtime "
                    + "(it must conform to PredictRuntimeProvider or PythonPredictRuntimeProvider)",
                model: name)
        }
    }

    deinit {
        try? close()
    }

    /// The loaded predict function: ``PythonFunction`` in-process, ``WorkerPredictFunction`` in
    /// worker processes, or a Swift model's own.
    public var predictFunction: any PredictFunction { function }

    /// Whether the model runs in worker processes (`'execution-mode' = 'process'`), so nothing it
    /// does can end or stall this process.
    public var isIsolated: Bool { function is WorkerPredictFunction }

    /// What the error strategy has done so far: retries and ignored rows.
    public var statistics: ModelStatistics { counters.snapshot }

    /// Predicts the output rows for one input row.
    ///
    /// - Parameters:
    ///   - row: the values of the INPUT columns, in order; converted by the column types.
    ///   - policy: the timeout and error strategy for this call (default: the model's ``policy``).
    /// - Returns: zero or more rows of the OUTPUT columns.
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/invalidInput``,
    ///   ``MLPredictError/Code/predictFailed`` (with the Python traceback),
    ///   ``MLPredictError/Code/invalidOutput``, ``MLPredictError/Code/timedOut``,
    ///   ``MLPredictError/Code/workerFailed`` or ``MLPredictError/Code/modelClosed``, unless the
    ///   error strategy ignores it. The model stays usable after any of them.
    @available(*, noasync, message: "in async code, await predict(_:on:), which runs on PythonThreads")
    public func predict(_ row: Row, policy: ExecutionPolicy? = nil) throws(MLPredictError) -> [Row] {
        let policy = policy ?? self.policy
        if policy.isPlain, errorColumn == nil {  // the common case, without the closures below
            return try admitted(.predict, rows: 1) { () throws(MLPredictError) in
                try wrapped("predict") { try function.predict(row, deadline: nil) }
            }
        }
        return try admitted(.predict, rows: 1) { () throws(MLPredictError) in
            try handled(policy) { () throws(MLPredictError) in
                try withErrorColumn(try retrying(policy, "predict") { deadline throws(MLPredictError) in
                    try wrapped("predict") { try function.predict(row, deadline: deadline) }
                })
            }
        }
    }

    /// Predicts the output rows for each of a batch of input rows, crossing into Python once: one
    /// GIL acquisition and one call of the model's `predict_batch` (which calls `predict` per row
    /// unless the model overrides it).
    ///
    /// Under `IGNORE` (directly or after retries), a batch that fails is predicted again row by row,
    /// so only the rows that fail on their own are ignored.
    ///
    /// - Parameter rows: input rows, each checked as ``predict(_:policy:)`` checks one.
    /// - Returns: one list of output rows per input row, in order.
    /// - Throws: ``MLPredictError`` with the codes of ``predict(_:policy:)``; the message names the
    ///   failing row's position in `rows` (`input row 3`, `row 0 of predict_batch's result for
    ///   input row 3`). Nothing of a failed batch is returned.
    @available(*, noasync, message: "in async code, await predict(batch:on:), which runs on PythonThreads")
    public func predict(batch rows: [Row], policy: ExecutionPolicy? = nil) throws(MLPredictError) -> [[Row]] {
        let policy = policy ?? self.policy
        return try admitted(.predictBatch, rows: rows.count) { () throws(MLPredictError) in
            do throws(MLPredictError) {
                return withErrorColumn(try retrying(policy, "predict_batch") { deadline throws(MLPredictError) in
                    try wrapped("predict_batch") { try function.predict(batch: rows, deadline: deadline) }
                })
            } catch where policy.finalStrategy == .ignore && error.isIgnorable && rows.count > 1 {
                let single = policy.withoutRetries
                return rows.map { row in
                    (try? handled(single) { () throws(MLPredictError) in
                        try withErrorColumn(try retrying(single, "predict") { deadline throws(MLPredictError) in
                            try wrapped("predict") { try function.predict(row, deadline: deadline) }
                        })
                    }) ?? []
                }
            } catch where policy.finalStrategy == .ignore && error.isIgnorable {
                return [ignore(error)]
            }
        }
    }

    /// Predicts one output row per input row, column by column, crossing into Python once: the
    /// model's `predict_columns` receives each input column as one object (BOOLEAN and numeric
    /// typed columns as `memoryview`s of the arrays' own memory, which `numpy.asarray` wraps
    /// without copying; other columns as lists) and returns the OUTPUT columns.
    ///
    /// The timeout and retries apply; `IGNORE` does not (a column batch has no row to drop): a
    /// failure propagates.
    ///
    /// - Parameter batch: the INPUT columns, in order, all of one length.
    /// - Returns: the OUTPUT columns, in order, as long as the input's; BOOLEAN and numeric columns
    ///   without NULLs typed (``ColumnValues/double(_:)`` ...), others ``ColumnValues/values(_:)``.
    /// - Throws: ``MLPredictError`` with the codes of ``predict(_:policy:)``; messages name the column
    ///   and the row.
    public func predictColumns(_ batch: ColumnBatch, policy: ExecutionPolicy? = nil) throws(MLPredictError) -> ColumnBatch {
        let policy = policy ?? self.policy
        return try admitted(.predictColumns, rows: batch.rowCount) { () throws(MLPredictError) in
            var output = try retrying(policy, "predict_columns") { deadline throws(MLPredictError) in
                try wrapped("predict_columns") { try function.predictColumns(batch, deadline: deadline) }
            }
            if let errorColumn {
                output.columns.insert(.values(Array(repeating: .null, count: batch.rowCount)), at: errorColumn)
            }
            return output
        }
    }

    /// Closes the model: waits for predictions in flight, then calls its `close()` exactly once.
    /// Every call, concurrent ones included, returns only after that `close()` has run; later
    /// predictions fail with ``MLPredictError/Code/modelClosed``.
    public func close() throws(MLPredictError) {
        guard lifecycle.closeAndWait() else {
            lifecycle.waitUntilClosed()
            return
        }
        defer { lifecycle.markClosed() }
        do {
            try function.close()
        } catch {
            throw MLPredictError.wrapping(error, .closeFailed, "model '\(name)': close failed", model: name)
        }
    }

    // MARK: Admission, retries and the error strategy

    var closedError: MLPredictError { MLPredictError(.modelClosed, "model '\(name)' is closed", model: name) }

    /// Any error as an ``MLPredictError`` naming the model and the method.
    func wrapped<Success>(_ method: String, _ body: () throws -> Success) throws(MLPredictError) -> Success {
        do {
            return try body()
        } catch {
            throw MLPredictError.wrapping(error, .predictFailed, "model '\(name)': \(method) failed", model: name)
        }
    }

    /// Runs `attempt` until it succeeds or `policy` allows no more attempts: retryable errors under
    /// `RETRY`, waiting the backoff in between, all within one `'timeout'` from the first attempt.
    private func retrying<Success>(
        _ policy: ExecutionPolicy, _ method: String,
        _ attempt: (ContinuousClock.Instant?) throws(MLPredictError) -> Success
    ) throws(MLPredictError) -> Success {
        let deadline = policy.timeout.map { ContinuousClock.now + $0 }
        var attempts = 1
        while true {
            do {
                return try attempt(deadline)
            } catch {
                let wait = try nextAttempt(after: error, attempts, policy, deadline, method)
                logger.debug("retrying \(method) after attempt \(attempts) failed: \(error.message)")
                Thread.sleep(forTimeInterval: wait.seconds)
                attempts += 1
            }
        }
    }

    /// The wait before another attempt, or the error to give up with.
    func nextAttempt(
        after error: MLPredictError, _ attempts: Int, _ policy: ExecutionPolicy, _ deadline: ContinuousClock.Instant?,
        _ method: String
    ) throws(MLPredictError) -> Duration {
        counters.failed(error)
        guard policy.errorHandling == .retry, error.isRetryable, attempts < policy.retryNum else { throw error }
        let wait = policy.backoff(after: attempts)
        if let deadline, ContinuousClock.now + wait >= deadline {
            throw MLPredictError(
                .timedOut,
                "model '\(name)': \(method) did not succeed within the 'timeout' of \(policy.timeout!) "
                    + "(\(attempts) attempts; the last failed: \(error.message))",
                model: name, cause: error)
        }
        counters.retried()
        return wait
    }

    /// `body`'s rows, or, when the final strategy ignores the error, what an ignored row yields.
    func handled(_ policy: ExecutionPolicy, _ body: () throws(MLPredictError) -> [Row]) throws(MLPredictError) -> [Row] {
        do {
            return try body()
        } catch where policy.finalStrategy == .ignore && error.isIgnorable {
            return ignore(error)
        }
    }

    /// Counts and logs an ignored failure; no row, or one row with only the error column set.
    func ignore(_ error: MLPredictError) -> [Row] {
        counters.ignored()
        logger.warning("ignored a failed row (error-handling-strategy IGNORE): \(error.message)")
        guard let errorColumn else { return [] }
        var values = Array(repeating: Value.null, count: outputSchema.columns.count)
        values[errorColumn] = .string(error.message)
        return [Row(values)]
    }

    /// A batch's rows with NULL inserted for the error column; the batch itself (no copy) without one.
    func withErrorColumn(_ batches: [[Row]]) -> [[Row]] {
        errorColumn == nil ? batches : batches.map(withErrorColumn)
    }

    /// The model's rows with NULL inserted for the error column, if OUTPUT has one.
    func withErrorColumn(_ rows: [Row]) -> [Row] {
        guard let errorColumn else { return rows }
        return rows.map { row in
            var values = row.values
            values.insert(.null, at: errorColumn)
            return Row(values)
        }
    }
}

extension ExecutionPolicy {
    /// This policy without retries: its final strategy applied at once.
    var withoutRetries: ExecutionPolicy {
        var policy = self
        policy.errorHandling = finalStrategy
        return policy
    }
}

extension Duration {
    /// In seconds, as a `TimeInterval`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
