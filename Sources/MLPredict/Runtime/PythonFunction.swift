import MLPredictPython
import Synchronization

/// A user's `mlpredict.PredictFunction` subclass, loaded from its model directory, configured
/// with the model config and opened: what FLIP-552's `createPythonFunction()` yields.
///
/// `predict` converts the input row by the INPUT schema, calls the Python `predict` holding the
/// GIL, and converts and checks what it returns by the OUTPUT schema. Safe to call from many
/// threads at once; Python runs one call at a time (the GIL) and switches between them.
public final class PythonFunction: PredictFunction {
    /// The model's name, for error messages.
    public let modelName: String
    private let instance: PythonObject
    let predictMethod: PythonObject
    let predictBatchMethod: PythonObject
    /// Whether `predict` / `predict_batch` are `async def` (run on the asyncio loop by the async API).
    let predictRunsCoroutines: Bool
    let predictBatchRunsCoroutines: Bool
    private let predictColumnsMethod: PythonObject
    let encoder: InputRowEncoder
    let decoder: OutputRowDecoder
    private let columnEncoder: ColumnBatchEncoder
    private let columnDecoder: ColumnBatchDecoder
    private let isClosed = Atomic<Bool>(false)
    let runtime: PythonRuntime

    /// Loads `function.pythonClass` from `function.modelDirectory`, creates an instance, hands it
    /// the model config (`set_model_config`) and opens it (`open(context)`).
    ///
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/pythonEnvironment``,
    ///   ``MLPredictError/Code/moduleNotFound``, ``MLPredictError/Code/classNotFound``,
    ///   ``MLPredictError/Code/notAPredictFunction``, ``MLPredictError/Code/loadFailed`` or
    ///   ``MLPredictError/Code/openFailed``, with the Python exception as cause.
    public init(loading function: some PythonPredictFunction) throws(MLPredictError) {
        let model = function.modelName
        let runtime = try PythonRuntime.prepare(for: model)
        let loader = FunctionLoader(function: function)
        let loaded = try Interpreter.withGIL { gil throws(MLPredictError) in
            let instance = try loader.instantiate(runtime, gil)
            do throws(MLPredictError) {
                try loader.open(instance, runtime, gil)
                let predictObject = PythonObject(try loader.step("open", "getting its predict method") { () throws(PythonError) in
                    try runtime.hostMethod(named: "predict", of: instance, gil)
                })
                let predictBatchObject = PythonObject(try loader.step("open", "getting its predict_batch method") { () throws(PythonError) in
                    try runtime.hostMethod(named: "predict_batch", of: instance, gil)
                })
                return (
                    instance: PythonObject(instance.copy(gil)),
                    predict: predictObject,
                    predictBatch: predictBatchObject,
                    coroutines: try loader.step("open", "inspecting its predict methods") { () throws(PythonError) in
                        (try runtime.runsCoroutines(predictObject, gil), try runtime.runsCoroutines(predictBatchObject, gil))
                    },
                    predictColumns: PythonObject(try loader.step("open", "getting its predict_columns method") { () throws(PythonError) in
                        try instance.attribute("predict_columns", gil)
                    }),
                    outputNames: PythonObject(try loader.step("open", "preparing its OUTPUT conversion") { () throws(PythonError) in
                        try PythonReference(tupleOfStrings: function.outputSchema.names, gil)
                    }),
                    encoder: try loader.step("open", "preparing its INPUT conversion") { () throws(PythonError) in
                        try InputRowEncoder(model: model, schema: function.inputSchema, runtime, gil)
                    },
                    decoder: try loader.step("open", "preparing its OUTPUT conversion") { () throws(PythonError) in
                        try OutputRowDecoder(model: model, schema: function.outputSchema, runtime, gil)
                    })
            } catch {
                _ = try? instance.attribute("close", gil).call(gil)  // release what a partial open acquired
                throw error
            }
        }
        modelName = model
        self.runtime = runtime
        instance = loaded.instance
        predictMethod = loaded.predict
        predictBatchMethod = loaded.predictBatch
        (predictRunsCoroutines, predictBatchRunsCoroutines) = loaded.coroutines
        encoder = loaded.encoder
        decoder = loaded.decoder
        columnEncoder = ColumnBatchEncoder(model: model, columns: loaded.encoder.columns, columnsType: runtime.columnsType)
        columnDecoder = ColumnBatchDecoder(
            model: model, columns: loaded.decoder.columns, outputColumns: runtime.outputColumns, names: loaded.outputNames)
        predictColumnsMethod = loaded.predictColumns
    }

    /// Predicts the output rows for one input row.
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/invalidInput``,
    ///   ``MLPredictError/Code/predictFailed`` or ``MLPredictError/Code/invalidOutput``.
    public func predict(_ row: Row) throws(MLPredictError) -> [Row] {
        try Interpreter.withGIL { gil throws(MLPredictError) in
            try decoder.decode(call(predictMethod, "predict", encoder.encode(row, gil), gil), .predict, gil)
        }
    }

    /// Predicts the output rows for each of a batch of input rows: one GIL acquisition and one call
    /// of the Python `predict_batch` for the whole batch.
    /// - Returns: one list of output rows per input row, in order.
    /// - Throws: ``MLPredictError`` as ``predict(_:)`` does; messages name the failing input row's
    ///   position in `rows`.
    public func predict(batch rows: [Row]) throws(MLPredictError) -> [[Row]] {
        try Interpreter.withGIL { gil throws(MLPredictError) in
            try decodeBatch(call(predictBatchMethod, "predict_batch", encodeBatch(rows, gil), gil), count: rows.count, gil)
        }
    }

    /// Predicts one output row per input row, column by column: one GIL acquisition and one call of
    /// the Python `predict_columns`, which receives BOOLEAN and numeric typed columns as
    /// `memoryview`s of the arrays' own memory (no copy).
    /// - Throws: ``MLPredictError`` as ``predict(_:)`` does; messages name the column and row.
    public func predictColumns(_ batch: ColumnBatch) throws(MLPredictError) -> ColumnBatch {
        try Interpreter.withGIL { gil throws(MLPredictError) in
            try columnDecoder.decode(
                call(predictColumnsMethod, "predict_columns", columnEncoder.encode(batch, gil), gil),
                rowCount: batch.rowCount, gil)
        }
    }

    /// `method(argument)`; a Python exception becomes a ``MLPredictError/Code/predictFailed`` naming `name`.
    func call(
        _ method: PythonObject, _ name: String, _ argument: borrowing PythonReference, _ gil: borrowing GIL
    ) throws(MLPredictError) -> PythonReference {
        do {
            return try method.reference(gil).call(argument, gil)
        } catch {
            throw failure(.predictFailed, "\(name) raised", error)
        }
    }

    func failure(_ code: MLPredictError.Code, _ what: String, _ error: PythonError) -> MLPredictError {
        MLPredictError(code, "model '\(modelName)': \(what) \(error.typeName): \(error.message)", model: modelName, cause: error)
    }

    /// Calls the Python `close()`; only the first call does.
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/closeFailed`` if `close` raised.
    public func close() throws(MLPredictError) {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        try Interpreter.withGIL { gil throws(MLPredictError) in
            do throws(PythonError) {
                _ = try instance.reference(gil).attribute("close", gil).call(gil)
            } catch {
                throw MLPredictError(
                    .closeFailed, "model '\(modelName)': close raised \(error.typeName): \(error.message)",
                    model: modelName, cause: error)
            }
        }
    }
}
