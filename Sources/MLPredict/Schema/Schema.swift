/// A named, typed column of a model's INPUT or OUTPUT.
public struct Column: Sendable, Hashable {
    public var name: String
    public var type: DataType
    /// The column's `COMMENT '...'`, if the DDL gave one.
    public var comment: String?

    public init(_ name: String, _ type: DataType, comment: String? = nil) {
        self.name = name
        self.type = type
        self.comment = comment
    }
}

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
