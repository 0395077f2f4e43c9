import MLPredictPython

/// Turns what `predict` returned (a list of rows: `Row`s, tuples or lists) into ``Row``s,
/// checking each against the OUTPUT schema.
struct OutputRowDecoder: Sendable {
    let model: String
    let schema: Schema
    let converters: [ColumnConverter]
    /// `mlpredict.Row.type_for(OUTPUT names)`: rows of this exact type need no field-name check.
    let rowType: PythonTupleType
    /// `mlpredict.Row`: a bare instance returned by `predict` is taken as one row, and an instance of
    /// exactly this type has no field names to check.
    let rowBaseType: PythonTupleType

    init(model: String, schema: Schema, rowType: PythonTupleType, rowBaseType: PythonTupleType) {
        self.model = model
        self.schema = schema
        self.converters = schema.columns.map(ColumnConverter.init)
        self.rowType = rowType
        self.rowBaseType = rowBaseType
    }

    func decode(_ result: borrowing PythonReference, _ gil: borrowing GIL) throws(MLPredictError) -> [Row] {
        switch result.kind(gil) {
        case .none:
            throw invalid("predict returned None; it must return a list of rows (return [] for no result)")
        case .string, .int, .float, .bool:
            throw invalid("predict returned \(result.typeName(gil)) \(result.shortRepr(gil)); it must return a list of rows")
        case .tuple where rowBaseType.isInstance(result, gil):
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
        let kind = item.kind(gil)
        guard kind == .tuple || kind == .list else {
            throw invalid(
                "row \(index) of predict's result is \(item.typeName(gil)) \(item.shortRepr(gil)); "
                    + "expected a Row, tuple or list of the OUTPUT columns \(schema)")
        }
        let count = item.sequenceCount(gil)
        guard count == converters.count else {
            throw invalid(
                "row \(index) of predict's result has \(count) value\(count == 1 ? "" : "s") "
                    + "but OUTPUT has \(converters.count) column\(converters.count == 1 ? "" : "s") \(schema)")
        }
        let order = try fieldOrder(of: item, index: index, gil)
        var values: [Value] = []
        values.reserveCapacity(count)
        for (column, converter) in converters.enumerated() {
            let position = order?[column] ?? column
            do {
                values.append(try converter.fromPython(item.sequenceItem(position, gil), gil))
            } catch {
                throw MLPredictError(
                    .invalidOutput, "model '\(model)': output column \(converter.label) of row \(index): \(error.message)",
                    model: model, cause: error.cause)
            }
        }
        return Row(values)
    }

    /// For a row with field names (a named `Row` or a namedtuple) in another order than OUTPUT, the
    /// position of each OUTPUT column in it; `nil` when positions already match.
    private func fieldOrder(of item: borrowing PythonReference, index: Int, _ gil: borrowing GIL) throws(MLPredictError) -> [Int]? {
        guard item.kind(gil) == .tuple, !item.isExactTuple(gil), !rowType.isExactType(of: item, gil),
            !rowBaseType.isExactType(of: item, gil),
            let fields = try? item.attribute("_fields", gil), fields.kind(gil) == .tuple
        else { return nil }
        var names: [String] = []
        for position in 0..<fields.sequenceCount(gil) {
            guard let name = try? fields.sequenceItem(position, gil).string(gil) else { return nil }
            names.append(name)
        }
        if names == schema.names { return nil }
        let positions = schema.names.compactMap { names.firstIndex(of: $0) }
        guard positions.count == schema.names.count, Set(names).count == names.count else {
            throw invalid(
                "row \(index) of predict's result has fields (\(names.joined(separator: ", "))) "
                    + "but the OUTPUT columns are \(schema)")
        }
        return positions
    }

    private func invalid(_ message: String) -> MLPredictError {
        MLPredictError(.invalidOutput, "model '\(model)': \(message)", model: model)
    }
}
