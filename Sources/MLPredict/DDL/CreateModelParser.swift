/// A recursive-descent parser for ``CreateModelStatement``, reading one token ahead.
struct CreateModelParser {
    private var cursor: TokenCursor

    /// Parses `sql` as one `CREATE MODEL` statement.
    static func parse(_ sql: String) throws(MLPredictError) -> CreateModelStatement {
        var parser = try CreateModelParser(sql)
        return try parser.parseStatement()
    }

    private init(_ sql: String) throws(MLPredictError) {
        cursor = try TokenCursor(sql)
    }

    // MARK: - Statement

    private mutating func parseStatement() throws(MLPredictError) -> CreateModelStatement {
        try cursor.expectKeyword("CREATE", "'CREATE'")
        let isTemporary = try cursor.acceptKeyword("TEMPORARY")
        try cursor.expectKeyword(
            "MODEL", isTemporary ? "'MODEL' after 'CREATE TEMPORARY'" : "'TEMPORARY' or 'MODEL' after 'CREATE'")
        let ifNotExists = try cursor.acceptKeyword("IF")
        if ifNotExists {
            try cursor.expectKeyword("NOT", "'NOT' after 'IF'")
            try cursor.expectKeyword("EXISTS", "'EXISTS' after 'IF NOT'")
        }
        let name = try parseModelName(after: ifNotExists ? "'IF NOT EXISTS'" : "'MODEL'")
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
        let options = try parseOptions()
        let endsWithSemicolon = try cursor.accept(.semicolon)
        guard cursor.token.kind == .endOfInput else {
            throw cursor.unexpected(
                endsWithSemicolon ? "end of input after ';'" : "';' or end of input after the WITH options")
        }
        return CreateModelStatement(
            name: name, isTemporary: isTemporary, ifNotExists: ifNotExists, input: input, output: output,
            comment: comment, options: options)
    }

    /// The model name: any identifier, except the unquoted keyword `INPUT` (which means the name is missing).
    private mutating func parseModelName(after previous: String) throws(MLPredictError) -> String {
        guard let name = cursor.token.identifierName, !cursor.token.isKeyword("INPUT") else {
            throw cursor.unexpected("a model name after \(previous)")
        }
        try cursor.advance()
        return name
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

    /// `( 'key' = 'value', ... )` after `WITH`; may be empty, keys must be unique.
    private mutating func parseOptions() throws(MLPredictError) -> [String: String] {
        try cursor.expect(.leftParenthesis, "'(' after 'WITH'")
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
