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
        case .showModels(let pattern):
            return try showModels(like: pattern)
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

    /// `CREATE [TEMPORARY] MODEL ...`: checks the options with the provider (without loading the
    /// model) and adds the model to the catalog, or to the session's temporary models.
    public func createModel(_ create: CreateModelStatement) throws(MLPredictError) {
        let path = try path(create.identifier)
        let model = CatalogModel(
            inputSchema: create.input, outputSchema: create.output, options: create.options, comment: create.comment,
            baseDirectory: baseDirectory)
        _ = try registry.createProvider(model.context(name: path.name))
        do {
            try (create.isTemporary ? temporaryModels : catalog).createModel(model, at: path)
        } catch where error.code == .modelAlreadyExists && create.ifNotExists {}
    }

    /// `DROP [TEMPORARY] MODEL [IF EXISTS] name`: removes the model; a loaded one closes once
    /// the queries using it finish.
    public func dropModel(
        _ identifier: ModelIdentifier, isTemporary: Bool = false, ifExists: Bool = false
    ) throws(MLPredictError) {
        let path = try path(identifier)
        if !isTemporary, try temporaryModels.model(at: path) != nil {
            throw MLPredictError(
                .invalidArgument,
                "model '\(path)' is a temporary model; drop it with DROP TEMPORARY MODEL", model: path.name)
        }
        let owner: any ModelCatalog = isTemporary ? temporaryModels : catalog
        do {
            try owner.dropModel(at: path)
            owner.loadedModels.retire(path)
        } catch where error.code == .unknownModel && ifExists {}
    }

    private func alterModel(
        _ identifier: ModelIdentifier, ifExists: Bool, _ change: (inout CatalogModel) throws(MLPredictError) -> Void
    ) throws(MLPredictError) {
        let owner: any ModelCatalog, path: ModelPath, model: CatalogModel
        do {
            (owner, path, model) = try resolve(identifier)
        } catch where error.code == .unknownModel && ifExists {
            return
        }
        var altered = model
        try change(&altered)
        _ = try registry.createProvider(altered.context(name: path.name))
        try owner.alterModel(altered, at: path)
        owner.loadedModels.retire(path)
    }

    private func renameModel(_ identifier: ModelIdentifier, ifExists: Bool, to newName: ModelIdentifier) throws(MLPredictError) {
        let owner: any ModelCatalog, path: ModelPath
        do {
            (owner, path, _) = try resolve(identifier)
        } catch where error.code == .unknownModel && ifExists {
            return
        }
        let newPath = try self.path(newName)
        let takenByTemporary = try temporaryModels.model(at: newPath) != nil
        let takenInCatalog = try catalog.model(at: newPath) != nil
        if takenByTemporary || takenInCatalog {
            throw .modelAlreadyExists(newPath)
        }
        try owner.renameModel(at: path, to: newPath)
        owner.loadedModels.retire(path)
    }

    private func showModels(like pattern: String?) throws(MLPredictError) -> QueryResult {
        let names = Set(try catalog.modelNames(in: currentDatabase) + temporaryModels.modelNames(in: currentDatabase))
        let shown = names.filter { pattern.map(SQLLikePattern.init)?.matches($0) ?? true }.sorted()
        return QueryResult(schema: Schema([Column("model name", .string)]), rows: shown.map { [.string($0)] })
    }

    private func describeModel(_ identifier: ModelIdentifier) throws(MLPredictError) -> QueryResult {
        let (_, _, model) = try resolve(identifier)
        let columns = model.inputSchema.columns.map { ($0, true) } + model.outputSchema.columns.map { ($0, false) }
        return QueryResult(
            schema: Schema([
                Column("name", .string), Column("type", .string), Column("null", .boolean),
                Column("is input", .boolean), Column("comment", .string),
            ]),
            rows: columns.map { column, isInput in
                [
                    .string(column.name), .string(column.type.typeName), .boolean(column.type.isNullable),
                    .boolean(isInput), column.comment.map(Value.string) ?? .null,
                ]
            })
    }

    private func showCreateModel(_ identifier: ModelIdentifier) throws(MLPredictError) -> QueryResult {
        let (owner, path, model) = try resolve(identifier)
        func columns(_ schema: Schema) -> String {
            "(\n" + schema.columns.map { column in
                "  \(quotedIdentifier(column.name)) \(column.type)"
                    + (column.comment.map { " COMMENT '\($0.doubling("'"))'" } ?? "")
            }.joined(separator: ",\n") + "\n)"
        }
        var text = "CREATE \((owner as AnyObject) === temporaryModels ? "TEMPORARY " : "")MODEL "
            + "\(quotedIdentifier(catalogName)).\(path)\n"
            + "INPUT \(columns(model.inputSchema))\nOUTPUT \(columns(model.outputSchema))\n"
        if let comment = model.comment { text += "COMMENT '\(comment.doubling("'"))'\n" }
        text += "WITH (\n" + model.options.sorted { $0.key < $1.key }
            .map { "  '\($0.key.doubling("'"))' = '\($0.value.doubling("'"))'" }.joined(separator: ",\n") + "\n)"
        return QueryResult(schema: Schema([Column("result", .string)]), rows: [[.string(text)]])
    }
}

/// SQL `LIKE`: `%` matches any run of characters, `_` any one character; case-sensitive.
struct SQLLikePattern {
    let pattern: [Character]

    init(_ pattern: String) {
        self.pattern = Array(pattern)
    }

    func matches(_ text: String) -> Bool {
        let text = Array(text)
        // matched[j]: whether the pattern read so far matches text[..<j].
        var matched = [true] + Array(repeating: false, count: text.count)
        for symbol in pattern {
            var next = Array(repeating: false, count: text.count + 1)
            for j in 0...text.count {
                if symbol == "%" {
                    next[j] = matched[j] || (j > 0 && next[j - 1])
                } else if j > 0, matched[j - 1], symbol == "_" || symbol == text[j - 1] {
                    next[j] = true
                }
            }
            matched = next
        }
        return matched[text.count]
    }
}
