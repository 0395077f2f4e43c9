/// The `generic-python` predict function: the bridge that serializes the model's path, class,
/// properties and schemas (``ModelConfig``) for the user's Python class.
///
/// When `'model-directory-path'` names an archive or URL, or `'python.archives'` is given, the
/// files are fetched and unpacked when the model loads (``resolved()``); until then
/// ``modelDirectory`` is the archive or URL as given.
public struct GenericPythonPredictFunction: PythonPredictFunction {
    /// The config handed to Python, as a value.
    public let config: ModelConfig
    public let inputSchema: Schema
    public let outputSchema: Schema
    public let modelConfig: String
    /// Where the class runs (`'execution-mode'`, `'instances'`, `'workers'`, ...).
    public let execution: ExecutionMode
    /// `'python.requirements'` and `'python.files'`, paths resolved (a package's once it is resolved).
    public let pythonDependencies: PythonDependencies
    /// The model's `'batch-size'` option (FLIP-552's prototype's), or nil when not given: the
    /// most rows per batch, for batching to use. Not part of ``config``'s JSON.
    public let batchSize: Int?
    /// What the options name to fetch; nil once resolved (or for a function made in code).
    let files: ModelFiles?

    init(
        config: ModelConfig, inputSchema: Schema, outputSchema: Schema, execution: ExecutionMode, batchSize: Int? = nil,
        pythonDependencies: PythonDependencies = PythonDependencies(), files: ModelFiles? = nil
    ) {
        self.config = config
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.execution = execution
        self.pythonDependencies = pythonDependencies
        self.batchSize = batchSize
        self.files = files?.isPackage == true || files?.archives.isEmpty == false ? files : nil
        modelConfig = config.json()
    }

    public var modelName: String { config.modelName }
    public var pythonClass: String { config.pythonPredictClass }
    public var modelDirectory: String { config.modelDirectoryPath }

    /// Whether the model's files are all local: no archive or URL is left to fetch.
    public var isResolved: Bool { files == nil }

    /// `'python.archives'` by target name: the unpacked directory each is, once resolved.
    public var pythonArchives: [String: String] { config.pythonArchives ?? [:] }

    /// The function with its package and `'python.archives'` fetched and unpacked (once into the
    /// package cache; later loads reuse it): ``modelDirectory`` is then the unpacked directory. Blocks
    /// while downloading or unpacking: call it off Swift's cooperative pool. Loading calls it.
    ///
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/modelPackageFailed`` naming the
    ///   model, the option and the package (a failed download, a `'model-sha256'` mismatch, an entry
    ///   that may not be unpacked).
    public func resolved() throws(MLPredictError) -> GenericPythonPredictFunction {
        guard let files else { return self }
        let resolved = try files.resolve(model: modelName)
        var config = self.config
        config.modelDirectoryPath = resolved.directory
        config.pythonArchives = resolved.archives.isEmpty ? nil : resolved.archives
        var execution = self.execution
        if case .process(var options) = execution, !resolved.archives.isEmpty {
            options.workingDirectory = try files.workingDirectory(resolved.archives, model: modelName)
            execution = .process(options)
        }
        return GenericPythonPredictFunction(
            config: config, inputSchema: inputSchema, outputSchema: outputSchema, execution: execution, batchSize: batchSize,
            pythonDependencies: files.isPackage ? resolved.dependencies : pythonDependencies)
    }

    /// Resolves the files, then loads the class in this process.
    public func createPythonFunction() throws(MLPredictError) -> PythonFunction {
        try resolved().loadPythonFunction()
    }

    /// Resolves the files, then loads the model as ``execution`` says.
    public func createPredictFunction() throws(MLPredictError) -> any PredictFunction {
        try resolved().loadPredictFunction()
    }
}
