/// The optional OUTPUT column that receives a failed row's error message, as Flink's OpenAI model
/// provider declares its `error-string` metadata column: with it, a row that fails under the
/// `IGNORE` strategy yields one row whose other columns are NULL and whose `error-string` holds the
/// message, so a stream can route failures instead of dropping them. The model itself never sees
/// the column: its OUTPUT schema (and config JSON) leave it out, and successful rows get NULL there.
enum ErrorColumn {
    /// The column's name.
    static let name = "error-string"

    /// The position of the error column in `schema`, if it has one.
    static func index(in schema: Schema) -> Int? {
        schema.columns.firstIndex { $0.name == name }
    }

    /// `schema` without the error column: what the model produces.
    static func modelOutput(_ schema: Schema) -> Schema {
        Schema(schema.columns.filter { $0.name != name })
    }

    /// Checks the error column, if any: a nullable string, the other columns nullable (a failed
    /// row has NULL there).
    static func validate(_ schema: Schema, model: String) throws(MLPredictError) {
        guard let index = index(in: schema) else { return }
        let column = schema.columns[index]
        guard case .varchar = column.type.kind, column.type.isNullable else {
            throw MLPredictError(
                .invalidModel,
                "model '\(model)': OUTPUT column '\(name)' receives error messages, so it must be a nullable STRING "
                    + "(or VARCHAR), but it is \(column.type)",
                model: model)
        }
        if let strict = schema.columns.first(where: { $0.name != name && !$0.type.isNullable }) {
            throw MLPredictError(
                .invalidModel,
                "model '\(model)': OUTPUT column '\(strict.name)' is NOT NULL, but a row that fails under the IGNORE "
                    + "strategy has NULL there when the model has an '\(name)' column; drop the NOT NULL",
                model: model)
        }
    }
}
