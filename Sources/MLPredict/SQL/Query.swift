import MLPredictPython

/// A planned query over one table: consumes its rows, then gives the result.
///
/// The synchronous API predicts each row as it comes; the asynchronous one collects rows into
/// batches of ``asyncBatchSize``, each predicted with one `predict_batch` call on ``PythonThreads``.
struct Query {
    enum Consumer {
        case predict(PredictionCollector)
        case evaluate(Evaluator)

        /// Checks that the selected columns exist in the result.
        func checkColumns(_ columns: [String]?) throws(MLPredictError) {
            let schema = switch self {
            case .predict(let collector): collector.schema
            case .evaluate(let evaluator): evaluator.schema
            }
            for name in columns ?? [] where schema.index(of: name) == nil {
                throw MLPredictError(.unknownColumn, "SELECT: column '\(name)' is not in the result \(schema)")
            }
        }
    }

    /// The most rows the asynchronous API predicts in one `predict_batch` call.
    static let asyncBatchSize = 64

    let table: Table
    let tableName: String
    let shared: SharedModel
    let binding: PredictBinding
    var consumer: Consumer
    /// The selected columns, or `nil` for `*`.
    let columns: [String]?
    /// Table rows the asynchronous API took and has not predicted yet, with their model inputs.
    private var unpredicted: [(row: Row, input: Row)] = []

    init(
        table: Table, tableName: String, shared: SharedModel, binding: PredictBinding, consumer: Consumer,
        columns: [String]?
    ) {
        self.table = table
        self.tableName = tableName
        self.shared = shared
        self.binding = binding
        self.consumer = consumer
        self.columns = columns
    }

    /// Predicts one table row and collects or evaluates the result.
    mutating func consume(_ row: Row) throws(MLPredictError) {
        try add(input: row, predicted: try binding.predict(row))
    }

    /// Takes one table row, predicting the rows taken so far once they fill a batch.
    mutating func consume(_ row: Row, on threads: PythonThreads) async throws(MLPredictError) {
        unpredicted.append((row, try binding.input(for: row)))
        if unpredicted.count == Self.asyncBatchSize { try await predictUnpredicted(on: threads) }
    }

    private mutating func predictUnpredicted(on threads: PythonThreads) async throws(MLPredictError) {
        let rows = unpredicted
        unpredicted.removeAll(keepingCapacity: true)
        let predicted = try await binding.model.predict(batch: rows.map(\.input), on: threads, policy: binding.policy)
        for (row, outputs) in zip(rows, predicted) { try add(input: row.row, predicted: outputs) }
    }

    private mutating func add(input row: Row, predicted: [Row]) throws(MLPredictError) {
        switch consumer {
        case .predict(var collector):
            collector.add(input: row, predicted: predicted)
            consumer = .predict(collector)
        case .evaluate(var evaluator):
            try evaluator.add(input: row, predicted: predicted)
            consumer = .evaluate(evaluator)
        }
    }

    /// The result, after every row.
    func finish() throws(MLPredictError) -> QueryResult {
        switch consumer {
        case .predict(let collector): collector.result.projected(columns)
        case .evaluate(let evaluator): try evaluator.result().projected(columns)
        }
    }

    /// The result, after every row taken by ``consume(_:on:)``.
    mutating func finish(on threads: PythonThreads) async throws(MLPredictError) -> QueryResult {
        if !unpredicted.isEmpty { try await predictUnpredicted(on: threads) }
        return try finish()
    }

    /// Ends the query's lease on its model.
    func release() {
        shared.release()
    }
}

/// The rows of an `ML_PREDICT` query: each input row followed by each of its predicted rows.
struct PredictionCollector {
    let schema: Schema
    private var rows: [Row] = []

    init(schema: Schema) {
        self.schema = schema
    }

    mutating func add(input: Row, predicted: [Row]) {
        for output in predicted { rows.append(Row(input.values + output.values)) }
    }

    var result: QueryResult { QueryResult(schema: schema, rows: rows) }
}

extension QueryResult {
    /// The result with only `columns` (checked to exist), in that order; all for `nil`.
    func projected(_ columns: [String]?) -> QueryResult {
        guard let columns else { return self }
        let positions = columns.compactMap { schema.index(of: $0) }
        return QueryResult(
            schema: Schema(positions.map { schema.columns[$0] }),
            rows: rows.map { row in Row(positions.map { row[$0] }) })
    }
}
