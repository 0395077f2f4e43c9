import Foundation
import GRDB
import MLPredict

/// A model's row in the `model` table: its path and its definition, schemas and options as JSON
/// whose column types are Flink SQL type strings (`DECIMAL(10, 2) NOT NULL`).
struct ModelRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "model"

    var database: String
    var name: String
    var inputSchema: String
    var outputSchema: String
    var options: String
    var comment: String?
    var baseDirectory: String

    /// A column as stored.
    private struct StoredColumn: Codable {
        var name: String
        var type: String
        var comment: String?
    }

    init(_ path: ModelPath, _ model: CatalogModel) throws(MLPredictError) {
        database = path.database
        name = path.name
        inputSchema = try Self.json(model.inputSchema.columns.map { StoredColumn(name: $0.name, type: "\($0.type)", comment: $0.comment) })
        outputSchema = try Self.json(model.outputSchema.columns.map { StoredColumn(name: $0.name, type: "\($0.type)", comment: $0.comment) })
        options = try Self.json(model.options)
        comment = model.comment
        baseDirectory = model.baseDirectory
    }

    /// The definition this row stores.
    func model() throws(MLPredictError) -> CatalogModel {
        CatalogModel(
            inputSchema: try schema(inputSchema), outputSchema: try schema(outputSchema),
            options: try Self.decode([String: String].self, options), comment: comment, baseDirectory: baseDirectory)
    }

    private func schema(_ text: String) throws(MLPredictError) -> Schema {
        var columns: [MLPredict.Column] = []
        for stored in try Self.decode([StoredColumn].self, text) {
            columns.append(MLPredict.Column(stored.name, try DataType.parse(stored.type), comment: stored.comment))
        }
        return Schema(columns)
    }

    private static func json(_ value: some Encodable) throws(MLPredictError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            throw SQLiteModelCatalog.failure("encoding a model definition failed", error)
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws(MLPredictError) -> T {
        do { return try JSONDecoder().decode(type, from: Data(text.utf8)) } catch {
            throw SQLiteModelCatalog.failure("the model catalog holds a malformed definition", error)
        }
    }
}
