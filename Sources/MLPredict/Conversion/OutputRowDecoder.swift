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

    func decode(_ result: borrowing PythonReference, _ gil: borrowing GIL) throws(MLPredictError) -> [Row] {
        switch result.kind(gil) {
        case .none:
            throw invalid("predict returned None; it must return a list of rows (return [] for no result)")
        case .string, .int, .float, .bool:
            throw invalid("predict returned \(result.typeName(gil)) \(result.shortRepr(gil)); it must return a list of rows")
        case .tuple where columns.unnamedRowType.isInstance(result, gil):
            return [try decodeRow(result, index: 0, gil)]
        default:
            break
        }
        var rows: [Row] = []
        do {
            try result.forEachItem(gil) { (item) throws(MLPredictError) in
                rows.append(try decodeRow(item, index: rows.count, gil))
            }
        } catch {
            switch error {
            case .body(let error): throw error
            case .python(let error):
                throw MLPredictError(
                    .invalidOutput,
                    "model '\(model)': predict returned \(result.typeName(gil)) \(result.shortRepr(gil)), "
                        + "which is not a list of rows (iterating it raised \(error.typeName): \(error.message))",
                    model: model, cause: error)
            }
        }
        return rows
    }

    private func decodeRow(_ item: borrowing PythonReference, index: Int, _ gil: borrowing GIL) throws(MLPredictError) -> Row {
        let order: [Int]?
        do {
            order = try columns.fieldOrder(of: item, gil)
        } catch {
            throw invalid("row \(index) of predict's result " + error.detail(of: columns, owner: "OUTPUT", noun: "columns"))
        }
        do {
            return Row(try columns.values(of: item, order: order, gil))
        } catch {
            throw MLPredictError(
                .invalidOutput, "model '\(model)': output column \(error.columnLabel) of row \(index): \(error.message)",
                model: model, cause: error.cause)
        }
    }

    private func invalid(_ message: String) -> MLPredictError {
        MLPredictError(.invalidOutput, "model '\(model)': \(message)", model: model)
    }
}
