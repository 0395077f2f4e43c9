import MLPredictPython

/// Turns an input ``Row`` into the `mlpredict.Row` that `predict` receives, checking it against
/// the INPUT schema.
struct InputRowEncoder: Sendable {
    let model: String
    let columns: RowConverter

    init(model: String, schema: Schema, _ runtime: PythonRuntime, _ gil: borrowing GIL) throws(PythonError) {
        self.model = model
        columns = try RowConverter(names: schema.names, types: schema.columns.map(\.type), runtime, gil)
    }

    /// The `mlpredict.Row` for `row`; errors name the column, and the row's position in a batch
    /// (`index`) when there is one.
    func encode(_ row: Row, index: Int? = nil, _ gil: borrowing GIL) throws(MLPredictError) -> PythonReference {
        guard row.count == columns.fields.count else {
            throw MLPredictError(
                .invalidInput,
                "model '\(model)': \(index.map { "input row \($0)" } ?? "the input row") " + RowShapeError.arity(row.count).detail(
                    of: columns, owner: "INPUT", noun: "columns"),
                model: model)
        }
        do {
            return try columns.toPython(row.values, gil)
        } catch {
            throw MLPredictError(
                .invalidInput,
                "model '\(model)': input column \(error.columnLabel)\(index.map { " of input row \($0)" } ?? ""): \(error.message)",
                model: model, cause: error.cause)
        }
    }
}

extension ConversionFailure {
    /// The column and position, with the type there: `'scores[3]' (INT NOT NULL)`.
    var columnLabel: String {
        "'\(path.dropFirst())' (\(type))"
    }
}
