/// One SQL value of a ``Row``: NULL, or a value of one of Flink SQL's types.
///
/// Literals convert, so rows read naturally: `Row(["I love it", 3, 0.5, true, nil])`.
/// Integer literals become ``bigInt(_:)`` and floating-point literals ``double(_:)``; input
/// conversion then checks them against the column's declared type (range included).
public enum Value: Sendable, Hashable {
    case null
    case boolean(Bool)
    case tinyInt(Int8)
    case smallInt(Int16)
    case int(Int32)
    case bigInt(Int64)
    case float(Float)
    case double(Double)
    /// `DECIMAL(p, s)`.
    case decimal(SQLDecimal)
    /// `CHAR`, `VARCHAR` and `STRING` values.
    case string(String)
    /// `BINARY`, `VARBINARY` and `BYTES` values.
    case binary([UInt8])
    case date(SQLDate)
    case time(SQLTime)
    /// `TIMESTAMP(p)`: a date and time without time zone.
    case timestamp(SQLTimestamp)
    /// `TIMESTAMP_LTZ(p)`: an instant.
    case timestampLTZ(SQLTimestamp)
    case array([Value])
    /// `MAP<K, V>`: entries in order, keys distinct.
    case map([MapEntry])
    /// `MULTISET<T>`: distinct elements in order, each with how many times it occurs (at least 1).
    case multiset([MultisetEntry])
    /// `ROW<...>`: the fields' values in order.
    case row(Row)

    /// An entry of a ``Value/map(_:)``.
    public struct MapEntry: Sendable, Hashable {
        public var key: Value
        public var value: Value
        public init(_ key: Value, _ value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// An element of a ``Value/multiset(_:)`` and its count.
    public struct MultisetEntry: Sendable, Hashable {
        public var element: Value
        public var count: Int
        public init(_ element: Value, count: Int) {
            self.element = element
            self.count = count
        }
    }

    /// Whether this is SQL NULL.
    public var isNull: Bool { self == .null }

    /// The value's SQL type name, for error messages: `INT`, `STRING`, `ARRAY`, `NULL`.
    public var typeName: String {
        switch self {
        case .null: "NULL"
        case .boolean: "BOOLEAN"
        case .tinyInt: "TINYINT"
        case .smallInt: "SMALLINT"
        case .int: "INT"
        case .bigInt: "BIGINT"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .decimal: "DECIMAL"
        case .string: "STRING"
        case .binary: "BYTES"
        case .date: "DATE"
        case .time: "TIME"
        case .timestamp: "TIMESTAMP"
        case .timestampLTZ: "TIMESTAMP_LTZ"
        case .array: "ARRAY"
        case .map: "MAP"
        case .multiset: "MULTISET"
        case .row: "ROW"
        }
    }
}

extension Value: CustomStringConvertible {
    /// The value as a SQL literal would show it: `NULL`, `true`, `42`, `0.5`, `'text'`, `X'00FF'`,
    /// `DATE '2024-01-31'`, `ARRAY[1, 2]`, `MAP['k', 1]`, `ROW(1, 'a')`.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .boolean(let value): "\(value)"
        case .tinyInt(let value): "\(value)"
        case .smallInt(let value): "\(value)"
        case .int(let value): "\(value)"
        case .bigInt(let value): "\(value)"
        case .float(let value): "\(value)"
        case .double(let value): "\(value)"
        case .decimal(let value): "\(value)"
        case .string(let value): "'" + value.doubling("'") + "'"
        case .binary(let bytes): "X'" + bytes.map(hexDigits).joined() + "'"
        case .date(let value): "DATE '\(value)'"
        case .time(let value): "TIME '\(value)'"
        case .timestamp(let value): "TIMESTAMP '\(value)'"
        case .timestampLTZ(let value): "TIMESTAMP_LTZ '\(value)Z'"
        case .array(let values): "ARRAY[" + values.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries): "MAP[" + entries.map { "\($0.key), \($0.value)" }.joined(separator: ", ") + "]"
        case .multiset(let entries):
            "MULTISET[" + entries.flatMap { Array(repeating: $0.element.description, count: $0.count) }
                .joined(separator: ", ") + "]"
        case .row(let row): "ROW" + row.description
        }
    }
}

extension Value: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .bigInt(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
}

/// A byte as two upper-case hex digits.
private func hexDigits(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}
