/// A model's ``PythonDependencies`` made ready for an interpreter: the virtual environment with
/// its requirements (built or reused), and its `'python.files'` as `sys.path` entries.
struct ModelEnvironment: Sendable {
    /// The environment `'python.requirements'` asks for, or nil.
    let virtualEnvironment: VirtualEnvironment?
    /// The `'python.files'` entries, in order.
    let searchPaths: [String]

    /// Prepares `dependencies` for `interpreter`. Blocks while an environment is built.
    static func prepare(
        _ dependencies: PythonDependencies, for interpreter: InterpreterIdentity, model: String
    ) throws(MLPredictError) -> ModelEnvironment {
        let virtualEnvironment = try dependencies.requirementsFile.map { (file) throws(MLPredictError) in
            try VirtualEnvironment.prepare(
                requirements: file, cacheDirectory: dependencies.requirementsCacheDirectory, interpreter: interpreter,
                model: model)
        }
        return ModelEnvironment(
            virtualEnvironment: virtualEnvironment,
            searchPaths: try PythonFiles.entries(dependencies.files, python: interpreter.executable, model: model))
    }
}
