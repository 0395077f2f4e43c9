/// Planning and running `SELECT ... FROM ML_PREDICT(...)` and `ML_EVALUATE(...)`.
extension Session {
    /// Resolves the table, model and columns of `select`, leasing the model until ``Query/release()``.
    func plan(_ select: SelectStatement) throws(MLPredictError) -> Query {
        let call = select.function
        let table = try table(call.tableName)
        let identifier: ModelIdentifier, descriptor: [String], config: [String: String], function: String
        switch call {
        case .predict(_, let model, let columns, let map):
            (identifier, descriptor, config, function) = (model, columns, map, "ML_PREDICT")
        case .evaluate(_, let model, _, let features, _, let map):
            (identifier, descriptor, config, function) = (model, features, map, "ML_EVALUATE")
        }
        try PredictConfig.validate(config, function: function)
        let (owner, path, definition) = try resolve(identifier)
        let shared = try owner.loadedModels.lease(path, definition, registry: registry)
        do {
            let binding = try PredictBinding(
                model: shared.model, table: table, tableName: call.tableName, descriptor: descriptor, function: function)
            let consumer: Query.Consumer
            switch call {
            case .predict:
                consumer = .predict(
                    PredictionCollector(
                        schema: Schema.mlPredictResult(input: table.schema, output: shared.model.outputSchema)))
            case .evaluate(_, _, let label, _, let task, _):
                consumer = .evaluate(
                    try Evaluator(
                        task: task ?? definition.options[ProviderOption.task], label: label, table: table,
                        tableName: call.tableName, features: binding.positions, model: shared.model))
            }
            try consumer.checkColumns(select.columns)
            return Query(
                table: table, tableName: call.tableName, shared: shared, binding: binding, consumer: consumer,
                columns: select.columns)
        } catch {
            shared.release()
            throw error
        }
    }
}

/// A planned query over one table: consumes its rows, then gives the result.
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

    let table: Table
    let tableName: String
    let shared: SharedModel
    let binding: PredictBinding
    var consumer: Consumer
    /// The selected columns, or `nil` for `*`.
    let columns: [String]?

    /// Predicts one table row and collects or evaluates the result.
    mutating func consume(_ row: Row) throws(MLPredictError) {
        let predicted = try binding.predict(row)
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
