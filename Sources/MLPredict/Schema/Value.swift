import Foundation

/// One SQL value of a ``Row``: NULL, or a value of one of the scalar Flink SQL types.
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
    /// `CHAR`, `VARCHAR` and `STRING` values.
    case string(String)

    /// Whether this is SQL NULL.
    public var isNull: Bool { self == .null }

    /// The value's SQL type name, for error messages: `INT`, `STRING`, `NULL`.
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
        case .string: "STRING"
        }
    }
}

extension Value: CustomStringConvertible {
    /// The value as SQL would show it: `NULL`, `true`, `42`, `0.5`, `'text'`.
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
        case .string(let value): "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
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
