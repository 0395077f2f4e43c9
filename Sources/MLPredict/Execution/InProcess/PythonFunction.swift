import MLPredictPython
import Synchronization

/// A user's `mlpredict.PredictFunction` subclass, loaded from its model directory, configured
/// with the model config and opened, in this process's embedded interpreter: what FLIP-552's
/// `createPythonFunction()` yields.
///
/// `predict` converts the input row by the INPUT schema, calls the Python `predict` holding the
/// GIL, and converts and checks what it returns by the OUTPUT schema. Safe to call from many
/// threads at once: each call takes one of the model's ``instanceCount`` instances for itself
/// (FLIP-552 calls an instance from one thread at a time), waiting for one to be free. A model
/// whose methods are `async def` runs many calls at once on the asyncio loop instead.
public final class PythonFunction: PredictFunction {
    /// The model's name, for error messages.
    public let modelName: String
    let instances: [BoundInstance]
    let pool: InstancePool
    /// Whether `predict` / `predict_batch` are `async def` (run on the asyncio loop by the async API).
    let predictRunsCoroutines: Bool
    let predictBatchRunsCoroutines: Bool
    let encoder: InputRowEncoder
    let decoder: OutputRowDecoder
    private let columnEncoder: ColumnBatchEncoder
    private let columnDecoder: ColumnBatchDecoder
    private let isClosed = Atomic<Bool>(false)
    let runtime: PythonRuntime

    /// The number of Python instances calls are spread over (the `'instances'` option).
    public var instanceCount: Int { instances.count }

    /// Loads `function.pythonClass` from `function.modelDirectory`, creates `instances` instances,
    /// hands each the model config (`set_model_config`) and opens it (`open(context)`).
    ///
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/pythonEnvironment``,
    ///   ``MLPredictError/Code/moduleNotFound``, ``MLPredictError/Code/classNotFound``,
    ///   ``MLPredictError/Code/notAPredictFunction``, ``MLPredictError/Code/loadFailed`` or
    ///   ``MLPredictError/Code/openFailed``, with the Python exception as cause. Instances
    ///   already opened are closed again.
    public init(loading function: some PythonPredictFunction, instances count: Int = 1) throws(MLPredictError) {
        let model = function.modelName
        let runtime = try PythonRuntime.prepare(for: model)
        let loader = FunctionLoader(function: function)
        try loader.addEnvironment(runtime)
        let loaded = try Interpreter.withGIL { gil throws(MLPredictError) in
            var instances: [BoundInstance] = []
            do throws(MLPredictError) {
                for _ in 0..<max(1, count) {
                    instances.append(try loader.load(runtime, gil))
                }
                return (
                    instances: instances,
                    coroutines: try loader.step(.open, "inspecting its predict methods") { () throws(PythonError) in
                        (
                            try runtime.runsCoroutines(instances[0].predict, gil),
                            try runtime.runsCoroutines(instances[0].predictBatch, gil)
                        )
                    },
                    outputNames: PythonObject(try loader.step(.open, "preparing its OUTPUT conversion") { () throws(PythonError) in
                        try PythonReference(tupleOfStrings: function.outputSchema.names, gil)
                    }),
                    encoder: try loader.step(.open, "preparing its INPUT conversion") { () throws(PythonError) in
                        try InputRowEncoder(model: model, schema: function.inputSchema, runtime, gil)
                    },
                    decoder: try loader.step(.open, "preparing its OUTPUT conversion") { () throws(PythonError) in
                        try OutputRowDecoder(model: model, schema: function.outputSchema, runtime, gil)
                    })
            } catch {
                for instance in instances { _ = try? instance.instance.reference(gil).attribute("close", gil).call(gil) }
                throw error
            }
        }
        modelName = model
        self.runtime = runtime
        instances = loaded.instances
        pool = InstancePool(count: loaded.instances.count)
        (predictRunsCoroutines, predictBatchRunsCoroutines) = loaded.coroutines
        encoder = loaded.encoder
        decoder = loaded.decoder
        columnEncoder = ColumnBatchEncoder(model: model, columns: loaded.encoder.columns, columnsType: runtime.columnsType)
        columnDecoder = ColumnBatchDecoder(
            model: model, columns: loaded.decoder.columns, outputColumns: runtime.outputColumns, names: loaded.outputNames)
    }

