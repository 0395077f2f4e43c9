/// A Flink SQL data type of a model's INPUT or OUTPUT column, with its nullability, nested to any
/// depth (`ARRAY<ROW<id BIGINT NOT NULL, tags MULTISET<STRING>>>`).
///
/// ``description`` prints the type the way a `CREATE MODEL` statement writes it
/// (`VARCHAR(10) NOT NULL`), and ``typeName`` without the outermost nullability, which is how the
/// model config names a column's type. ``parse(_:)`` reads either back.
public struct DataType: Sendable, Hashable, CustomStringConvertible {
    /// The type without its own nullability; nested types carry theirs.
    public indirect enum Kind: Sendable, Hashable {
        case boolean
        case tinyInt
        case smallInt
        case int
        case bigInt
        case float
        case double
        /// `DECIMAL(p, s)`: `precision` digits in all (1...38), `scale` of them after the point (0...p).
        case decimal(precision: Int, scale: Int)
        /// `CHAR(n)`: a string of exactly `length` characters (shorter values are padded with spaces).
        case char(length: Int)
        /// `VARCHAR(n)`, and `STRING` when `length` is ``DataType/maxLength``.
        case varchar(length: Int)
        /// `BINARY(n)`: exactly `length` bytes (shorter values are padded with zero bytes).
        case binary(length: Int)
        /// `VARBINARY(n)`, and `BYTES` when `length` is ``DataType/maxLength``.
        case varbinary(length: Int)
        /// `DATE`: a day of the proleptic Gregorian calendar, years 0 to 9999.
        case date
        /// `TIME(p)`: a time of day with `precision` fractional second digits (0...9).
        case time(precision: Int)
        /// `TIMESTAMP(p)` (`WITHOUT TIME ZONE`): a date and time of day, no time zone.
        case timestamp(precision: Int)
        /// `TIMESTAMP_LTZ(p)` (`TIMESTAMP(p) WITH LOCAL TIME ZONE`): an instant.
        case timestampLTZ(precision: Int)
        /// `ARRAY<T>`.
        case array(DataType)
        /// `MULTISET<T>`: a bag of elements with counts.
        case multiset(DataType)
        /// `MAP<K, V>`.
        case map(key: DataType, value: DataType)
        /// `ROW<name T, ...>`: named, typed fields in order.
        case row([Field])
    }

    /// A field of a `ROW` type.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var type: DataType
        /// The field's `COMMENT` or `'...'` description, if it has one.
        public var comment: String?

        public init(_ name: String, _ type: DataType, comment: String? = nil) {
            self.name = name
            self.type = type
            self.comment = comment
        }
    }

    /// The length of `STRING` and `BYTES`: Flink's `VARCHAR(2147483647)` and `VARBINARY(2147483647)`.
    public static let maxLength = Int(Int32.max)
    /// The largest `DECIMAL` precision.
    public static let maxDecimalPrecision = 38
    /// The largest fractional-second precision of `TIME`, `TIMESTAMP` and `TIMESTAMP_LTZ`.
    public static let maxTimePrecision = 9

    /// The type without its own nullability.
    public var kind: Kind
    /// Whether the type includes SQL NULL (`false` for `NOT NULL`).
    public var isNullable: Bool

    /// Creates a type; types are nullable unless declared `NOT NULL`.
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
    public static let string = DataType(.varchar(length: maxLength))
    public static let bytes = DataType(.varbinary(length: maxLength))
    public static let date = DataType(.date)
    public static func decimal(_ precision: Int, _ scale: Int) -> DataType {
        DataType(.decimal(precision: precision, scale: scale))
    }
    public static func char(_ length: Int) -> DataType { DataType(.char(length: length)) }
    public static func varchar(_ length: Int) -> DataType { DataType(.varchar(length: length)) }
    public static func binary(_ length: Int) -> DataType { DataType(.binary(length: length)) }
    public static func varbinary(_ length: Int) -> DataType { DataType(.varbinary(length: length)) }
    public static func time(_ precision: Int = 0) -> DataType { DataType(.time(precision: precision)) }
    public static func timestamp(_ precision: Int = 6) -> DataType { DataType(.timestamp(precision: precision)) }
    public static func timestampLTZ(_ precision: Int = 6) -> DataType { DataType(.timestampLTZ(precision: precision)) }
    public static func array(_ element: DataType) -> DataType { DataType(.array(element)) }
    public static func multiset(_ element: DataType) -> DataType { DataType(.multiset(element)) }
    public static func map(_ key: DataType, _ value: DataType) -> DataType { DataType(.map(key: key, value: value)) }
    public static func row(_ fields: [Field]) -> DataType { DataType(.row(fields)) }

    /// This type with `NOT NULL`.
    public var notNull: DataType { DataType(kind, isNullable: false) }

    /// The type as Flink SQL writes it, without its own nullability: `INT`, `VARCHAR(10)`,
    /// `ARRAY<INT NOT NULL>`, ``ROW<`id` BIGINT, `name` STRING 'a comment'>``.
    public var typeName: String {
        switch kind {
        case .boolean: "BOOLEAN"
        case .tinyInt: "TINYINT"
        case .smallInt: "SMALLINT"
        case .int: "INT"
        case .bigInt: "BIGINT"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .decimal(let precision, let scale): "DECIMAL(\(precision), \(scale))"
        case .char(let length): "CHAR(\(length))"
        case .varchar(let length): length == Self.maxLength ? "STRING" : "VARCHAR(\(length))"
        case .binary(let length): "BINARY(\(length))"
        case .varbinary(let length): length == Self.maxLength ? "BYTES" : "VARBINARY(\(length))"
        case .date: "DATE"
        case .time(let precision): "TIME(\(precision))"
        case .timestamp(let precision): "TIMESTAMP(\(precision))"
        case .timestampLTZ(let precision): "TIMESTAMP_LTZ(\(precision))"
        case .array(let element): "ARRAY<\(element)>"
        case .multiset(let element): "MULTISET<\(element)>"
        case .map(let key, let value): "MAP<\(key), \(value)>"
        case .row(let fields): "ROW<" + fields.map(\.description).joined(separator: ", ") + ">"
        }
    }

    /// The type as Flink SQL writes it, with ` NOT NULL` when it excludes NULL.
    public var description: String { isNullable ? typeName : "\(typeName) NOT NULL" }
}

extension DataType.Field: CustomStringConvertible {
    /// ``` `name` TYPE 'comment' ```, with back-quotes and quotes doubled inside.
    public var description: String {
        let quotedName = "`" + name.doubling("`") + "`"
        guard let comment else { return "\(quotedName) \(type)" }
        return "\(quotedName) \(type) '\(comment.doubling("'"))'"
    }
}
