import MLPredictPython

/// Turns what `predict` returned (a list of rows: `Row`s, tuples or lists) into ``Row``s,
/// checking each against the OUTPUT schema.
struct OutputRowDecoder: Sendable {
    let model: String
    let columns: RowConverter
    /// `mlpredict._frames.frame_rows`.
    let frameRows: PythonObject
    /// The OUTPUT column names, a Python tuple.
    let names: PythonObject

    init(model: String, schema: Schema, _ runtime: PythonRuntime, _ gil: borrowing GIL) throws(PythonError) {
        self.model = model
        columns = try RowConverter(names: schema.names, types: schema.columns.map(\.type), runtime, gil)
        frameRows = runtime.frameRows
        names = PythonObject(try PythonReference(tupleOfStrings: schema.names, gil))
    }

    /// Where a list of rows came from, for error messages: `predict`'s result, or `predict_batch`'s
    /// for one input row of a batch.
    enum Origin {
        case predict
        case batch(inputRow: Int)

        /// `predict returned <what>` / `predict_batch returned <what> for input row 3`.
        func returned(_ what: String) -> String {
            switch self {
            case .predict: "predict returned \(what)"
            case .batch(let inputRow): "predict_batch returned \(what) for input row \(inputRow)"
            }
        }

        /// `row 0 of predict's result` / `row 0 of predict_batch's result for input row 3`.
        func row(_ index: Int) -> String {
            switch self {
            case .predict: "row \(index) of predict's result"
            case .batch(let inputRow): "row \(index) of predict_batch's result for input row \(inputRow)"
            }
        }

        /// `row 0` / `row 0 of predict_batch's result for input row 3`.
        func shortRow(_ index: Int) -> String {
            switch self {
            case .predict: "row \(index)"
            case .batch: row(index)
            }
        }
    }

    func decode(
        _ result: borrowing PythonReference, _ origin: Origin, _ gil: borrowing GIL
    ) throws(MLPredictError) -> [Row] {
        if result.isExactList(gil) { return try decodeList(result, origin, gil) }
        switch result.kind(gil) {
        case .none:
            throw invalid(origin.returned("None") + "; it must return a list of rows (return [] for no result)")
        case .string, .int, .float, .bool:
            throw invalid(origin.returned("\(result.typeName(gil)) \(result.shortRepr(gil))") + "; it must return a list of rows")
        case .tuple where columns.unnamedRowType.isInstance(result, gil):
            return [try decodeRow(result, index: 0, origin, gil)]
        case .other where result.isDataFrame(gil):
            return try decodeFrame(result, origin, gil)
        case .other where result.arrayShape(gil)?.count == 1:
            // A 1-D array iterates as numbers, each of which would be called "row i".
            throw invalid(
                origin.returned(result.valueDescription(gil))
                    + ", which is one row's values or one column, not a list of rows; return [tuple(array)] for one row")
        default:
            break
        }
        var rows: [Row] = []
        do {
            try result.forEachItem(gil) { (item) throws(MLPredictError) in
                rows.append(try decodeRow(item, index: rows.count, origin, gil))
            }
        } catch {
            switch error {
            case .body(let error): throw error
            case .python(let error):
                throw MLPredictError(
                    .invalidOutput,
                    "model '\(model)': " + origin.returned("\(result.typeName(gil)) \(result.shortRepr(gil))")
                        + ", which is not a list of rows (iterating it raised \(error.typeName): \(error.message))",
                    model: model, cause: error)
            }
        }
        return rows
    }

    /// Appends what `predict` returned to `output` as ``decode(_:_:_:)`` checks it, a list's rows
    /// without a ``Row`` each. A failure may leave part of it appended.
    func decode(
        _ result: borrowing PythonReference, _ origin: Origin, into output: inout PredictedRows, _ gil: borrowing GIL
    ) throws(MLPredictError) {
        guard result.isExactList(gil) else { return try output.append(rows: try decode(result, origin, gil)) }
        var index = 0
        while index < result.sequenceCount(gil) {  // converting a row may run Python code that changes the list
            let item: PythonReference
            do { item = try result.sequenceItem(index, gil) } catch {
                throw MLPredictError(.invalidOutput, "model '\(model)': \(error.message)", model: model, cause: error)
            }
            let appended: Bool
            do { appended = try columns.append(plainRow: item, to: &output, gil) } catch { throw invalid(error, row: index, origin) }
            if !appended { try output.append(rows: [try decodeRow(item, index: index, origin, gil)]) }
            index += 1
        }
    }

    /// The rows of a `list`, the usual result: read by position, without an iterator.
    private func decodeList(_ list: borrowing PythonReference, _ origin: Origin, _ gil: borrowing GIL) throws(MLPredictError) -> [Row] {
        var rows: [Row] = []
        rows.reserveCapacity(list.sequenceCount(gil))
        while rows.count < list.sequenceCount(gil) {  // converting a row may run Python code that changes the list
            let item: PythonReference
            do { item = try list.sequenceItem(rows.count, gil) } catch {
                throw MLPredictError(.invalidOutput, "model '\(model)': \(error.message)", model: model, cause: error)
            }
            rows.append(try decodeRow(item, index: rows.count, origin, gil))
        }
        return rows
    }

    /// A pandas DataFrame's rows (or a process-mode worker's `FrameData` of one), its columns
    /// matched to the OUTPUT columns by name.
    private func decodeFrame(_ frame: borrowing PythonReference, _ origin: Origin, _ gil: borrowing GIL) throws(MLPredictError) -> [Row] {
        let rows: PythonReference
        do {
            rows = try frameRows.reference(gil).call(
                arguments: PythonReference(tupleOf: frame.copy(gil), names.reference(gil).copy(gil), gil), gil)
        } catch {
            throw MLPredictError(.invalidOutput, "model '\(model)': " + origin.returned(error.message), model: model, cause: error)
        }
        var decoded: [Row] = []
        decoded.reserveCapacity(rows.sequenceCount(gil))
        for index in 0..<rows.sequenceCount(gil) {
            let row: PythonReference
            do { row = try rows.sequenceItem(index, gil) } catch {
                throw MLPredictError(.invalidOutput, "model '\(model)': \(error.message)", model: model, cause: error)
            }
            decoded.append(try decodeRow(row, index: index, origin, gil))
        }
        return decoded
    }

    private func decodeRow(
        _ item: borrowing PythonReference, index: Int, _ origin: Origin, _ gil: borrowing GIL
    ) throws(MLPredictError) -> Row {
        do {
            if let values = try columns.values(ofPlainRow: item, gil) { return Row(values) }
        } catch {
            throw invalid(error, row: index, origin)
        }
        let order: [Int]?
        do {
            order = try columns.fieldOrder(of: item, gil)
        } catch {
            throw invalid(origin.row(index) + " " + error.detail(of: columns, owner: "OUTPUT", noun: "columns"))
        }
        do {
            return Row(try columns.values(of: item, order: order, gil))
        } catch {
            throw invalid(error, row: index, origin)
        }
    }

    private func invalid(_ error: ConversionFailure, row index: Int, _ origin: Origin) -> MLPredictError {
        MLPredictError(
            .invalidOutput, "model '\(model)': output column \(error.columnLabel) of \(origin.shortRow(index)): \(error.message)",
            model: model, cause: error.cause)
    }

    private func invalid(_ message: String) -> MLPredictError {
        MLPredictError(.invalidOutput, "model '\(model)': \(message)", model: model)
    }
}
