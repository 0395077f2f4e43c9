import Foundation
import GRDB
public import MLPredict

/// A model catalog persisted in a SQLite file: models survive a restart, and every process that
/// opens the file sees the same models. It stores each model's `CREATE MODEL` definition (schemas
/// as type strings, options, comment), never Python state; temporary models are never stored.
///
/// ```swift
/// let session = Session(catalog: try SQLiteModelCatalog(path: "models.sqlite"))
/// ```
public final class SQLiteModelCatalog: ModelCatalog {
    public let loadedModels = LoadedModels()
    private let database: DatabaseQueue

    /// Opens (creating if needed) the catalog in the SQLite file at `path`.
    public init(path: String) throws(MLPredictError) {
        do {
            database = try DatabaseQueue(path: path)
            try database.write { db in
                try db.create(table: ModelRecord.databaseTableName, options: .ifNotExists) { table in
                    table.column("database", .text).notNull()
                    table.column("name", .text).notNull()
                    table.column("inputSchema", .text).notNull()
                    table.column("outputSchema", .text).notNull()
                    table.column("options", .text).notNull()
                    table.column("comment", .text)
                    table.column("baseDirectory", .text).notNull()
                    table.primaryKey(["database", "name"])
                }
            }
        } catch {
            throw Self.failure("cannot open the model catalog \(path)", error)
        }
    }

    public func model(at path: ModelPath) throws(MLPredictError) -> CatalogModel? {
        let record = try access { db in try ModelRecord.fetchOne(db, key: path.key) }
        return try record?.model()
    }

    public func modelNames(in database: String) throws(MLPredictError) -> [String] {
        try access { db in
            try String.fetchAll(db, sql: "SELECT name FROM model WHERE database = ? ORDER BY name", arguments: [database])
        }
    }

    public func createModel(_ model: CatalogModel, at path: ModelPath) throws(MLPredictError) {
        let record = try ModelRecord(path, model)
        try write { db throws(MLPredictError) in
            guard try Self.exists(path, db) == false else { throw .modelAlreadyExists(path) }
            try Self.run { try record.insert(db) }
        }
    }

    public func alterModel(_ model: CatalogModel, at path: ModelPath) throws(MLPredictError) {
        let record = try ModelRecord(path, model)
        try write { db throws(MLPredictError) in
            guard try Self.exists(path, db) else { throw .unknownModel(path) }
            try Self.run { try record.update(db) }
        }
    }

    public func dropModel(at path: ModelPath) throws(MLPredictError) {
        try write { db throws(MLPredictError) in
            guard try Self.run({ try ModelRecord.deleteOne(db, key: path.key) }) else { throw .unknownModel(path) }
        }
    }

    public func renameModel(at path: ModelPath, to newPath: ModelPath) throws(MLPredictError) {
        try write { db throws(MLPredictError) in
            guard try Self.exists(path, db) else { throw .unknownModel(path) }
            guard try Self.exists(newPath, db) == false else { throw .modelAlreadyExists(newPath) }
            try Self.run {
                try db.execute(
                    sql: "UPDATE model SET database = ?, name = ? WHERE database = ? AND name = ?",
                    arguments: [newPath.database, newPath.name, path.database, path.name])
            }
        }
    }

    // MARK: - Access

    private static func exists(_ path: ModelPath, _ db: Database) throws(MLPredictError) -> Bool {
        try run { try ModelRecord.exists(db, key: path.key) }
    }

    /// Reads in one transaction.
    private func access<T>(_ body: (Database) throws -> T) throws(MLPredictError) -> T {
        do { return try database.read(body) } catch { throw Self.failure("reading the model catalog failed", error) }
    }

    /// Writes in one transaction, rolled back if `body` throws.
    private func write(_ body: (Database) throws(MLPredictError) -> Void) throws(MLPredictError) {
        var thrown: MLPredictError?
        do {
            try database.write { db in
                do throws(MLPredictError) { try body(db) } catch {
                    thrown = error
                    throw error
                }
            }
        } catch {
            throw thrown ?? Self.failure("writing the model catalog failed", error)
        }
    }

    /// Runs a database step inside ``write(_:)``, turning its errors into ``MLPredictError``s.
    private static func run<T>(_ body: () throws -> T) throws(MLPredictError) -> T {
        do { return try body() } catch { throw failure("the model catalog failed", error) }
    }

    static func failure(_ message: String, _ error: any Error) -> MLPredictError {
        if let error = error as? MLPredictError { return error }
        return MLPredictError(.catalogFailed, "\(message): \(error)", cause: error)
    }
}

extension ModelPath {
    fileprivate var key: [String: String] { ["database": database, "name": name] }
}
