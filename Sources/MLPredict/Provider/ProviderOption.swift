/// The registry's generic option checks, made before any provider code runs.
enum ProviderOption {
    /// The option that selects the factory; every model has it.
    static let provider = "provider"
    /// The model's task (FLIP-525's `TaskType`), which `ML_EVALUATE` uses; any provider accepts it.
    static let task = "task"

    /// Rejects missing required options, an option given in two spellings and options the factory
    /// does not support, listing what it supports (an option with aliases as `'a' (or 'b')`).
    static func validate(_ context: ModelProviderContext, against factory: any ModelProviderFactory) throws(MLPredictError) {
        let model = context.modelName
        let required = factory.requiredOptions.sorted().map { described($0, factory) }
        let optional = factory.optionalOptions.sorted().map { described($0, factory) }
        let prefixes = factory.optionalOptionPrefixes.sorted().map { "'\($0)*'" }
        let supported = (["'\(provider)'", "'\(task)'"] + required + optional + prefixes).joined(separator: ", ")
        let missing = factory.requiredOptions.sorted().filter { option in
            factory.spellings(of: option).allSatisfy { context.options[$0] == nil }
        }
        if !missing.isEmpty {
            throw MLPredictError(
                .missingOption,
                "model '\(model)': missing required option\(missing.count > 1 ? "s" : "") "
                    + "\(missing.map { described($0, factory) }.joined(separator: ", ")) "
                    + "for provider '\(factory.identifier)'; required: \((["'\(provider)'"] + required).joined(separator: ", "))"
                    + ", optional: \((["'\(task)'"] + optional + prefixes).joined(separator: ", "))",
                model: model)
        }
        for option in (factory.requiredOptions.sorted() + factory.optionalOptions.sorted()) {
            let given = factory.spellings(of: option).filter { context.options[$0] != nil }
            if given.count > 1 {
                throw MLPredictError(
                    .invalidOption,
                    "model '\(model)': options \(quotedList(given)) are spellings of the same option; "
                        + "give only one of them",
                    model: model)
            }
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
                    + "supported options: \(supported)",
                model: model)
        }
    }

    private static func isSupported(_ key: String, by factory: any ModelProviderFactory) -> Bool {
        key == provider || key == task || factory.requiredOptions.contains(key) || factory.optionalOptions.contains(key)
            || factory.optionAliases[key] != nil
            || factory.optionalOptionPrefixes.contains { key.hasPrefix($0) && key.count > $0.count }
    }

    /// `'option'`, or `'option' (or 'alias')` when it has aliases.
    private static func described(_ option: String, _ factory: any ModelProviderFactory) -> String {
        let aliases = factory.spellings(of: option).dropFirst()
        return aliases.isEmpty ? "'\(option)'" : "'\(option)' (or \(aliases.map { "'\($0)'" }.joined(separator: " or ")))"
    }
}
