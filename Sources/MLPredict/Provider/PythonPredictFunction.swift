/// A model implemented by a Python class that subclasses `mlpredict.PredictFunction`
/// (FLIP-552's `PythonPredictFunction`).
///
/// A conforming type says which class to load, from which directory, and with which serialized
/// model config; ``createPythonFunction()`` (provided) loads, configures and opens it in this
/// process, and ``createPredictFunction()`` (provided) runs it where the conforming type says.
public protocol PythonPredictFunction: Sendable {
    /// The model's name, for error messages.
    var modelName: String { get }
    /// The Python class, `module.Class`, found in ``modelDirectory``.
    var pythonClass: String { get }
    /// The absolute path of the directory holding the class's module.
    var modelDirectory: String { get }
    /// The serialized model config handed to `PredictFunction.set_model_config` (see ``ModelConfig``).
    var modelConfig: String { get }
    /// The INPUT columns: input rows are converted by them.
    var inputSchema: Schema { get }
    /// The OUTPUT columns: what Python returns is checked and converted by them.
    var outputSchema: Schema { get }
    /// Where the class runs: in this process (the default) or in worker processes.
    var execution: ExecutionMode { get }
    /// What the model adds to its Python (`'python.requirements'`, `'python.files'`); nothing by
    /// default. In-process it joins the shared interpreter unless it conflicts with it; in process
    /// mode the workers run in it.
    var pythonDependencies: PythonDependencies { get }

    /// Loads the class, creates an instance, gives it the model config and opens it, in this process.
    func createPythonFunction() throws(MLPredictError) -> PythonFunction

    /// The model's predict function as ``execution`` says: ``PythonFunction`` in this process, or
    /// ``WorkerPredictFunction`` over worker processes.
    func createPredictFunction() throws(MLPredictError) -> any PredictFunction
}

extension PythonPredictFunction {
    public var execution: ExecutionMode { .inProcess(instances: 1) }
    public var pythonDependencies: PythonDependencies { PythonDependencies() }

    public func createPythonFunction() throws(MLPredictError) -> PythonFunction {
        try loadPythonFunction()
    }

    public func createPredictFunction() throws(MLPredictError) -> any PredictFunction {
        try loadPredictFunction()
    }

    /// ``createPythonFunction()``'s default, for conforming types that prepare something first.
    func loadPythonFunction() throws(MLPredictError) -> PythonFunction {
        if case .inProcess(let instances) = execution {
            return try PythonFunction(loading: self, instances: instances)
        }
        return try PythonFunction(loading: self)
    }

    /// ``createPredictFunction()``'s default, for conforming types that prepare something first.
    func loadPredictFunction() throws(MLPredictError) -> any PredictFunction {
        switch execution {
        case .inProcess(let instances): try PythonFunction(loading: self, instances: instances)
        case .process(let options): try WorkerPredictFunction(loading: self, options: options)
        }
    }
}
