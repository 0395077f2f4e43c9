import Synchronization

/// A catalog that keeps models in memory for as long as it lives.
public final class InMemoryModelCatalog: ModelCatalog {
    public let loadedModels = LoadedModels()
    private let models = Mutex<[ModelPath: CatalogModel]>([:])

    public init() {}

    public func model(at path: ModelPath) throws(MLPredictError) -> CatalogModel? {
        models.withLock { $0[path] }
    }

    public func modelNames(in database: String) throws(MLPredictError) -> [String] {
        models.withLock { $0.keys.filter { $0.database == database }.map(\.name).sorted() }
    }

    public func createModel(_ model: CatalogModel, at path: ModelPath) throws(MLPredictError) {
        try models.withLock { (models) throws(MLPredictError) in
            guard models[path] == nil else { throw .modelAlreadyExists(path) }
            models[path] = model
        }
    }

    public func alterModel(_ model: CatalogModel, at path: ModelPath) throws(MLPredictError) {
        try models.withLock { (models) throws(MLPredictError) in
            guard models[path] != nil else { throw .unknownModel(path) }
            models[path] = model
        }
    }

    public func dropModel(at path: ModelPath) throws(MLPredictError) {
        try models.withLock { (models) throws(MLPredictError) in
            guard models.removeValue(forKey: path) != nil else { throw .unknownModel(path) }
        }
    }

    public func renameModel(at path: ModelPath, to newPath: ModelPath) throws(MLPredictError) {
        try models.withLock { (models) throws(MLPredictError) in
            guard let model = models[path] else { throw .unknownModel(path) }
            guard models[newPath] == nil else { throw .modelAlreadyExists(newPath) }
            models[path] = nil
            models[newPath] = model
        }
    }
}
