/// The `generic-python` predict function: the bridge that serializes the model's path, class,
/// properties and schemas (``ModelConfig``) for the user's Python class.
public struct GenericPythonPredictFunction: PythonPredictFunction {
    /// The config handed to Python, as a value.
    public let config: ModelConfig
    public let inputSchema: Schema
    public let outputSchema: Schema
    public let modelConfig: String
    /// Where the class runs (`'execution-mode'`, `'instances'`, `'workers'`, ...).
    public let execution: ExecutionMode
    /// `'python.requirements'` and `'python.files'`, paths resolved.
    public let pythonDependencies: PythonDependencies
    /// The model's `'batch-size'` option (FLIP-552's prototype's), or nil when not given: the
    /// most rows per batch, for batching to use. Not part of ``config``'s JSON.
    public let batchSize: Int?

    init(
        config: ModelConfig, inputSchema: Schema, outputSchema: Schema, execution: ExecutionMode, batchSize: Int? = nil,
        pythonDependencies: PythonDependencies = PythonDependencies()
    ) {
        self.config = config
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.execution = execution
        self.pythonDependencies = pythonDependencies
        self.batchSize = batchSize
        modelConfig = config.json()
    }

    public var modelName: String { config.modelName }
    public var pythonClass: String { config.pythonPredictClass }
    public var modelDirectory: String { config.modelDirectoryPath }
}
