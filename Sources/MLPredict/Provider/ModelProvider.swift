/// A model's runtime, created by a ``ModelProviderFactory`` from a model definition (FLIP-525).
///
/// A provider offers its predictions through a refinement: ``PredictRuntimeProvider`` for models
/// written in Swift, ``PythonPredictRuntimeProvider`` for models written in Python (FLIP-552).
public protocol ModelProvider: Sendable {
    /// The model definition the provider was created for.
    var context: ModelProviderContext { get }
}

/// A provider whose predict function runs in Swift.
public protocol PredictRuntimeProvider: ModelProvider {
    /// Creates the predict function, ready to predict.
    func createPredictFunction() throws -> any PredictFunction
}

/// A provider whose predict function is a Python class (FLIP-552's `PythonPredictRuntimeProvider`).
public protocol PythonPredictRuntimeProvider: ModelProvider {
    /// The Python predict function: its class, its serialized model config, and how to load it.
    var pythonPredictFunction: any PythonPredictFunction { get }
}
