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
        let (shared, definition) = try lease(identifier)
        do {
            var binding = try PredictBinding(
                model: shared.model, table: table, tableName: call.tableName, descriptor: descriptor, function: function)
            binding.policy = try shared.model.policy.merging(config, what: "\(function) CONFIG")
            let consumer: Query.Consumer
            switch call {
            case .predict:
                consumer = .predict(
                    PredictionCollector(
                        schema: Schema.mlPredictResult(input: table.schema, output: shared.model.outputSchema)))
            case .evaluate(_, _, let label, _, let task, _):
                consumer = .evaluate(
                    try Evaluator(
                        task: task, label: label, table: table,
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

    /// A lease on the model `identifier` names (a temporary model first, as ``resolve(_:)`` finds
    /// it), and its definition. Each catalog's generation is read before its definition, so that a
    /// DROP, ALTER or RENAME in between leaves no model loaded for the old definition.
    private func lease(_ identifier: ModelIdentifier) throws(MLPredictError) -> (SharedModel, CatalogModel) {
        let path = try path(identifier)
        for owner in [temporaryModels, catalog] as [any ModelCatalog] {
            let generation = owner.loadedModels.generation(of: path)
            if let definition = try owner.model(at: path) {
                return (try owner.loadedModels.lease(path, definition, generation: generation, registry: registry), definition)
            }
        }
        throw .unknownModel(path)
    }
}
