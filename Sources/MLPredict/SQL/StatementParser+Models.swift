/// `DROP MODEL`, `ALTER MODEL`, `SHOW MODELS` and `SHOW CREATE MODEL`.
extension StatementParser {
    /// `DROP [TEMPORARY] MODEL [IF EXISTS] name`, after `DROP`.
    mutating func parseDropModel() throws(MLPredictError) -> Statement {
        let isTemporary = try cursor.acceptKeyword("TEMPORARY")
        try cursor.expectKeyword(
            "MODEL", isTemporary ? "'MODEL' after 'DROP TEMPORARY'" : "'TEMPORARY' or 'MODEL' after 'DROP'")
        let ifExists = try parseIfExists()
        let name = try parseModelIdentifier(after: ifExists ? "'IF EXISTS'" : "'MODEL'")
        return .dropModel(name, isTemporary: isTemporary, ifExists: ifExists)
    }

    /// `ALTER MODEL [IF EXISTS] name SET (...) | RESET (...) | RENAME TO new_name`, after `ALTER`.
    mutating func parseAlterModel() throws(MLPredictError) -> Statement {
        try cursor.expectKeyword("MODEL", "'MODEL' after 'ALTER'")
        let ifExists = try parseIfExists()
        let name = try parseModelIdentifier(after: ifExists ? "'IF EXISTS'" : "'MODEL'")
        if try cursor.acceptKeyword("SET") {
            let options = try parseOptions(after: "'SET'")
            guard !options.isEmpty else {
                throw cursor.error(.syntaxError, "ALTER MODEL ... SET needs at least one option")
            }
            return .alterModelSet(name, ifExists: ifExists, options: options)
        }
        if try cursor.acceptKeyword("RESET") {
            return .alterModelReset(name, ifExists: ifExists, keys: try parseKeys())
        }
        if try cursor.acceptKeyword("RENAME") {
            try cursor.expectKeyword("TO", "'TO' after 'RENAME'")
            return .alterModelRename(name, ifExists: ifExists, newName: try parseModelIdentifier(after: "'RENAME TO'"))
        }
        throw cursor.unexpected("'SET', 'RESET' or 'RENAME' after model name '\(name)'")
    }

    /// `SHOW MODELS [LIKE '...']` or `SHOW CREATE MODEL name`, after `SHOW`.
    mutating func parseShow() throws(MLPredictError) -> Statement {
        if try cursor.acceptKeyword("CREATE") {
            try cursor.expectKeyword("MODEL", "'MODEL' after 'SHOW CREATE'")
            return .showCreateModel(try parseModelIdentifier(after: "'SHOW CREATE MODEL'"))
        }
        try cursor.expectKeyword("MODELS", "'MODELS' or 'CREATE' after 'SHOW'")
        var database: ModelIdentifier?
        var from = try cursor.acceptKeyword("FROM")
        if !from { from = try cursor.acceptKeyword("IN") }
        if from {
            let parts = try parseModelIdentifier(after: "'SHOW MODELS FROM'")
            guard parts.catalog == nil else {
                throw cursor.error(.syntaxError, "expected [catalog.]database after 'SHOW MODELS FROM' but found \(parts)")
            }
            database = parts
        }
        let notLike = try cursor.acceptKeyword("NOT")
        guard try cursor.acceptKeyword("LIKE") else {
            if notLike { throw cursor.unexpected("'LIKE' after 'NOT'") }
            return .showModels(in: database, like: nil)
        }
        return .showModels(
            in: database, like: try cursor.expectString("a string literal pattern after 'LIKE'"), notLike: notLike)
    }

    /// An optional `IF EXISTS`.
    private mutating func parseIfExists() throws(MLPredictError) -> Bool {
        guard try cursor.acceptKeyword("IF") else { return false }
        try cursor.expectKeyword("EXISTS", "'EXISTS' after 'IF'")
        return true
    }

    /// `('k', ...)` after `RESET`: at least one key.
    private mutating func parseKeys() throws(MLPredictError) -> [String] {
        try cursor.expect(.leftParenthesis, "'(' after 'RESET'")
        var keys: [String] = []
        repeat {
            keys.append(try cursor.expectOptionString("an option key (a string literal)"))
        } while try cursor.accept(.comma)
        try cursor.expect(.rightParenthesis, "',' or ')' after option key '\(keys.last ?? "")'")
        return keys
    }
}
