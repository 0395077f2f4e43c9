import MLPredictPython

/// Turns what `predict` returned (a list of rows: `Row`s, tuples or lists) into ``Row``s,
/// checking each against the OUTPUT schema.
struct OutputRowDecoder: Sendable {
    let model: String
    let columns: RowConverter

    init(model: String, schema: Schema, _ runtime: PythonRuntime, _ gil: borrowing GIL) throws(PythonError) {
        self.model = model
        columns = try RowConverter(names: schema.names, types: schema.columns.map(\.type), runtime, gil)
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
        switch result.kind(gil) {
        case .none:
            throw invalid(origin.returned("None") + "; it must return a list of rows (return [] for no result)")
        case .string, .int, .float, .bool:
            throw invalid(origin.returned("\(result.typeName(gil)) \(result.shortRepr(gil))") + "; it must return a list of rows")
        case .tuple where columns.unnamedRowType.isInstance(result, gil):
            return [try decodeRow(result, index: 0, origin, gil)]
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

    private func decodeRow(
        _ item: borrowing PythonReference, index: Int, _ origin: Origin, _ gil: borrowing GIL
    ) throws(MLPredictError) -> Row {
        let order: [Int]?
        do {
            order = try columns.fieldOrder(of: item, gil)
        } catch {
            throw invalid(origin.row(index) + " " + error.detail(of: columns, owner: "OUTPUT", noun: "columns"))
        }
        do {
            return Row(try columns.values(of: item, order: order, gil))
        } catch {
            throw MLPredictError(
                .invalidOutput, "model '\(model)': output column \(error.columnLabel) of \(origin.shortRow(index)): \(error.message)",
                model: model, cause: error.cause)
        }
    }

    private func invalid(_ message: String) -> MLPredictError {
        MLPredictError(.invalidOutput, "model '\(model)': \(message)", model: model)
    }
}
