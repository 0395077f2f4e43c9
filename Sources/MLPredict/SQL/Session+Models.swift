/// Model DDL: CREATE, DROP, ALTER, SHOW MODELS, DESCRIBE MODEL and SHOW CREATE MODEL.
extension Session {
    func executeModelStatement(_ statement: Statement) throws(MLPredictError) -> QueryResult {
        switch statement {
        case .createModel(let create):
            try createModel(create)
        case .dropModel(let identifier, let isTemporary, let ifExists):
            try dropModel(identifier, isTemporary: isTemporary, ifExists: ifExists)
        case .alterModelSet(let identifier, let ifExists, let options):
            try alterModel(identifier, ifExists: ifExists) { $0.options.merge(options) { $1 } }
        case .alterModelReset(let identifier, let ifExists, let keys):
            try alterModel(identifier, ifExists: ifExists) { (model) throws(MLPredictError) in
                if keys.contains(ProviderOption.provider) {
                    throw MLPredictError(
                        .invalidOption, "model '\(identifier)': option 'provider' cannot be reset", model: identifier.name)
                }
                for key in keys { model.options[key] = nil }
            }
        case .alterModelRename(let identifier, let ifExists, let newName):
            try renameModel(identifier, ifExists: ifExists, to: newName)
        case .showModels(let database, let pattern, let notLike):
            return try showModels(in: database, like: pattern, notLike: notLike)
        case .describeModel(let identifier):
            return try describeModel(identifier)
        case .showCreateModel(let identifier):
            return try showCreateModel(identifier)
        case .select:
            preconditionFailure("queries are executed by execute(_:)")
        }
        return .ok
    }

    /// The catalog path `identifier` names in this session.
    func path(_ identifier: ModelIdentifier) throws(MLPredictError) -> ModelPath {
        if let catalog = identifier.catalog, catalog != catalogName {
            throw MLPredictError(
                .unknownCatalog, "catalog '\(catalog)' does not exist; the session's catalog is '\(catalogName)'",
                model: identifier.name)
        }
        return ModelPath(database: identifier.database ?? currentDatabase, name: identifier.name)
    }

    /// Where the model at `path` lives: the session's temporary models first, then the catalog.
    func resolve(_ identifier: ModelIdentifier) throws(MLPredictError) -> (any ModelCatalog, ModelPath, CatalogModel) {
        let path = try path(identifier)
        if let model = try temporaryModels.model(at: path) { return (temporaryModels, path, model) }
        if let model = try catalog.model(at: path) { return (catalog, path, model) }
        throw .unknownModel(path)
    }

    /// Whether `database` exists in the session's catalog: the current database always does,
    /// another one while the catalog holds a model in it.
    func databaseExists(_ database: String) throws(MLPredictError) -> Bool {
        if database == currentDatabase { return true }
        return try !catalog.modelNames(in: database).isEmpty
    }

    /// The error for a database that does not exist.
    func unknownDatabase(_ database: String) -> MLPredictError {
        MLPredictError(
            .unknownDatabase, "database '\(database)' does not exist in catalog '\(catalogName)'; "
                + "the session's database is '\(currentDatabase)'")
    }

    /// `CREATE [OR REPLACE] [TEMPORARY] MODEL ...`: checks the options with the provider (without
    /// loading the model) and adds the model to the catalog, or to the session's temporary models.
    /// A permanent model's database must exist. `OR REPLACE` replaces a model of that name.
    public func createModel(_ create: CreateModelStatement) throws(MLPredictError) {
        let path = try path(create.identifier)
        if !create.isTemporary, try !databaseExists(path.database) {
            throw unknownDatabase(path.database)
        }
        let model = CatalogModel(
            inputSchema: create.input, outputSchema: create.output, options: create.options, comment: create.comment,
            baseDirectory: baseDirectory)
        _ = try registry.createProvider(model.context(name: path.name))
        let owner: any ModelCatalog = create.isTemporary ? temporaryModels : catalog
        if create.orReplace, try owner.model(at: path) != nil {
            try owner.alterModel(model, at: path)
            owner.loadedModels.retire(path)
            return
        }
        do {
            try owner.createModel(model, at: path)
        } catch where error.code == .modelAlreadyExists && create.ifNotExists {}
    }

