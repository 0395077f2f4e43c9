/// The two ways Flink 2.3.0 prints a type: `SHOW CREATE MODEL` uses the serialisable string
/// (`LogicalType.asSerializableString`), `DESCRIBE MODEL` the summary (`asSummaryString`).
/// Neither shows a ROW field's description: Flink's model DDL drops it.
extension DataType {
    /// The type as `SHOW CREATE MODEL` prints it, with its own ` NOT NULL`: `VARCHAR(2147483647)`,
    /// `VARBINARY(2147483647)`, `TIMESTAMP(3) WITH LOCAL TIME ZONE`, ``ROW<`a` INT NOT NULL>``.
    public var flinkSerializableString: String {
        flinkString(summary: false) + (isNullable ? "" : " NOT NULL")
    }

    /// The type as `DESCRIBE MODEL`'s `type` column shows it: without its own nullability (the
    /// `null` column says it), `STRING` and `BYTES` for the longest `VARCHAR` and `VARBINARY`,
    /// `TIMESTAMP_LTZ(p)`; nested types keep their ` NOT NULL`.
    public var flinkSummaryString: String { flinkString(summary: true) }

    private func flinkString(summary: Bool) -> String {
        func nested(_ type: DataType) -> String {
            type.flinkString(summary: summary) + (type.isNullable ? "" : " NOT NULL")
        }
        switch kind {
        case .varchar(let length) where summary && length == Self.maxLength: return "STRING"
        case .varchar(let length): return "VARCHAR(\(length))"
        case .varbinary(let length) where summary && length == Self.maxLength: return "BYTES"
        case .varbinary(let length): return "VARBINARY(\(length))"
        case .timestampLTZ(let precision):
            return summary ? "TIMESTAMP_LTZ(\(precision))" : "TIMESTAMP(\(precision)) WITH LOCAL TIME ZONE"
        case .array(let element): return "ARRAY<\(nested(element))>"
        case .multiset(let element): return "MULTISET<\(nested(element))>"
        case .map(let key, let value): return "MAP<\(nested(key)), \(nested(value))>"
        case .row(let fields):
            return "ROW<" + fields.map { "`\($0.name.doubling("`"))` \(nested($0.type))" }.joined(separator: ", ") + ">"
        default: return typeName
        }
    }
}
