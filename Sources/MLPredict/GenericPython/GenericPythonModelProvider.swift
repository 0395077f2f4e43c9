/// The `generic-python` provider: holds the parsed configuration and offers its predict function.
public struct GenericPythonModelProvider: PythonPredictRuntimeProvider {
    public let context: ModelProviderContext
    private let function: GenericPythonPredictFunction

    init(context: ModelProviderContext, function: GenericPythonPredictFunction) {
        self.context = context
        self.function = function
    }

    public var pythonPredictFunction: any PythonPredictFunction { function }

    /// The model's `'batch-size'` option, or nil when not given
    /// (``GenericPythonPredictFunction/batchSize``).
    public var batchSize: Int? { function.batchSize }
}