    /// `DROP [TEMPORARY] MODEL [IF EXISTS] name`: removes the model; a loaded one closes once
    /// the queries using it finish.
    public func dropModel(
        _ identifier: ModelIdentifier, isTemporary: Bool = false, ifExists: Bool = false
    ) throws(MLPredictError) {
        // As in Flink: DROP MODEL drops the catalog's model even when a temporary one shadows it.
        do {
            let path = try path(identifier)
            let owner: any ModelCatalog = isTemporary ? temporaryModels : catalog
            try owner.dropModel(at: path)
            owner.loadedModels.retire(path)
        } catch where (error.code == .unknownModel || error.code == .unknownCatalog) && ifExists {}
    }

    /// The catalog model `identifier` names for ALTER: Flink alters no temporary model, and a
    /// temporary model of the name hides the catalog's from ALTER as well.
    private func resolveForAlter(_ identifier: ModelIdentifier) throws(MLPredictError) -> (ModelPath, CatalogModel) {
        let path = try path(identifier)
        if try temporaryModels.model(at: path) != nil {
            throw MLPredictError(
                .invalidArgument,
                "model '\(path)' is a temporary model; ALTER MODEL changes only catalog models "
                    + "(drop it with DROP TEMPORARY MODEL and create it again)", model: path.name)
        }
        guard let model = try catalog.model(at: path) else { throw .unknownModel(path) }
        return (path, model)
    }

    private func alterModel(
        _ identifier: ModelIdentifier, ifExists: Bool, _ change: (inout CatalogModel) throws(MLPredictError) -> Void
    ) throws(MLPredictError) {
        let path: ModelPath, model: CatalogModel
        do {
            (path, model) = try resolveForAlter(identifier)
        } catch where error.code == .unknownModel && ifExists {
            return
        }
        var altered = model
        try change(&altered)
        _ = try registry.createProvider(altered.context(name: path.name))
        try catalog.alterModel(altered, at: path)
        catalog.loadedModels.retire(path)
    }

    private func renameModel(_ identifier: ModelIdentifier, ifExists: Bool, to newName: ModelIdentifier) throws(MLPredictError) {
        let path: ModelPath
        do {
            (path, _) = try resolveForAlter(identifier)
        } catch where error.code == .unknownModel && ifExists {
            return
        }
        // Flink 2.3.0 keeps the model in its database and takes only the last part of the new name.
        let newPath = ModelPath(database: path.database, name: newName.name)
        if try catalog.model(at: newPath) != nil { throw .modelAlreadyExists(newPath) }
        try catalog.renameModel(at: path, to: newPath)
        catalog.loadedModels.retire(path)
    }

    /// `SHOW MODELS`: the catalog's models in the database (as in Flink, not the temporary ones),
    /// sorted by code point.
    private func showModels(in database: ModelIdentifier?, like pattern: String?, notLike: Bool) throws(MLPredictError)
        -> QueryResult
    {
        if let catalogName = database?.database, catalogName != self.catalogName {
            throw MLPredictError(
                .unknownCatalog, "catalog '\(catalogName)' does not exist; the session's catalog is '\(self.catalogName)'")
        }
        let databaseName = database?.name ?? currentDatabase
        guard try databaseExists(databaseName) else { throw unknownDatabase(databaseName) }
        let like = pattern.map(SQLLikePattern.init)
        let shown = try catalog.modelNames(in: databaseName)
            .filter { name in like.map { $0.matches(name) != notLike } ?? true }
            .sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
        return QueryResult(schema: Schema([Column("model name", .string)]), rows: shown.map { [.string($0)] })
    }

