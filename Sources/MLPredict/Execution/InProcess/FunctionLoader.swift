import MLPredictPython

/// The steps that turn a ``PythonPredictFunction`` into an opened Python instance, each failing
/// with an error that says which step failed for which model.
struct FunctionLoader<Function: PythonPredictFunction> {
    let function: Function

    private var model: String { function.modelName }

    /// Loads the class (`mlpredict._loader.load_class`) and creates an instance.
    func instantiate(_ runtime: PythonRuntime, _ gil: borrowing GIL) throws(MLPredictError) -> PythonReference {
        let type = try loadClass(runtime, gil)
        return try step(.load, "creating an instance of '\(function.pythonClass)'") { () throws(PythonError) in
            try type.call(gil)
        }
    }

    private func loadClass(_ runtime: PythonRuntime, _ gil: borrowing GIL) throws(MLPredictError) -> PythonReference {
        do throws(PythonError) {
            let arguments = try PythonReference(
                tupleOfStrings: [function.modelDirectory, function.pythonClass, model], gil)
            return try runtime.loadClass.reference(gil).call(arguments: arguments, gil)
        } catch {
            throw loadError(error)
        }
    }

    /// `set_model_config(model_config)`, then `open(context)`.
    func open(_ instance: borrowing PythonReference, _ runtime: PythonRuntime, _ gil: borrowing GIL) throws(MLPredictError) {
        _ = try step(.open, "set_model_config") { () throws(PythonError) in
            try instance.attribute("set_model_config", gil).call(PythonReference(string: function.modelConfig, gil), gil)
        }
        _ = try step(.open, "open") { () throws(PythonError) in
            let context = try runtime.createContext.reference(gil).call(instance, gil)
            return try instance.attribute("open", gil).call(context, gil)
        }
    }

    /// Which phase a step belongs to: its failure's error code.
    enum Phase {
        case load, open

        var code: MLPredictError.Code { self == .load ? .loadFailed : .openFailed }
    }

    /// Runs one step; a Python exception becomes an error naming the model and the step.
    func step<Result: ~Copyable>(
        _ phase: Phase, _ what: String, _ body: () throws(PythonError) -> Result
    ) throws(MLPredictError) -> Result {
        do {
            return try body()
        } catch {
            throw MLPredictError(phase.code, "model '\(model)': \(what) raised \(error.summary)", model: model, cause: error)
        }
    }

    /// Maps the loader's exceptions to error codes; anything else (a syntax error, an exception
    /// at the module's top level, a missing dependency) is a load failure.
    private func loadError(_ error: PythonError) -> MLPredictError {
        let code: MLPredictError.Code =
            switch error.typeName.split(separator: ".").last ?? "" {
            case "PredictModuleNotFoundError": .moduleNotFound
            case "PredictClassNotFoundError": .classNotFound
            case "NotAPredictFunctionError": .notAPredictFunction
            default: .loadFailed
            }
        let message =
            code == .loadFailed
            ? "model '\(model)': loading '\(function.pythonClass)' from \(function.modelDirectory) raised "
                + "\(error.typeName): \(error.message)"
            : error.message
        return MLPredictError(code, message, model: model, cause: error)
    }
}
