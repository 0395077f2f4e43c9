/// A recursive-descent parser for every ``Statement``, reading one token ahead.
struct StatementParser {
    var cursor: TokenCursor

    /// Parses `sql` as `;`-separated statements (empty statements are skipped).
    static func parseAll(_ sql: String) throws(MLPredictError) -> [Statement] {
        var parser = try StatementParser(sql)
        var statements: [Statement] = []
        while parser.cursor.token.kind != .endOfInput {
            if try parser.cursor.accept(.semicolon) { continue }
            statements.append(try parser.parseStatement())
            parser.cursor.modelName = nil
            guard try parser.cursor.accept(.semicolon) || parser.cursor.token.kind == .endOfInput else {
                throw parser.cursor.unexpected("';' or end of input after the statement")
            }
        }
        return statements
    }

    /// Parses `sql` as one statement, optionally followed by `;`s.
    static func parseSingle(_ sql: String) throws(MLPredictError) -> Statement {
        var parser = try StatementParser(sql)
        let statement = try parser.parseStatement()
        guard try parser.cursor.accept(.semicolon) || parser.cursor.token.kind == .endOfInput else {
            throw parser.cursor.unexpected("';' or end of input after the statement")
        }
        while try parser.cursor.accept(.semicolon) {}
        guard parser.cursor.token.kind == .endOfInput else {
            throw parser.cursor.error(
                .syntaxError,
                "only single statement supported; execute a script of many statements with executeAll (mlpredict sql)")
        }
        return statement
    }

    /// Parses `sql` as one `CREATE MODEL` statement, optionally ending with `;`.
    static func parseCreateModel(_ sql: String) throws(MLPredictError) -> CreateModelStatement {
        var parser = try StatementParser(sql)
        try parser.cursor.expectKeyword("CREATE", "'CREATE'")
        let statement = try parser.parseCreateModel()
        let endsWithSemicolon = try parser.cursor.accept(.semicolon)
        guard parser.cursor.token.kind == .endOfInput else {
            throw parser.cursor.unexpected(
                endsWithSemicolon ? "end of input after ';'" : "';' or end of input after the WITH options")
        }
        return statement
    }

    /// Parses `text` as a column list, `(name TYPE [COMMENT '...'], ...)`.
    static func parseSchema(_ text: String) throws(MLPredictError) -> Schema {
        var parser = try StatementParser(text)
        let schema = try parser.parseColumns(of: "the column list")
        guard parser.cursor.token.kind == .endOfInput else { throw parser.cursor.unexpected("end of the column list") }
        return schema
    }

    private init(_ sql: String) throws(MLPredictError) {
        cursor = try TokenCursor(sql)
    }

    // MARK: - Statement

    private static let statementKeywords = "'CREATE', 'DROP', 'ALTER', 'SHOW', 'DESCRIBE' or 'SELECT'"

    private mutating func parseStatement() throws(MLPredictError) -> Statement {
        if try cursor.acceptKeyword("CREATE") {
            let orReplace = try cursor.acceptKeyword("OR")
            if orReplace { try cursor.expectKeyword("REPLACE", "'REPLACE' after 'CREATE OR'") }
            var create = try parseCreateModel()
            create.orReplace = orReplace
            return .createModel(create)
        }
        if try cursor.acceptKeyword("DROP") { return try parseDropModel() }
        if try cursor.acceptKeyword("ALTER") { return try parseAlterModel() }
        if try cursor.acceptKeyword("SHOW") { return try parseShow() }
        var describes = try cursor.acceptKeyword("DESCRIBE")
        if !describes { describes = try cursor.acceptKeyword("DESC") }
        if describes {
            try cursor.expectKeyword("MODEL", "'MODEL' after 'DESCRIBE'")
            return .describeModel(try parseModelIdentifier(after: "'DESCRIBE MODEL'"))
        }
        if try cursor.acceptKeyword("SELECT") { return .select(try parseSelect()) }
        throw cursor.unexpected("a statement (\(Self.statementKeywords))")
    }

