import MLPredictPython

/// Turns an input ``Row`` into the `mlpredict.Row` that `predict` receives, checking it against
/// the INPUT schema.
struct InputRowEncoder: Sendable {
    let model: String
    let schema: Schema
    let converters: [ColumnConverter]
    /// `mlpredict.Row.type_for(INPUT names)`: rows index by position and by column name.
    let rowType: PythonTupleType

    init(model: String, schema: Schema, rowType: PythonTupleType) {
        self.model = model
        self.schema = schema
        self.converters = schema.columns.map(ColumnConverter.init)
        self.rowType = rowType
    }

    func encode(_ row: Row, _ gil: borrowing GIL) throws(MLPredictError) -> PythonReference {
        guard row.count == converters.count else {
            throw MLPredictError(
                .invalidInput,
                "model '\(model)': the input row has \(row.count) value\(row.count == 1 ? "" : "s") "
                    + "but INPUT has \(converters.count) column\(converters.count == 1 ? "" : "s") \(schema)",
                model: model)
        }
        var builder: PythonTupleBuilder
        do {
            builder = try PythonTupleBuilder(count: converters.count, type: rowType, gil)
        } catch {
            throw MLPredictError(.invalidInput, "model '\(model)': could not create the input row", model: model, cause: error)
        }
        for (index, converter) in converters.enumerated() {
            do {
                builder.append(try converter.toPython(row.values[index], gil))
            } catch {
                throw MLPredictError(
                    .invalidInput, "model '\(model)': input column \(converter.label): \(error.message)",
                    model: model, cause: error.cause)
            }
        }
        return builder.build()
    }
}
