/// The registry's generic option checks, made before any provider code runs.
enum ProviderOption {
    /// The option that selects the factory; every model has it.
    static let provider = "provider"
    /// The model's task (FLIP-525's `TaskType`), which `ML_EVALUATE` uses; any provider accepts it.
    static let task = "task"

    /// Rejects missing required options and options the factory does not support, listing what it supports.
    static func validate(_ context: ModelProviderContext, against factory: any ModelProviderFactory) throws(MLPredictError) {
        let model = context.modelName
        let supported =
            ([provider, task] + factory.requiredOptions.sorted() + factory.optionalOptions.sorted()
                + factory.optionalOptionPrefixes.sorted().map { "\($0)*" })
        let missing = factory.requiredOptions.filter { context.options[$0] == nil }.sorted()
        if !missing.isEmpty {
            throw MLPredictError(
                .missingOption,
                "model '\(model)': missing required option\(missing.count > 1 ? "s" : "") \(quotedList(missing)) "
                    + "for provider '\(factory.identifier)'; required: \(quotedList([provider] + factory.requiredOptions.sorted()))"
                    + ", optional: \(quotedList([task] + factory.optionalOptions.sorted() + factory.optionalOptionPrefixes.sorted().map { "\($0)*" }))",
                model: model)
        }
        if let value = context.options[task], EvaluationTask(rawValue: value) == nil {
            throw MLPredictError(
                .invalidOption,
                "model '\(model)': option 'task' must be one of \(quotedList(EvaluationTask.allCases.map(\.rawValue))) "
                    + "but is '\(value)'",
                model: model)
        }
        for key in context.options.keys.sorted() where !isSupported(key, by: factory) {
            throw MLPredictError(
                .unsupportedOption,
                "model '\(model)': unsupported option '\(key)' for provider '\(factory.identifier)'; "
                    + "supported options: \(quotedList(supported))",
                model: model)
        }
    }

    private static func isSupported(_ key: String, by factory: any ModelProviderFactory) -> Bool {
        key == provider || key == task || factory.requiredOptions.contains(key) || factory.optionalOptions.contains(key)
            || factory.optionalOptionPrefixes.contains { key.hasPrefix($0) && key.count > $0.count }
    }
}
