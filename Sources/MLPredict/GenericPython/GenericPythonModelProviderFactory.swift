import Foundation

/// The factory of the built-in `generic-python` provider (FLIP-552): runs any
/// `mlpredict.PredictFunction` subclass found in a model directory.
public struct GenericPythonModelProviderFactory: ModelProviderFactory {
    public let identifier = "generic-python"
    public let requiredOptions: Set<String> = [
        GenericPythonOptions.modelDirectoryPath, GenericPythonOptions.pythonPredictClass,
    ]
    public let optionalOptions: Set<String> = GenericPythonOptions.executionOptions.union(ExecutionPolicy.keys)
        .union(GenericPythonOptions.environmentOptions).union(GenericPythonOptions.packageOptions)
        .union([GenericPythonOptions.batchSize])
    public let optionalOptionPrefixes: Set<String> = [GenericPythonOptions.propertiesPrefix]
    /// `bgeng777/flink`'s `model` and `python-predict-function`.
    public let optionAliases: [String: String] = GenericPythonOptions.aliases

    public init() {}

    /// Checks the directory (or package), class name, batch size and environment (without touching
    /// Python or fetching a package) and creates the provider. Paths and URLs outside the context's
    /// ``ModelProviderContext/modelRoots`` are refused. Error messages name each option as the
    /// statement spells it. The environment of a package is checked once it is unpacked.
    public func createModelProvider(_ context: ModelProviderContext) throws(MLPredictError) -> any ModelProvider {
        let model = context.modelName
        let classOption =
            context.option(GenericPythonOptions.pythonPredictClass, aliases: [GenericPythonOptions.pythonPredictFunction])
            ?? (GenericPythonOptions.pythonPredictClass, "")
        let pythonClass = classOption.value
        guard GenericPythonOptions.isQualifiedClassName(pythonClass) else {
            throw MLPredictError(
                .invalidOption,
                "model '\(model)': option '\(classOption.key)' must be a Python class name "
                    + "'module.Class' (e.g. 'sentiment.SentimentPredictFunction') but is '\(pythonClass)'",
                model: model)
        }
        var batchSize: Int?
        if let value = context.options[GenericPythonOptions.batchSize] {
            guard let size = GenericPythonOptions.parseBatchSize(value) else {
                throw MLPredictError(
                    .invalidOption,
                    "model '\(model)': option '\(GenericPythonOptions.batchSize)' must be an integer from 1 to "
                        + "\(Int32.max) but is '\(value)'",
                    model: model)
            }
            batchSize = size
        }
        let files = try ModelFiles(context)
        try Self.checkExecutable(context)
        let execution = try GenericPythonOptions.executionMode(context.options, model: model)
        // A package's requirements and files are relative to its unpacked directory: checked on load.
        let dependencies =
            files.isPackage
            ? PythonDependencies()
            : try GenericPythonOptions.pythonDependencies(
                context.options, modelDirectory: files.source.description, roots: context.modelRoots, model: model)
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
                    modelName: model, modelDirectoryPath: files.source.description, pythonPredictClass: pythonClass,
                    properties: properties, inputSchema: context.inputSchema, outputSchema: modelOutput),
                inputSchema: context.inputSchema, outputSchema: modelOutput, execution: execution, batchSize: batchSize,
                pythonDependencies: dependencies, files: files))
    }

    /// With model roots set, `'python.executable'` (a program the workers run) must be inside them too.
    private static func checkExecutable(_ context: ModelProviderContext) throws(MLPredictError) {
        guard context.modelRoots.isRestricted, let executable = context.options[GenericPythonOptions.pythonExecutable] else {
            return
        }
        let path = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: context.baseDirectory, isDirectory: true))
            .standardizedFileURL.path
        try context.modelRoots.check(path: path, model: context.modelName, option: GenericPythonOptions.pythonExecutable)
    }
}
