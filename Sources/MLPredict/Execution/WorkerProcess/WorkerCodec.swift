import MLPredictPython

/// Turns a worker's requests and answers into bytes and back, in the host's embedded interpreter,
/// with the in-process converters: the same type checks and the same messages in both modes
/// (docs/row-framing.md). Every method takes the GIL.
struct WorkerCodec: Sendable {
    let model: String
    private let encoder: InputRowEncoder
    private let decoder: OutputRowDecoder
    private let columnEncoder: ColumnBatchEncoder
    private let columnDecoder: ColumnBatchDecoder
    private let dumps: PythonObject
    private let loads: PythonObject
    private let tuple: PythonObject
    private let columnsPayload: PythonObject
    private let plainRows: PythonObject
    /// The `O` request's payload.
    let openPayload: [UInt8]

    init(_ function: some PythonPredictFunction) throws(MLPredictError) {
        let model = function.modelName
        let runtime = try PythonRuntime.prepare(for: model)
        self.model = model
        do throws(PythonError) {
            (encoder, decoder, columnEncoder, columnDecoder, dumps, loads, tuple, columnsPayload, plainRows, openPayload) =
                try Interpreter.withGIL { gil throws(PythonError) in
                    let pickle = try Interpreter.importModule("pickle", gil)
                    let encoder = try InputRowEncoder(model: model, schema: function.inputSchema, runtime, gil)
                    let decoder = try OutputRowDecoder(model: model, schema: function.outputSchema, runtime, gil)
                    let dumps = PythonObject(try pickle.attribute("dumps", gil))
                    let open = try PythonReference(dictionaryOf: [
                        "model_config": function.modelConfig, "model_directory": function.modelDirectory,
                        "python_class": function.pythonClass, "model_name": model,
                    ], gil)
                    return (
                        encoder, decoder,
                        ColumnBatchEncoder(model: model, columns: encoder.columns, columnsType: runtime.columnsType),
                        ColumnBatchDecoder(
                            model: model, columns: decoder.columns, outputColumns: runtime.outputColumns,
                            names: PythonObject(try PythonReference(tupleOfStrings: function.outputSchema.names, gil))),
                        dumps,
                        PythonObject(try pickle.attribute("loads", gil)),
                        PythonObject(try Interpreter.importModule("builtins", gil).attribute("tuple", gil)),
                        runtime.columnsPayload,
                        runtime.plainRows,
                        try Self.pickled(open, dumps, gil)
                    )
                }
        } catch {
            throw MLPredictError(
                .pythonEnvironment, "model '\(model)': preparing its worker protocol raised \(error.summary)", model: model,
                cause: error)
        }
    }

    /// A `P` request's payload: the row as a plain tuple of converted values.
    func encode(row: Row) throws(MLPredictError) -> [UInt8] {
        try Interpreter.withGIL { gil throws(MLPredictError) in
            let encoded = try encoder.encode(row, gil)
            return try pickling { () throws(PythonError) in
                try Self.pickled(try tuple.reference(gil).call(encoded, gil), dumps, gil)
            }
        }
    }

    /// A `B` request's payload: the list of input rows.
    func encode(batch rows: [Row]) throws(MLPredictError) -> [UInt8] {
        try Interpreter.withGIL { gil throws(MLPredictError) in
            let list = try encoder.encodeBatch(rows, gil)
            return try pickling { () throws(PythonError) in
                try Self.pickled(try plainRows.reference(gil).call(list, gil), dumps, gil)
            }
        }
    }

    /// A `C` request's payload: the input columns, buffers as `(format, bytes)`.
    func encode(columns batch: ColumnBatch) throws(MLPredictError) -> [UInt8] {
        try Interpreter.withGIL { gil throws(MLPredictError) in
            let columns = try columnEncoder.encode(batch, gil)
            return try pickling { () throws(PythonError) in
                try Self.pickled(try columnsPayload.reference(gil).call(columns, gil), dumps, gil)
            }
        }
    }

    /// What a `V` answer to a request for `input` holds, checked by the OUTPUT schema.
    func decodeRows(_ frame: WorkerFrame, method: String) throws(MLPredictError) -> [Row] {
        try decode(frame, method) { value, gil throws(MLPredictError) in try decoder.decode(value, .predict, gil) }
    }

    func decodeBatch(_ frame: WorkerFrame, count: Int) throws(MLPredictError) -> [[Row]] {
        try decode(frame, "predict_batch") { value, gil throws(MLPredictError) in
            try decoder.decodeBatch(value, count: count, gil)
        }
    }

