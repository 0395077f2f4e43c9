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
        if try cursor.acceptKeyword("CREATE") { return .createModel(try parseCreateModel()) }
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
        try cursor.expectKeyword("INPUT", "'INPUT' after model name '\(name)'")
        let input = try parseColumns(of: "INPUT")
        try cursor.expectKeyword("OUTPUT", "'OUTPUT' after the INPUT columns")
        let output = try parseColumns(of: "OUTPUT")
        var comment: String?
        if try cursor.acceptKeyword("COMMENT") {
            comment = try cursor.expectString("a string literal after 'COMMENT'")
        }
        try cursor.expectKeyword(
            "WITH", comment == nil ? "'COMMENT' or 'WITH' after the OUTPUT columns" : "'WITH' after the model comment")
        let options = try parseOptions(after: "'WITH'")
        return CreateModelStatement(
            name: name, database: identifier.database, catalog: identifier.catalog, isTemporary: isTemporary,
            ifNotExists: ifNotExists, input: input, output: output, comment: comment, options: options)
    }

    /// `[catalog.][db.]name`: identifiers, except the unquoted keyword `INPUT` as the first part
    /// (which means the name is missing).
    mutating func parseModelIdentifier(after previous: String) throws(MLPredictError) -> ModelIdentifier {
        guard let first = cursor.token.identifierName, !cursor.token.isKeyword("INPUT") else {
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
        return Schema(columns)
    }

    /// `name TYPE [NULL | NOT NULL] [COMMENT '...']`.
    private mutating func parseColumn(in clause: String) throws(MLPredictError) -> Column {
        guard let name = cursor.token.identifierName else {
            throw cursor.unexpected("a column name in \(clause)")
        }
        try cursor.advance()
        let type = try cursor.parseDataType(of: "column '\(name)'")
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
            key = try cursor.expectString("an option key (a string literal such as 'provider')")
            if let first = firstGiven[key] {
                throw cursor.error(.invalidModel, "option '\(key)' is given twice (first on \(first))", at: location)
            }
            firstGiven[key] = location
            try cursor.expect(.equals, "'=' after option key '\(key)'")
            options[key] = try cursor.expectString("a string literal value for option '\(key)'")
        } while try cursor.accept(.comma)
        try cursor.expect(.rightParenthesis, "',' or ')' after option '\(key)'")
        return options
    }
}
