/// A Flink SQL data type of a model's INPUT or OUTPUT column, with its nullability.
///
/// The spelling follows Flink SQL: `STRING` is `VARCHAR` of the maximum length, and
/// ``description`` prints the type the way a `CREATE MODEL` statement writes it
/// (for example `VARCHAR(10) NOT NULL`).
public struct DataType: Sendable, Hashable, CustomStringConvertible {
    /// The type without its nullability.
    public enum Kind: Sendable, Hashable {
        case boolean
        case tinyInt
        case smallInt
        case int
        case bigInt
        case float
        case double
        /// `CHAR(n)`: a string of exactly `length` characters (shorter values are padded with spaces).
        case char(length: Int)
        /// `VARCHAR(n)`, and `STRING` when `length` is ``DataType/maxStringLength``.
        case varchar(length: Int)
    }

    /// The length of `STRING`, Flink's `VARCHAR(2147483647)`.
    public static let maxStringLength = Int(Int32.max)

    /// The type without its nullability.
    public var kind: Kind
    /// Whether the column accepts SQL NULL (`false` for `NOT NULL`).
    public var isNullable: Bool

    /// Creates a type; columns are nullable unless declared `NOT NULL`.
    public init(_ kind: Kind, isNullable: Bool = true) {
        self.kind = kind
        self.isNullable = isNullable
    }

    public static let boolean = DataType(.boolean)
    public static let tinyInt = DataType(.tinyInt)
    public static let smallInt = DataType(.smallInt)
    public static let int = DataType(.int)
    public static let bigInt = DataType(.bigInt)
    public static let float = DataType(.float)
    public static let double = DataType(.double)
    public static let string = DataType(.varchar(length: maxStringLength))
    public static func char(_ length: Int) -> DataType { DataType(.char(length: length)) }
    public static func varchar(_ length: Int) -> DataType { DataType(.varchar(length: length)) }

    /// This type with `NOT NULL`.
    public var notNull: DataType { DataType(kind, isNullable: false) }

    /// The type as Flink SQL writes it, without nullability: `INT`, `VARCHAR(10)`, `STRING`.
    public var typeName: String {
        switch kind {
        case .boolean: "BOOLEAN"
        case .tinyInt: "TINYINT"
        case .smallInt: "SMALLINT"
        case .int: "INT"
        case .bigInt: "BIGINT"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .char(let length): "CHAR(\(length))"
        case .varchar(let length): length == Self.maxStringLength ? "STRING" : "VARCHAR(\(length))"
        }
    }

    /// The type as Flink SQL writes it, with ` NOT NULL` when the column is not nullable.
    public var description: String { isNullable ? typeName : "\(typeName) NOT NULL" }
}
