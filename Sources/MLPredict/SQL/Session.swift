import Foundation
public import MLPredictPython
import Synchronization

/// Executes SQL statements against a model catalog and tables registered from Swift, the way a
/// Flink SQL session does (FLIP-437 model DDL, FLIP-525 `ML_PREDICT` and `ML_EVALUATE`).
///
/// ```swift
/// let session = Session()
/// session.registerTable("reviews", Table(schema: Schema([Column("text", .string)]), rows: [["great"]]))
/// try session.execute("CREATE MODEL sentiment INPUT (text STRING) OUTPUT (label STRING) WITH (...)")
/// let result = try session.execute("SELECT * FROM ML_PREDICT(TABLE reviews, MODEL sentiment, DESCRIPTOR(text))")
/// ```
///
/// `Sendable`: use one session from many tasks, or many sessions on one catalog. Temporary models
/// belong to the session and shadow catalog models of the same name.
public final class Session: Sendable {
    /// Where non-temporary models live.
    public let catalog: any ModelCatalog
    /// The providers models are created with.
    public let registry: ModelRegistry
    /// The catalog's name in qualified model names (`catalog.database.model`).
    public let catalogName: String
    /// The database unqualified model names are in.
    public let currentDatabase: String
    /// The directory relative paths in `CREATE MODEL` options are resolved against.
    public let baseDirectory: String
    /// The threads that queries executed with `await` predict on.
    public let threads: PythonThreads

    let temporaryModels = InMemoryModelCatalog()
    private let tables = Mutex<[String: Table]>([:])

    public init(
        catalog: any ModelCatalog = InMemoryModelCatalog(), registry: ModelRegistry = .default,
        catalogName: String = "default_catalog", currentDatabase: String = "default_database",
        baseDirectory: String? = nil, threads: PythonThreads = .shared
    ) {
        self.catalog = catalog
        self.registry = registry
        self.catalogName = catalogName
        self.currentDatabase = currentDatabase
        self.baseDirectory = baseDirectory ?? FileManager.default.currentDirectoryPath
        self.threads = threads
    }

    /// Closes the session's temporary models once the queries using them finish.
    deinit {
        temporaryModels.loadedModels.retireAll()
    }

    // MARK: - Tables

    /// Registers `table` as `name`, replacing any table of that name.
    public func registerTable(_ name: String, _ table: Table) {
        tables.withLock { $0[name] = table }
    }

    /// Removes the table `name`; `false` if there was none.
    @discardableResult
    public func dropTable(_ name: String) -> Bool {
        tables.withLock { $0.removeValue(forKey: name) } != nil
    }

    func table(_ name: String) throws(MLPredictError) -> Table {
        guard let table = tables.withLock({ $0[name] }) else {
            let known = tables.withLock { $0.keys.sorted() }
            throw MLPredictError(
                .unknownTable,
                "table '\(name)' is not registered in the session; registered tables: "
                    + (known.isEmpty ? "none" : quotedList(known)))
        }
        return table
    }

    // MARK: - Statements

    /// Executes the one statement in `sql` (which may end with `;`), as Flink's `executeSql` does:
    /// text holding two statements is rejected. Run a script of many with ``executeAll(_:)``.
    @discardableResult
    public func execute(_ sql: String) throws(MLPredictError) -> QueryResult {
        try execute(try Statement.parse(sql))
    }

    /// Executes the `;`-separated statements of the script `sql` in order and returns every
    /// statement's result (`mlpredict sql` runs its input this way).
    ///
    /// The text is parsed completely first, so a syntax error executes nothing. Each statement is
    /// atomic: a failing one changes nothing and stops the statements after it.
    public func executeAll(_ sql: String) throws(MLPredictError) -> [QueryResult] {
        var results: [QueryResult] = []
        for statement in try Statement.parseAll(sql) { results.append(try execute(statement)) }
        return results
    }

    /// Executes one parsed statement.
    @discardableResult
    public func execute(_ statement: Statement) throws(MLPredictError) -> QueryResult {
        guard case .select(let select) = statement else { return try executeModelStatement(statement) }
        var query = try plan(select)
        defer { query.release() }
        let table = query.table
        switch table.source {
        case .rows(let rows):
            for row in rows { try query.consume(row) }
        case .sequence(let rows):
            for row in rows() { try query.consume(row) }
        case .asyncSequence:
            throw MLPredictError(
                .invalidArgument,
                "table '\(query.tableName)' reads an AsyncSequence; execute the query with `try await session.execute(...)`")
        }
        return try query.finish()
    }
}

extension TableFunctionCall {
    /// The table the call reads.
    var tableName: String {
        switch self {
        case .predict(let table, _, _, _), .evaluate(let table, _, _, _, _, _): table
        }
    }
}
