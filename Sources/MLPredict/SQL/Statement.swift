/// One SQL statement a ``Session`` executes (FLIP-437's model DDL, and queries over
/// `ML_PREDICT` and `ML_EVALUATE`).
public enum Statement: Sendable, Hashable {
    case createModel(CreateModelStatement)
    /// `DROP [TEMPORARY] MODEL [IF EXISTS] name`.
    case dropModel(ModelIdentifier, isTemporary: Bool, ifExists: Bool)
    /// `ALTER MODEL [IF EXISTS] name SET ('k' = 'v', ...)`.
    case alterModelSet(ModelIdentifier, ifExists: Bool, options: [String: String])
    /// `ALTER MODEL [IF EXISTS] name RESET ('k', ...)`.
    case alterModelReset(ModelIdentifier, ifExists: Bool, keys: [String])
    /// `ALTER MODEL [IF EXISTS] name RENAME TO new_name`.
    case alterModelRename(ModelIdentifier, ifExists: Bool, newName: ModelIdentifier)
    /// `SHOW MODELS [(FROM | IN) [catalog.]database] [[NOT] LIKE 'pattern']`: `database` is a
    /// ``ModelIdentifier`` whose `name` is the database and `database` the catalog, if given.
    case showModels(in: ModelIdentifier? = nil, like: String?, notLike: Bool = false)
    /// `DESCRIBE MODEL name` (also `DESC MODEL`).
    case describeModel(ModelIdentifier)
    /// `SHOW CREATE MODEL name`.
    case showCreateModel(ModelIdentifier)
    /// `SELECT ... FROM ML_PREDICT(...)` or `ML_EVALUATE(...)`.
    case select(SelectStatement)

    /// Parses `sql` as exactly one statement, optionally ending with `;` (as Flink's `executeSql`
    /// takes it).
    ///
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/syntaxError`` for invalid SQL, no
    ///   statement, or more than one ("only single statement supported").
    public static func parse(_ sql: String) throws(MLPredictError) -> Statement {
        try StatementParser.parseSingle(sql)
    }

    /// Parses `sql`: one or more statements separated by `;`.
    ///
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/syntaxError`` (or
    ///   ``MLPredictError/Code/unsupportedType``, ``MLPredictError/Code/invalidModel``) whose message
    ///   says the line and column, what was expected, and quotes the line with a caret.
    public static func parseAll(_ sql: String) throws(MLPredictError) -> [Statement] {
        try StatementParser.parseAll(sql)
    }
}

/// `SELECT <columns | *> FROM <table function>`.
public struct SelectStatement: Sendable, Hashable {
    /// The selected column names, or `nil` for `*`.
    public var columns: [String]?
    public var function: TableFunctionCall

    public init(columns: [String]?, function: TableFunctionCall) {
        self.columns = columns
        self.function = function
    }
}

/// The table functions a query reads from.
public enum TableFunctionCall: Sendable, Hashable {
    /// `ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(c1, ...) [, MAP['k', 'v', ...]])`.
    case predict(table: String, model: ModelIdentifier, descriptor: [String], config: [String: String])
    /// `ML_EVALUATE(TABLE t, MODEL m, DESCRIPTOR(label), DESCRIPTOR(f1, ...) [, 'task'] [, MAP[...]])`.
    case evaluate(
        table: String, model: ModelIdentifier, label: String, features: [String], task: String?,
        config: [String: String])
}