    /// Predicts the output rows for one input row.
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/invalidInput``,
    ///   ``MLPredictError/Code/predictFailed`` or ``MLPredictError/Code/invalidOutput``.
    public func predict(_ row: Row) throws(MLPredictError) -> [Row] {
        try predict(row, deadline: nil)
    }

    /// Predicts the output rows for one input row; past `deadline`, the Python call is interrupted
    /// (``PythonWatchdog``) and the call fails with ``MLPredictError/Code/timedOut``.
    public func predict(_ row: Row, deadline: ContinuousClock.Instant?) throws(MLPredictError) -> [Row] {
        try withInstance("predict", until: deadline) { instance, gil throws(MLPredictError) in
            try decoder.decode(call(instance.predict, "predict", encoder.encode(row, gil), gil), .predict, gil)
        }
    }

    /// Appends the output rows for one input row to `output`, converted without a ``Row`` or a
    /// ``Value`` per cell (strings and numbers go straight into its storage), as
    /// ``predict(_:deadline:)`` checks them. On failure `output` is as it was.
    public func predict(_ row: Row, deadline: ContinuousClock.Instant?, into output: inout PredictedRows) throws(MLPredictError) {
        let mark = output.mark
        do {
            try withInstance("predict", until: deadline) { instance, gil throws(MLPredictError) in
                try decoder.decode(call(instance.predict, "predict", encoder.encode(row, gil), gil), .predict, into: &output, gil)
            }
            output.endInput()
        } catch {
            output.truncate(to: mark)
            throw error
        }
    }

    /// ``predict(_:deadline:into:)`` for a batch, with one call of the Python `predict_batch`.
    public func predict(batch rows: [Row], deadline: ContinuousClock.Instant?, into output: inout PredictedRows) throws(MLPredictError) {
        let mark = output.mark
        do {
            try withInstance("predict_batch", until: deadline) { instance, gil throws(MLPredictError) in
                try decoder.decodeBatch(
                    call(instance.predictBatch, "predict_batch", encodeBatch(rows, gil), gil), count: rows.count, into: &output, gil)
            }
        } catch {
            output.truncate(to: mark)
            throw error
        }
    }

    /// Predicts the output rows for each of a batch of input rows: one GIL acquisition and one call
    /// of the Python `predict_batch` for the whole batch.
    /// - Returns: one list of output rows per input row, in order.
    /// - Throws: ``MLPredictError`` as ``predict(_:)`` does; messages name the failing input row's
    ///   position in `rows`.
    public func predict(batch rows: [Row]) throws(MLPredictError) -> [[Row]] {
        try predict(batch: rows, deadline: nil)
    }

    /// ``predict(batch:)`` bounded by `deadline`, as ``predict(_:deadline:)`` is.
    public func predict(batch rows: [Row], deadline: ContinuousClock.Instant?) throws(MLPredictError) -> [[Row]] {
        try withInstance("predict_batch", until: deadline) { instance, gil throws(MLPredictError) in
            try decodeBatch(
                call(instance.predictBatch, "predict_batch", encodeBatch(rows, gil), gil), count: rows.count, gil)
        }
    }

    /// Predicts one output row per input row, column by column: one GIL acquisition and one call of
    /// the Python `predict_columns`, which receives BOOLEAN and numeric typed columns as
    /// `memoryview`s of the arrays' own memory (no copy).
    /// - Throws: ``MLPredictError`` as ``predict(_:)`` does; messages name the column and row.
    public func predictColumns(_ batch: ColumnBatch) throws(MLPredictError) -> ColumnBatch {
        try predictColumns(batch, deadline: nil)
    }