    func decodeColumns(_ frame: WorkerFrame, rowCount: Int) throws(MLPredictError) -> ColumnBatch {
        try decode(frame, "predict_columns") { value, gil throws(MLPredictError) in
            try columnDecoder.decode(value, rowCount: rowCount, gil)
        }
    }

    /// The exception an `E` answer describes, as the Python error it was in the worker, and the
    /// loader's host code for errors of opening.
    func pythonError(_ frame: WorkerFrame) -> (error: PythonError, code: String?) {
        Interpreter.withGIL { gil in
            let fields: PythonReference
            do throws(PythonError) {
                fields = try loads.reference(gil).call(try PythonReference(bytes: frame.payload, gil), gil)
            } catch {
                return (error, nil)
            }
            guard fields.kind(gil) == .dict else {
                return (PythonError(typeName: "Exception", message: "an unreadable error from the worker", traceback: ""), nil)
            }
            let type = Self.text(fields, "type", gil) ?? "Exception"
            var notes: [String] = []
            fields.forEachEntry(gil) { key, value in
                guard (try? key.string(gil)) == "notes", value.kind(gil) == .list else { return }
                for index in 0..<value.sequenceCount(gil) {
                    if let note = try? value.sequenceItem(index, gil).string(gil) { notes.append(note) }
                }
            }
            let retryable = Self.text(fields, "retryable", gil) != "False"
            let error = PythonError(
                typeName: type, message: Self.text(fields, "message", gil) ?? "",
                traceback: Self.text(fields, "traceback", gil) ?? "", notes: notes,
                typeHierarchy: retryable ? [type] : [type, MLPredictError.nonRetryableType])
            return (error, Self.text(fields, "code", gil))
        }
    }

    /// `str(fields[key])` of a dict, nil if missing or None.
    private static func text(_ fields: borrowing PythonReference, _ key: String, _ gil: borrowing GIL) -> String? {
        var found: String?
        fields.forEachEntry(gil) { entryKey, value in
            guard found == nil, (try? entryKey.string(gil)) == key, value.kind(gil) != .none else { return }
            found = value.description(gil)
        }
        return found
    }

    private func decode<Success>(
        _ frame: WorkerFrame, _ method: String,
        _ body: (borrowing PythonReference, borrowing GIL) throws(MLPredictError) -> Success
    ) throws(MLPredictError) -> Success {
        guard frame.kind == WorkerFrame.value else {
            if frame.kind == WorkerFrame.error {
                let (error, _) = pythonError(frame)
                throw MLPredictError(
                    .predictFailed, "model '\(model)': \(method) raised \(error.summary)", model: model, cause: error)
            }
            throw MLPredictError(
                .workerFailed, "model '\(model)': its worker answered \(method) with an unknown frame kind \(frame.kind)",
                model: model)
        }
        return try Interpreter.withGIL { gil throws(MLPredictError) in
            let value: PythonReference
            do throws(PythonError) {
                value = try loads.reference(gil).call(try PythonReference(bytes: frame.payload, gil), gil)
            } catch {
                throw MLPredictError(
                    .invalidOutput, "model '\(model)': \(method)'s result from its worker could not be read: \(error.summary)",
                    model: model, cause: error)
            }
            return try body(value, gil)
        }
    }

    private func pickling<Result>(_ body: () throws(PythonError) -> Result) throws(MLPredictError) -> Result {
        do {
            return try body()
        } catch {
            throw MLPredictError(
                .invalidInput, "model '\(model)': the input could not be pickled for its worker: \(error.summary)",
                model: model, cause: error)
        }
    }

    private static func pickled(
        _ value: borrowing PythonReference, _ dumps: PythonObject, _ gil: borrowing GIL
    ) throws(PythonError) -> [UInt8] {
        let arguments = try PythonReference(tupleOf: value.copy(gil), PythonReference(5, gil), gil)
        return try dumps.reference(gil).call(arguments: arguments, gil).bytesValue(gil)
    }
}

extension PythonReference {
    /// A `dict` of strings.
    init(dictionaryOf entries: [String: String], _ gil: borrowing GIL) throws(PythonError) {
        let dictionary = try Interpreter.importModule("builtins", gil).attribute("dict", gil).call(gil)
        for (key, value) in entries {
            try dictionary.setItem(PythonReference(string: key, gil), PythonReference(string: value, gil), gil)
        }
        self = dictionary
    }
}
