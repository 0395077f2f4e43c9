import MLPredictPython

extension FunctionLoader {
    /// Makes the model's environment (``PythonPredictFunction/pythonDependencies``) ready for the
    /// embedded interpreter and adds it to `sys.path`, unless it conflicts with what the interpreter,
    /// shared by every in-process model, already has (`mlpredict._environments`). An environment is
    /// built without the GIL held.
    func addEnvironment(_ runtime: PythonRuntime) throws(MLPredictError) {
        let dependencies = function.pythonDependencies
        guard !dependencies.isEmpty else { return }
        let model = function.modelName
        let interpreter = try Interpreter.withGIL { gil throws(MLPredictError) in
            do throws(PythonError) {
                let identity = try runtime.interpreterIdentity.reference(gil).call(gil)
                return InterpreterIdentity(
                    executable: try identity.sequenceItem(0, gil).string(gil),
                    version: try identity.sequenceItem(1, gil).string(gil))
            } catch {
                throw MLPredictError(
                    .pythonEnvironment, "model '\(model)': finding the embedded interpreter's executable raised \(error.summary)",
                    model: model, cause: error)
            }
        }
        let environment = try ModelEnvironment.prepare(dependencies, for: interpreter, model: model)
        try Interpreter.withGIL { gil throws(MLPredictError) in
            do throws(PythonError) {
                var arguments = try PythonTupleBuilder(count: 4, gil)
                arguments.append(try PythonReference(string: model, gil))
                if let sitePackages = environment.virtualEnvironment?.sitePackages {
                    arguments.append(try PythonReference(string: sitePackages, gil))
                } else {
                    arguments.append(.none(gil))
                }
                arguments.append(try PythonReference(tupleOfStrings: environment.virtualEnvironment?.seed ?? [], gil))
                arguments.append(try PythonReference(tupleOfStrings: environment.searchPaths, gil))
                _ = try runtime.addEnvironment.reference(gil).call(arguments: arguments.build(), gil)
            } catch {
                throw conflictError(error, dependencies)
            }
        }
    }

    private func conflictError(_ error: PythonError, _ dependencies: PythonDependencies) -> MLPredictError {
        let model = function.modelName
        guard error.typeName.hasSuffix("EnvironmentConflictError") else {
            return MLPredictError(
                .pythonEnvironment, "model '\(model)': adding its Python environment raised \(error.summary)", model: model,
                cause: error)
        }
        let options = [
            dependencies.requirementsFile.map { "'python.requirements' \($0)" },
            dependencies.files.isEmpty ? nil : "'python.files' \(dependencies.files.joined(separator: ","))",
        ].compactMap { $0 }.joined(separator: ", ")
        return MLPredictError(
            .pythonEnvironment,
            "model '\(model)': its Python environment (\(options)) conflicts with the interpreter that in-process "
                + "models share, where each module is imported once: \(error.message). Run the model with "
                + "'execution-mode' = 'process', where its workers use its own environment",
            model: model, cause: error)
    }
}
