/// A model implemented by a Python class that subclasses `mlpredict.PredictFunction`
/// (FLIP-552's `PythonPredictFunction`).
///
/// A conforming type says which class to load, from which directory, and with which serialized
/// model config; ``createPythonFunction()`` (provided) loads, configures and opens it.
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

    /// Loads the class, creates an instance, gives it the model config and opens it.
    func createPythonFunction() throws(MLPredictError) -> PythonFunction
}

extension PythonPredictFunction {
    public func createPythonFunction() throws(MLPredictError) -> PythonFunction {
        try PythonFunction(loading: self)
    }
}