    /// `CREATE MODEL ...` after `CREATE`.
    private mutating func parseCreateModel() throws(MLPredictError) -> CreateModelStatement {
        let isTemporary = try cursor.acceptKeyword("TEMPORARY")
        try cursor.expectKeyword(
            "MODEL", isTemporary ? "'MODEL' after 'CREATE TEMPORARY'" : "'TEMPORARY' or 'MODEL' after 'CREATE'")
        let ifNotExists = try cursor.acceptKeyword("IF")
        if ifNotExists {
            try cursor.expectKeyword("NOT", "'NOT' after 'IF'")
            try cursor.expectKeyword("EXISTS", "'EXISTS' after 'IF NOT'")
        }
        let identifier = try parseModelIdentifier(after: ifNotExists ? "'IF NOT EXISTS'" : "'MODEL'")
        let name = identifier.name
        cursor.modelName = name
        // Flink takes a model with neither INPUT nor OUTPUT, but not one without the other.
        var input = Schema([]), output = Schema([])
        if try cursor.acceptKeyword("INPUT") {
            input = try parseColumns(of: "INPUT")
            try cursor.expectKeyword("OUTPUT", "'OUTPUT' after the INPUT columns")
            output = try parseColumns(of: "OUTPUT")
        } else if cursor.token.isKeyword("OUTPUT") {
            throw cursor.error(
                .syntaxError, "model '\(name)' has OUTPUT columns but no INPUT; a model declares both or neither")
        }
        var comment: String?
        if try cursor.acceptKeyword("COMMENT") {
            comment = try cursor.expectString("a string literal after 'COMMENT'")
        }
        try cursor.expectKeyword(
            "WITH",
            comment != nil ? "'WITH' after the model comment"
                : input.columns.isEmpty ? "'INPUT', 'COMMENT' or 'WITH' after model name '\(name)'"
                : "'COMMENT' or 'WITH' after the OUTPUT columns")
        let options = try parseOptions(after: "'WITH'")
        return CreateModelStatement(
            name: name, database: identifier.database, catalog: identifier.catalog, isTemporary: isTemporary,
            ifNotExists: ifNotExists, input: input, output: output, comment: comment, options: options)
    }

    /// `[catalog.][db.]name`: identifiers, except the unquoted keyword `INPUT` followed by `(`
    /// (which means the name is missing; a model may be called `input`).
    mutating func parseModelIdentifier(after previous: String) throws(MLPredictError) -> ModelIdentifier {
        var startsInputClause = cursor.token.isKeyword("INPUT")
        if startsInputClause { startsInputClause = try cursor.peek().isPunctuation(.leftParenthesis) }
        guard let first = cursor.token.identifierName, !startsInputClause else {
            throw cursor.unexpected("a model name after \(previous)")
        }
        try cursor.advance()
        var parts = [first]
        while parts.count < 3, try cursor.accept(.dot) {
            guard let part = cursor.token.identifierName else {
                throw cursor.unexpected("a name after '\(parts.joined(separator: "."))'.'")
            }
            parts.append(part)
            try cursor.advance()
        }
        switch parts.count {
        case 1: return ModelIdentifier(parts[0])
        case 2: return ModelIdentifier(parts[1], database: parts[0])
        default: return ModelIdentifier(parts[2], database: parts[1], catalog: parts[0])
        }
    }

    // MARK: - Columns

    /// `( column, ... )` after `INPUT` or `OUTPUT` (`clause`), with at least one column and unique names.
    private mutating func parseColumns(of clause: String) throws(MLPredictError) -> Schema {
        try cursor.expect(.leftParenthesis, "'(' after '\(clause)'")
        guard !cursor.token.isPunctuation(.rightParenthesis) else {
            throw cursor.error(.invalidModel, "\(clause) declares no columns; a model needs at least one \(clause) column")
        }
        var columns: [Column] = []
        var firstDeclared: [String: MLPredictError.SourceLocation] = [:]
        repeat {
            if try parseConstraintOrWatermark(in: clause) { continue }
            let location = cursor.token.location
            let column = try parseColumn(in: clause)
            if let first = firstDeclared[column.name] {
                throw cursor.error(
                    .invalidModel, "column '\(column.name)' is declared twice in \(clause) (first on \(first))",
                    at: location)
            }
            firstDeclared[column.name] = location
            columns.append(column)
        } while try cursor.accept(.comma)
        try cursor.expect(.rightParenthesis, "',' or ')' after column '\(columns.last?.name ?? "")'")
        guard !columns.isEmpty else {
            throw cursor.error(.invalidModel, "\(clause) declares no columns; a model needs at least one \(clause) column")
        }
        return Schema(columns)
    }

