/// Where models live (FLIP-437's catalog models): definitions by database and name.
///
/// Implementations make each method atomic, so that many sessions may share one catalog.
/// ``InMemoryModelCatalog`` is the default; the `MLPredictSQLiteCatalog` product persists models.
public protocol ModelCatalog: Sendable {
    /// The models loaded from this catalog's definitions, shared by every session using it.
    var loadedModels: LoadedModels { get }

    /// The model at `path`, or `nil`.
    func model(at path: ModelPath) throws(MLPredictError) -> CatalogModel?
    /// The names of the models in `database`, sorted.
    func modelNames(in database: String) throws(MLPredictError) -> [String]
    /// Adds `model`; throws ``MLPredictError/Code/modelAlreadyExists`` if `path` is taken.
    func createModel(_ model: CatalogModel, at path: ModelPath) throws(MLPredictError)
    /// Replaces the model at `path`; throws ``MLPredictError/Code/unknownModel`` if there is none.
    func alterModel(_ model: CatalogModel, at path: ModelPath) throws(MLPredictError)
    /// Removes the model at `path`; throws ``MLPredictError/Code/unknownModel`` if there is none.
    func dropModel(at path: ModelPath) throws(MLPredictError)
    /// Moves the model at `path` to `newPath`; throws ``MLPredictError/Code/unknownModel`` or
    /// ``MLPredictError/Code/modelAlreadyExists``.
    func renameModel(at path: ModelPath, to newPath: ModelPath) throws(MLPredictError)
}

extension MLPredictError {
    /// No model at `path`.
    public static func unknownModel(_ path: ModelPath) -> MLPredictError {
        MLPredictError(.unknownModel, "model '\(path)' does not exist", model: path.name)
    }

    /// A model already at `path`.
    public static func modelAlreadyExists(_ path: ModelPath) -> MLPredictError {
        MLPredictError(.modelAlreadyExists, "model '\(path)' already exists", model: path.name)
    }
}
