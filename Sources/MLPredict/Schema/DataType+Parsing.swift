extension DataType {
    /// Parses a Flink SQL type as a `CREATE MODEL` column or the model config writes it:
    /// `DECIMAL(10, 2)`, `ARRAY<INT NOT NULL>`, ``ROW<`id` BIGINT, `name` STRING 'a comment'>``,
    /// optionally followed by `NOT NULL`.
    ///
    /// - Throws: ``MLPredictError`` (``MLPredictError/Code/syntaxError`` or
    ///   ``MLPredictError/Code/unsupportedType``) saying where the text goes wrong.
    public static func parse(_ text: String) throws(MLPredictError) -> DataType {
        var cursor = try TokenCursor(text)
        let type = try cursor.parseDataType(of: "the type")
        guard cursor.token.kind == .endOfInput else { throw cursor.unexpected("end of the type") }
        return type
    }
}
