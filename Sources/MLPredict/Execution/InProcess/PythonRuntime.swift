import Foundation
import Logging
import MLPredictPython
import Synchronization

/// The embedded interpreter with the `mlpredict` Python package importable, and the package's
/// entry points the runtime calls.
struct PythonRuntime: Sendable {
    /// `mlpredict._loader.load_class(model_directory, class_name, model_name)`.
    let loadClass: PythonObject
    /// `mlpredict._loader.create_context(function)`.
    let createContext: PythonObject
    /// `mlpredict.Row.type_for(names)`.
    let rowTypeFor: PythonObject
    /// `mlpredict.Row`.
    let rowType: PythonTupleType
    /// `decimal.Decimal`.
    let decimalType: PythonObject
    /// `mlpredict.Columns`.
    let columnsType: PythonObject
    /// `mlpredict._columns.output_columns(result, names)`.
    let outputColumns: PythonObject
    /// `mlpredict._frames.frame_rows(frame, names)`: a DataFrame's rows in OUTPUT order.
    let frameRows: PythonObject
    /// `function.host_method(name)`: `predict` or `predict_batch` as the
    /// host calls it (an `async def` becomes a call that blocks until the coroutine completes).
    let hostMethod: PythonObject
    /// `mlpredict._event_loop.start(method, argument, done)`: calls a host method and hands the
    /// completed future to `done`, from the asyncio loop's thread for an `async def`.
    let start: PythonObject
    /// `mlpredict._event_loop.BlockingCall`: what ``hostMethod`` makes of an `async def`.
    let blockingCallType: PythonObject
    /// `mlpredict._worker_host.columns_payload(columns)`: a worker's `C` request payload.
    let columnsPayload: PythonObject
    /// `mlpredict._worker_host.plain_rows(rows)`: a worker's `B` request payload.
    let plainRows: PythonObject
    /// `mlpredict._environments.interpreter_identity()`: the interpreter environments are made from.
    let interpreterIdentity: PythonObject
    /// `mlpredict._environments.add_environment(model, site_packages, seed, files)`.
    let addEnvironment: PythonObject

    private static let shared = Mutex<PythonRuntime?>(nil)

    /// Starts the interpreter (from the environment unless the app started it) and imports `mlpredict`.
    static func prepare(for model: String) throws(MLPredictError) -> PythonRuntime {
        try shared.withLock { (runtime) throws(MLPredictError) -> PythonRuntime in
            if let runtime { return runtime }
            do {
                try Interpreter.ensureStarted()
            } catch {
                throw MLPredictError(.pythonEnvironment, "model '\(model)': \(error)", model: model)
            }
            let prepared = try Interpreter.withGIL { gil throws(MLPredictError) in
                do {
                    return try importPackage(gil)
                } catch {
                    throw MLPredictError(
                        .pythonEnvironment,
                        "model '\(model)': cannot import the mlpredict Python package "
                            + "(looked in \(PythonPackageLocation.sourceDirectory ?? "no bundled copy") and on sys.path)",
                        model: model, cause: error)
                }
            }
            runtime = prepared
            return prepared
        }
    }

    private static func importPackage(_ gil: borrowing GIL) throws(PythonError) -> PythonRuntime {
        if let directory = PythonPackageLocation.sourceDirectory {
            let path = try Interpreter.importModule("sys", gil).attribute("path", gil)
            _ = try path.attribute("insert", gil).call(
                arguments: PythonReference(tupleOf: PythonReference(0, gil), PythonReference(string: directory, gil), gil),
                gil)
        }
        // The host's only import of the package (its entries are listed in `HOST_API`).
        let host = try Interpreter.importModule("mlpredict._host", gil)
        _ = try host.attribute("install_guards", gil).call(PythonReference(Int(getpid()), gil), gil)
        try installLogBridge(host, gil)
        return PythonRuntime(
            loadClass: PythonObject(try host.attribute("load_class", gil)),
            createContext: PythonObject(try host.attribute("create_context", gil)),
            rowTypeFor: PythonObject(try host.attribute("row_type_for", gil)),
            rowType: try tupleType(try host.attribute("Row", gil), gil),
            decimalType: PythonObject(try host.attribute("Decimal", gil)),
            columnsType: PythonObject(try host.attribute("Columns", gil)),
            outputColumns: PythonObject(try host.attribute("output_columns", gil)),
            frameRows: PythonObject(try host.attribute("frame_rows", gil)),
            hostMethod: PythonObject(try host.attribute("host_method", gil)),
            start: PythonObject(try host.attribute("start", gil)),
            blockingCallType: PythonObject(try host.attribute("BlockingCall", gil)),
            columnsPayload: PythonObject(try host.attribute("columns_payload", gil)),
            plainRows: PythonObject(try host.attribute("plain_rows", gil)),
            interpreterIdentity: PythonObject(try host.attribute("interpreter_identity", gil)),
            addEnvironment: PythonObject(try host.attribute("add_environment", gil)))
    }

    /// Sends Python's `logging` records to swift-log (``PythonLogRecord``): a handler on the root
    /// logger, whose level becomes that of the host's `mlpredict.model` logger, calls back into
    /// Swift, which logs each record with the GIL released (a log backend may block on I/O).
    private static func installLogBridge(_ host: borrowing PythonReference, _ gil: borrowing GIL) throws(PythonError) {
        let sink = try PythonReference(
            callback: { payload, gil in
                guard let text = try? payload.string(gil) else { return }
                Interpreter.withoutGIL(gil) { PythonLogRecord.log(text.utf8, model: nil) }
            }, gil)
        let level = PythonLogRecord.pythonThreshold(for: Logger(label: PythonLogRecord.label).logLevel)
        _ = try host.attribute("install_log_bridge", gil).call(
            arguments: PythonReference(tupleOf: sink, PythonReference(level, gil), gil), gil)
    }

    /// `function`'s method `name` as the host calls it (see ``hostMethod``).
    func hostMethod(named name: String, of function: borrowing PythonReference, _ gil: borrowing GIL) throws(PythonError)
        -> PythonReference
    {
        try hostMethod.reference(gil).call(
            arguments: PythonReference(tupleOf: function.copy(gil), PythonReference(string: name, gil), gil), gil)
    }

    /// Whether `method` (from ``hostMethod``) runs a coroutine: an `async def` model method.
    func runsCoroutines(_ method: PythonObject, _ gil: borrowing GIL) throws(PythonError) -> Bool {
        try method.reference(gil).isInstance(of: blockingCallType.reference(gil), gil)
    }

    /// The `mlpredict.Row` subclass whose fields are `names`.
    func rowType(for names: [String], _ gil: borrowing GIL) throws(PythonError) -> PythonTupleType {
        try Self.tupleType(rowTypeFor.reference(gil).call(PythonReference(tupleOfStrings: names, gil), gil), gil)
    }

    /// `type` as a ``PythonTupleType``; `mlpredict` guarantees `Row` types are plain tuple subclasses.
    private static func tupleType(_ type: borrowing PythonReference, _ gil: borrowing GIL) throws(PythonError) -> PythonTupleType {
        guard let tupleType = PythonTupleType(type, gil) else {
            throw PythonError(
                typeName: "TypeError", message: "\(type.shortRepr(gil)) is not a plain tuple subclass (mlpredict.Row)",
                traceback: "")
        }
        return tupleType
    }
}