    /// `DESCRIBE MODEL`: Flink's columns `name`, `type`, `null`, `is input`, and `comment` only when
    /// some column has a comment; INPUT columns first.
    private func describeModel(_ identifier: ModelIdentifier) throws(MLPredictError) -> QueryResult {
        let (_, _, model) = try resolve(identifier)
        let columns = model.inputSchema.columns.map { ($0, true) } + model.outputSchema.columns.map { ($0, false) }
        let hasComments = columns.contains { $0.0.comment != nil }
        var schema = [Column("name", .string), Column("type", .string), Column("null", .boolean), Column("is input", .boolean)]
        if hasComments { schema.append(Column("comment", .string)) }
        return QueryResult(
            schema: Schema(schema),
            rows: columns.map { column, isInput in
                var row: [Value] = [
                    .string(column.name), .string(column.type.flinkSummaryString), .boolean(column.type.isNullable),
                    .boolean(isInput),
                ]
                if hasComments { row.append(column.comment.map(Value.string) ?? .null) }
                return Row(row)
            })
    }

    /// `SHOW CREATE MODEL`: the statement as Flink 2.3.0 prints it, which pastes into Flink unchanged.
    private func showCreateModel(_ identifier: ModelIdentifier) throws(MLPredictError) -> QueryResult {
        let (owner, path, model) = try resolve(identifier)
        func columns(_ schema: Schema) -> String {
            schema.columns.map { column in
                "`\(column.name.doubling("`"))` \(column.type.flinkSerializableString)"
                    + (column.comment.map { " COMMENT '\($0.doubling("'"))'" } ?? "")
            }.joined(separator: ", ")
        }
        let name = [catalogName, path.database, path.name].map { "`\($0.doubling("`"))`" }.joined(separator: ".")
        var text = "CREATE \((owner as AnyObject) === temporaryModels ? "TEMPORARY " : "")MODEL \(name)\n"
        if !model.inputSchema.columns.isEmpty || !model.outputSchema.columns.isEmpty {
            text += "INPUT (\(columns(model.inputSchema)))\nOUTPUT (\(columns(model.outputSchema)))\n"
        }
        if let comment = model.comment { text += "COMMENT '\(comment.doubling("'"))'\n" }
        text += "WITH (\n" + model.options.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
            .map { "  '\($0.key.doubling("'"))' = '\($0.value.doubling("'"))'" }.joined(separator: ",\n") + "\n)\n"
        return QueryResult(schema: Schema([Column("result", .string)]), rows: [[.string(text)]])
    }
}

/// SQL `LIKE`: `%` matches any run of characters, `_` any one character, and `\` makes the
/// character after it literal (`a\_b` matches only `a_b`); case-sensitive.
struct SQLLikePattern {
    enum Symbol: Equatable {
        case anyRun
        case anyOne
        case literal(Character)
    }

    let pattern: [Symbol]

    init(_ pattern: String) {
        var symbols: [Symbol] = []
        var escaping = false
        for character in pattern {
            if escaping {
                symbols.append(.literal(character))
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                symbols.append(character == "%" ? .anyRun : character == "_" ? .anyOne : .literal(character))
            }
        }
        if escaping { symbols.append(.literal("\\")) }
        self.pattern = symbols
    }

    func matches(_ text: String) -> Bool {
        let text = Array(text)
        // matched[j]: whether the pattern read so far matches text[..<j].
        var matched = [true] + Array(repeating: false, count: text.count)
        for symbol in pattern {
            var next = Array(repeating: false, count: text.count + 1)
            for j in 0...text.count {
                switch symbol {
                case .anyRun:
                    next[j] = matched[j] || (j > 0 && next[j - 1])
                case .anyOne:
                    next[j] = j > 0 && matched[j - 1]
                case .literal(let character):
                    next[j] = j > 0 && matched[j - 1] && text[j - 1] == character
                }
            }
            matched = next
        }
        return matched[text.count]
    }
}
