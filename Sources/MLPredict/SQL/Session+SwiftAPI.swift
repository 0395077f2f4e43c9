/// The statements as Swift calls, for apps that build queries in code rather than SQL text.
extension Session {
    /// `SELECT * FROM ML_PREDICT(TABLE table, MODEL model, DESCRIPTOR(descriptor...), MAP[config...])`.
    public func mlPredict(
        table: String, model: ModelIdentifier, descriptor: [String], config: [String: String] = [:]
    ) throws(MLPredictError) -> QueryResult {
        try execute(
            .select(
                SelectStatement(
                    columns: nil, function: .predict(table: table, model: model, descriptor: descriptor, config: config))))
    }

    /// `SELECT * FROM ML_EVALUATE(TABLE table, MODEL model, DESCRIPTOR(label), DESCRIPTOR(features...), task, MAP[config...])`.
    public func mlEvaluate(
        table: String, model: ModelIdentifier, label: String, features: [String], task: EvaluationTask? = nil,
        config: [String: String] = [:]
    ) throws(MLPredictError) -> QueryResult {
        try execute(
            .select(
                SelectStatement(
                    columns: nil,
                    function: .evaluate(
                        table: table, model: model, label: label, features: features, task: task?.rawValue,
                        config: config))))
    }
}

extension ModelIdentifier: ExpressibleByStringLiteral {
    /// An unqualified model name.
    public init(stringLiteral name: String) {
        self.init(name)
    }
}
