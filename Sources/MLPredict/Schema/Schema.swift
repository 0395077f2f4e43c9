/// A named, typed column of a model's INPUT or OUTPUT: the same as a field of a `ROW` type
/// (its `comment` is the column's `COMMENT '...'`).
public typealias Column = DataType.Field

/// The ordered columns of a model's INPUT or OUTPUT.
public struct Schema: Sendable, Hashable, CustomStringConvertible {
    public var columns: [Column]

    public init(_ columns: [Column]) {
        self.columns = columns
    }

    /// The column names, in order.
    public var names: [String] { columns.map(\.name) }

    /// The position of the column named `name`, if there is one.
    public func index(of name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    /// The schema as a Flink SQL column list: `(text STRING, score DOUBLE NOT NULL)`.
    public var description: String {
        "(" + columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ") + ")"
    }
}

extension Schema {
    /// Parses a column list as `CREATE MODEL`'s INPUT writes it: `(text STRING, score DOUBLE NOT NULL)`.
    public static func parse(_ text: String) throws(MLPredictError) -> Schema {
        try StatementParser.parseSchema(text)
    }
}
