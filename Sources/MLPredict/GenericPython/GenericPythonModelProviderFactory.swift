import Foundation

/// The factory of the built-in `generic-python` provider (FLIP-552): runs any
/// `mlpredict.PredictFunction` subclass found in a model directory.
public struct GenericPythonModelProviderFactory: ModelProviderFactory {
    public let identifier = "generic-python"
    public let requiredOptions: Set<String> = [
        GenericPythonOptions.modelDirectoryPath, GenericPythonOptions.pythonPredictClass,
    ]
    public let optionalOptions: Set<String> = GenericPythonOptions.executionOptions.union(ExecutionPolicy.keys)
    public let optionalOptionPrefixes: Set<String> = [GenericPythonOptions.propertiesPrefix]

    public init() {}

    /// Checks the directory and class name (without touching Python) and creates the provider.
    public func createModelProvider(_ context: ModelProviderContext) throws(MLPredictError) -> any ModelProvider {
        let model = context.modelName
        let pythonClass = context.options[GenericPythonOptions.pythonPredictClass] ?? ""
        guard GenericPythonOptions.isQualifiedClassName(pythonClass) else {
            throw MLPredictError(
                .invalidOption,
                "model '\(model)': option '\(GenericPythonOptions.pythonPredictClass)' must be a Python class name "
                    + "'module.Class' (e.g. 'sentiment.SentimentPredictFunction') but is '\(pythonClass)'",
                model: model)
        }
        let given = context.options[GenericPythonOptions.modelDirectoryPath] ?? ""
        let directory = URL(fileURLWithPath: given, relativeTo: URL(fileURLWithPath: context.baseDirectory, isDirectory: true))
            .standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard !given.isEmpty, FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw MLPredictError(
                .invalidOption,
                "model '\(model)': option '\(GenericPythonOptions.modelDirectoryPath)' must name an existing directory "
                    + "but '\(given)' (\(directory)) \(given.isEmpty ? "is empty" : "is not a directory")",
                model: model)
        }
        let execution = try GenericPythonOptions.executionMode(context.options, model: model)
        _ = try ExecutionPolicy().merging(context.options, what: "model '\(model)'")
        try ErrorColumn.validate(context.outputSchema, model: model)
        let modelOutput = ErrorColumn.modelOutput(context.outputSchema)
        var properties: [String: String] = [:]
        for (key, value) in context.options where key.hasPrefix(GenericPythonOptions.propertiesPrefix) {
            properties[String(key.dropFirst(GenericPythonOptions.propertiesPrefix.count))] = value
        }
        return GenericPythonModelProvider(
            context: context,
            function: GenericPythonPredictFunction(
                config: ModelConfig(
                    modelName: model, modelDirectoryPath: directory, pythonPredictClass: pythonClass,
                    properties: properties, inputSchema: context.inputSchema, outputSchema: modelOutput),
                inputSchema: context.inputSchema, outputSchema: modelOutput, execution: execution))
    }
}
