import MLPredictPython

/// Turns an input ``ColumnBatch`` into the `mlpredict.Columns` that `predict_columns` receives,
/// checking it against the INPUT schema: typed columns become `memoryview`s of the Swift arrays
/// (no copy), ``ColumnValues/values(_:)`` columns lists of converted values.
struct ColumnBatchEncoder: Sendable {
    let model: String
    let columns: RowConverter
    /// `mlpredict.Columns`.
    let columnsType: PythonObject

    func encode(_ batch: ColumnBatch, _ gil: borrowing GIL) throws(MLPredictError) -> PythonReference {
        guard batch.columns.count == columns.fields.count else {
            throw invalid(
                "the column batch " + RowShapeError.arity(batch.columns.count).detail(of: columns, owner: "INPUT", noun: "columns"))
        }
        let rowCount = batch.rowCount
        let mapping = try python("the input columns") { () throws(PythonError) in try PythonReference.dictionary(gil) }
        for (index, values) in batch.columns.enumerated() {
            let (name, converter) = (columns.names[index], columns.fields[index])
            guard values.count == rowCount else {
                throw invalid(
                    "input column '\(name)' (\(converter.type)) has \(values.count) values "
                        + "but column '\(columns.names[0])' has \(rowCount)")
            }
            let column = try column(values, converter, index, gil)
            try python("input column '\(name)'") { () throws(PythonError) in
                try mapping.setItem(PythonReference(string: name, gil), column, gil)
            }
        }
        return try python("the input columns") { () throws(PythonError) in try columnsType.reference(gil).call(mapping, gil) }
    }

    /// One column: a `memoryview` for a typed column matching the column's type, otherwise a list.
    private func column(
        _ values: ColumnValues, _ converter: ValueConverter, _ index: Int, _ gil: borrowing GIL
    ) throws(MLPredictError) -> PythonReference {
        let what = "input column '\(columns.names[index])'"
        switch (values, converter.representation) {
        case (.boolean(let array), .boolean): return try python(what) { () throws(PythonError) in try PythonReference(memoryViewOf: array, gil) }
        case (.tinyInt(let array), .integer(.tinyInt)): return try python(what) { () throws(PythonError) in try PythonReference(memoryViewOf: array, gil) }
        case (.smallInt(let array), .integer(.smallInt)): return try python(what) { () throws(PythonError) in try PythonReference(memoryViewOf: array, gil) }
        case (.int(let array), .integer(.int)): return try python(what) { () throws(PythonError) in try PythonReference(memoryViewOf: array, gil) }
        case (.bigInt(let array), .integer(.bigInt)): return try python(what) { () throws(PythonError) in try PythonReference(memoryViewOf: array, gil) }
        case (.float(let array), .float): return try python(what) { () throws(PythonError) in try PythonReference(memoryViewOf: array, gil) }
        case (.double(let array), .double): return try python(what) { () throws(PythonError) in try PythonReference(memoryViewOf: array, gil) }
        case (.values(let array), _): return try list(array, converter, index, gil)
        default:
            throw invalid(
                "\(what) (\(converter.type)) was given as \(values.caseName) values; "
                    + "give \(typedCase(of: converter).map { ".\($0) or " } ?? "").values")
        }
    }

    /// Runs a Python step; an exception becomes an input error saying what was being built.
    private func python<Result: ~Copyable>(_ what: String, _ body: () throws(PythonError) -> Result) throws(MLPredictError) -> Result {
        do {
            return try body()
        } catch {
            throw MLPredictError(
                .invalidInput, "model '\(model)': Python could not build \(what): \(error.typeName): \(error.message)",
                model: model, cause: error)
        }
    }

    private func list(
        _ values: [Value], _ converter: ValueConverter, _ index: Int, _ gil: borrowing GIL
    ) throws(MLPredictError) -> PythonReference {
        do throws(ForEachError<MLPredictError>) {
            return try PythonReference(listOf: values.count, gil) { (row) throws(MLPredictError) in
                do throws(ConversionFailure) {
                    return try converter.toPython(values[row], gil)
                } catch {
                    throw MLPredictError(
                        .invalidInput,
                        "model '\(model)': input column \(error.inside(".\(columns.names[index])").columnLabel) "
                            + "of input row \(row): \(error.message)",
                        model: model, cause: error.cause)
                }
            }
        } catch {
            switch error {
            case .body(let error): throw error
            case .python(let error):
                throw MLPredictError(
                    .invalidInput,
                    "model '\(model)': Python could not build input column '\(columns.names[index])': "
                        + "\(error.typeName): \(error.message)",
                    model: model, cause: error)
            }
        }
    }

    /// The typed ``ColumnValues`` case for the column's type, if it has one.
    private func typedCase(of converter: ValueConverter) -> String? {
        switch converter.representation {
        case .boolean: "boolean"
        case .integer(.tinyInt): "tinyInt"
        case .integer(.smallInt): "smallInt"
        case .integer(.int): "int"
        case .integer(.bigInt): "bigInt"
        case .float: "float"
        case .double: "double"
        default: nil
        }
    }

    private func invalid(_ message: String) -> MLPredictError {
        MLPredictError(.invalidInput, "model '\(model)': \(message)", model: model)
    }
}