    /// ``predictColumns(_:)`` bounded by `deadline`, as ``predict(_:deadline:)`` is.
    public func predictColumns(_ batch: ColumnBatch, deadline: ContinuousClock.Instant?) throws(MLPredictError) -> ColumnBatch {
        try withInstance("predict_columns", until: deadline) { instance, gil throws(MLPredictError) in
            try columnDecoder.decode(
                call(instance.predictColumns, "predict_columns", columnEncoder.encode(batch, gil), gil),
                rowCount: batch.rowCount, gil)
        }
    }

    /// Takes a free instance (waiting without the GIL), then runs `body` with the GIL held and the
    /// watchdog armed for `deadline`.
    private func withInstance<Success>(
        _ method: String, until deadline: ContinuousClock.Instant?,
        _ body: (BoundInstance, borrowing GIL) throws(MLPredictError) -> Success
    ) throws(MLPredictError) -> Success {
        guard let index = pool.acquire(until: deadline) else {
            throw timedOut(method, "waiting for a free instance (all \(instances.count) busy)")
        }
        defer { pool.release(index) }
        return try Interpreter.withGIL { gil throws(MLPredictError) in
            try watched(method, until: deadline, gil) { gil throws(MLPredictError) in try body(instances[index], gil) }
        }
    }

    /// Runs `body` with the watchdog armed for `deadline`: a call still in Python then is
    /// interrupted, and whatever it ends with becomes ``MLPredictError/Code/timedOut``.
    func watched<Success>(
        _ method: String, until deadline: ContinuousClock.Instant?, _ gil: borrowing GIL,
        _ body: (borrowing GIL) throws(MLPredictError) -> Success
    ) throws(MLPredictError) -> Success {
        guard let deadline else { return try body(gil) }
        let token = PythonWatchdog.shared.watch(until: deadline, gil)
        let result = Result { () throws(MLPredictError) in try body(gil) }
        if PythonWatchdog.shared.unwatch(token, gil), case .failure(let error) = result {
            throw timedOut(method, "running; it was interrupted", cause: error)
        }
        return try result.get()
    }

    func timedOut(_ method: String, _ doing: String, cause: MLPredictError? = nil) -> MLPredictError {
        MLPredictError(
            .timedOut, "model '\(modelName)': \(method) timed out \(doing) (the 'timeout' option)", model: modelName,
            cause: cause)
    }

    /// `method(argument)`; a Python exception becomes a ``MLPredictError/Code/predictFailed`` naming `name`.
    func call(
        _ method: PythonObject, _ name: String, _ argument: borrowing PythonReference, _ gil: borrowing GIL
    ) throws(MLPredictError) -> PythonReference {
        do {
            return try method.call(argument, gil)
        } catch {
            throw failure(.predictFailed, "\(name) raised", error)
        }
    }

    func failure(_ code: MLPredictError.Code, _ what: String, _ error: PythonError) -> MLPredictError {
        MLPredictError(code, "model '\(modelName)': \(what) \(error.summary)", model: modelName, cause: error)
    }

    /// Calls the Python `close()` of every instance; only the first call does.
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/closeFailed`` if a `close` raised
    ///   (after every instance's `close` ran).
    public func close() throws(MLPredictError) {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        try Interpreter.withGIL { gil throws(MLPredictError) in
            var failure: MLPredictError?
            for instance in instances {
                do throws(PythonError) {
                    _ = try instance.instance.reference(gil).attribute("close", gil).call(gil)
                } catch {
                    failure = failure ?? MLPredictError(
                        .closeFailed, "model '\(modelName)': close raised \(error.summary)", model: modelName, cause: error)
                }
            }
            if let failure { throw failure }
        }
    }
}
