import MLPredictPython

/// One opened Python instance of a model's class and its methods as the host calls them. A class,
/// so a call takes one reference to it rather than one to each method.
final class BoundInstance: Sendable {
    let instance: PythonObject
    let predict: PythonObject
    let predictBatch: PythonObject
    let predictColumns: PythonObject

    init(instance: PythonObject, predict: PythonObject, predictBatch: PythonObject, predictColumns: PythonObject) {
        (self.instance, self.predict, self.predictBatch, self.predictColumns) = (instance, predict, predictBatch, predictColumns)
    }
}

extension FunctionLoader {
    /// Loads the class, creates an instance, configures and opens it, and binds its methods.
    func load(_ runtime: PythonRuntime, _ gil: borrowing GIL) throws(MLPredictError) -> BoundInstance {
        let instance = try instantiate(runtime, gil)
        do throws(MLPredictError) {
            try open(instance, runtime, gil)
            return BoundInstance(
                instance: PythonObject(instance.copy(gil)),
                predict: PythonObject(try step(.open, "getting its predict method") { () throws(PythonError) in
                    try runtime.hostMethod(named: "predict", of: instance, gil)
                }),
                predictBatch: PythonObject(try step(.open, "getting its predict_batch method") { () throws(PythonError) in
                    try runtime.hostMethod(named: "predict_batch", of: instance, gil)
                }),
                predictColumns: PythonObject(try step(.open, "getting its predict_columns method") { () throws(PythonError) in
                    try instance.attribute("predict_columns", gil)
                }))
        } catch {
            _ = try? instance.attribute("close", gil).call(gil)  // release what a partial open acquired
            throw error
        }
    }
}
