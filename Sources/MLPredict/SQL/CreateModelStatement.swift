/// A parsed `CREATE MODEL` statement (FLIP-437 syntax, as FLIP-552 uses it):
///
/// ```sql
/// CREATE [OR REPLACE] [TEMPORARY] MODEL [IF NOT EXISTS] [catalog.][db.]name
/// [INPUT (column TYPE [NULL | NOT NULL] [COMMENT '...'], ...)
///  OUTPUT (column TYPE [NULL | NOT NULL] [COMMENT '...'], ...)]
/// [COMMENT '...']
/// WITH ('key' = 'value', ...)
/// ```
public struct CreateModelStatement: Sendable, Hashable {
    /// The model's name, unquoted.
    public var name: String
    /// The database the statement named (`db.name`), if any.
    public var database: String?
    /// The catalog the statement named (`catalog.db.name`), if any.
    public var catalog: String?
    /// Whether the statement said `CREATE TEMPORARY MODEL`.
    public var isTemporary: Bool
    /// Whether the statement said `IF NOT EXISTS`.
    public var ifNotExists: Bool
    /// Whether the statement said `CREATE OR REPLACE MODEL`: replace a model of that name.
    public var orReplace: Bool = false
    /// The INPUT columns, in order.
    public var input: Schema
    /// The OUTPUT columns, in order.
    public var output: Schema
    /// The model's `COMMENT '...'`, if the statement gave one.
    public var comment: String?
    /// The `WITH (...)` options, such as `provider` and `model-directory-path`.
    public var options: [String: String]

    public init(
        name: String, database: String? = nil, catalog: String? = nil, isTemporary: Bool = false, ifNotExists: Bool = false, input: Schema, output: Schema,
        comment: String? = nil, options: [String: String]
    ) {
        self.name = name
        self.database = database
        self.catalog = catalog
        self.isTemporary = isTemporary
        self.ifNotExists = ifNotExists
        self.input = input
        self.output = output
        self.comment = comment
        self.options = options
    }

    /// Parses one `CREATE MODEL` statement, optionally ending with `;`.
    ///
    /// Keywords are case-insensitive; names may be unquoted, back-ticked or double-quoted;
    /// `--` and `/* */` comments may appear anywhere between tokens.
    ///
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/syntaxError`` for invalid SQL,
    ///   ``MLPredictError/Code/unsupportedType`` for a Flink type MLPredict does not support, or
    ///   ``MLPredictError/Code/invalidModel`` for an empty INPUT or OUTPUT, a duplicate column or
    ///   a duplicate option. The error's `location` says where; its message quotes the line with a caret.
    public static func parse(_ sql: String) throws(MLPredictError) -> CreateModelStatement {
        try StatementParser.parseCreateModel(sql)
    }

    /// The model's name with the catalog and database the statement gave.
    public var identifier: ModelIdentifier { ModelIdentifier(name, database: database, catalog: catalog) }
}