    /// `[CONSTRAINT name] PRIMARY KEY (...) [NOT ENFORCED]`, `UNIQUE (...)` or `WATERMARK FOR c AS
    /// expression` in a column list: Flink accepts them in INPUT and OUTPUT and discards them, and
    /// so does MLPredict. `false` if the next token starts a column instead.
    private mutating func parseConstraintOrWatermark(in clause: String) throws(MLPredictError) -> Bool {
        if try cursor.acceptKeyword("WATERMARK") {
            try cursor.expectKeyword("FOR", "'FOR' after 'WATERMARK'")
            guard cursor.token.identifierName != nil else { throw cursor.unexpected("a column name after 'WATERMARK FOR'") }
            try cursor.advance()
            try cursor.expectKeyword("AS", "'AS' after the WATERMARK column")
            try skipExpression(in: clause)
            return true
        }
        try skipConstraintName()
        if try cursor.acceptKeyword("PRIMARY") {
            try cursor.expectKeyword("KEY", "'KEY' after 'PRIMARY'")
        } else if try !cursor.acceptKeyword("UNIQUE") {
            return false
        }
        try cursor.expect(.leftParenthesis, "'(' and the key's columns")
        repeat {
            guard cursor.token.identifierName != nil else { throw cursor.unexpected("a column name in the key") }
            try cursor.advance()
        } while try cursor.accept(.comma)
        try cursor.expect(.rightParenthesis, "',' or ')' after the key's columns")
        try skipNotEnforced()
        return true
    }

    /// An optional `NOT ENFORCED` after a key.
    /// Skips `CONSTRAINT name` before a `PRIMARY KEY` or `UNIQUE` constraint, if there is one.
    private mutating func skipConstraintName() throws(MLPredictError) {
        guard try cursor.acceptKeyword("CONSTRAINT") else { return }
        guard cursor.token.identifierName != nil else { throw cursor.unexpected("a constraint name after 'CONSTRAINT'") }
        try cursor.advance()
        guard cursor.token.isKeyword("PRIMARY") || cursor.token.isKeyword("UNIQUE") else {
            throw cursor.unexpected("'PRIMARY KEY' or 'UNIQUE' after the constraint name")
        }
    }

    private mutating func skipNotEnforced() throws(MLPredictError) {
        if try cursor.acceptKeyword("NOT") { try cursor.expectKeyword("ENFORCED", "'ENFORCED' after 'NOT'") }
    }

    /// The tokens of an expression, up to the `,` or `)` that ends it at its own parenthesis depth.
    private mutating func skipExpression(in clause: String) throws(MLPredictError) {
        var depth = 0
        var count = 0
        while true {
            switch cursor.token.kind {
            case .endOfInput: throw cursor.unexpected("')' after the \(clause) columns")
            case .punctuation(.leftParenthesis): depth += 1
            case .punctuation(.rightParenthesis) where depth == 0, .punctuation(.comma) where depth == 0:
                guard count > 0 else { throw cursor.unexpected("an expression") }
                return
            case .punctuation(.rightParenthesis): depth -= 1
            default: break
            }
            count += 1
            try cursor.advance()
        }
    }

    /// `name TYPE [NULL | NOT NULL] [COMMENT '...']`.
    private mutating func parseColumn(in clause: String) throws(MLPredictError) -> Column {
        guard let name = cursor.token.identifierName else {
            throw cursor.unexpected("a column name in \(clause)")
        }
        try cursor.advance()
        let type = try cursor.parseDataType(of: "column '\(name)'")
        try skipConstraintName()
        if try cursor.acceptKeyword("PRIMARY") {
            try cursor.expectKeyword("KEY", "'KEY' after 'PRIMARY'")
            try skipNotEnforced()
        } else if try cursor.acceptKeyword("UNIQUE") {
            try skipNotEnforced()
        }
        var comment: String?
        if try cursor.acceptKeyword("COMMENT") {
            comment = try cursor.expectString("a string literal after 'COMMENT'")
        }
        return Column(name, type, comment: comment)
    }

    // MARK: - Options

    /// `( 'key' = 'value', ... )` after `WITH` or `SET`; may be empty, keys must be unique.
    mutating func parseOptions(after keyword: String) throws(MLPredictError) -> [String: String] {
        try cursor.expect(.leftParenthesis, "'(' after \(keyword)")
        var options: [String: String] = [:]
        var firstGiven: [String: MLPredictError.SourceLocation] = [:]
        if try cursor.accept(.rightParenthesis) { return options }
        var key = ""
        repeat {
            let location = cursor.token.location
            key = try cursor.expectOptionString("an option key (a string literal such as 'provider')")
            if let first = firstGiven[key] {
                throw cursor.error(.invalidModel, "option '\(key)' is given twice (first on \(first))", at: location)
            }
            firstGiven[key] = location
            try cursor.expect(.equals, "'=' after option key '\(key)'")
            options[key] = try cursor.expectOptionString("a string literal value for option '\(key)'")
        } while try cursor.accept(.comma)
        try cursor.expect(.rightParenthesis, "',' or ')' after option '\(key)'")
        return options
    }
}
