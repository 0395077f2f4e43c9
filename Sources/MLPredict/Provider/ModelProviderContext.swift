/// A model definition as a ``ModelProviderFactory`` receives it: name, schemas and options.
public struct ModelProviderContext: Sendable, Hashable {
    public var modelName: String
    public var inputSchema: Schema
    public var outputSchema: Schema
    /// All `WITH` options, `'provider'` included.
    public var options: [String: String]
    /// The directory that relative paths in options are resolved against.
    public var baseDirectory: String
    /// Where the model's files may come from: a factory refuses paths and URLs outside them.
    /// ``ModelRegistry/createProvider(_:)`` sets the registry's ``ModelRegistry/modelRoots``.
    public var modelRoots: ModelRoots
    /// Where packages (archives, URLs) are fetched and unpacked; the registry sets its own.
    public var packageCache: ModelPackageCache

    public init(
        modelName: String, inputSchema: Schema, outputSchema: Schema, options: [String: String],
        baseDirectory: String, modelRoots: ModelRoots = .unrestricted, packageCache: ModelPackageCache = .default
    ) {
        self.modelName = modelName
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.options = options
        self.baseDirectory = baseDirectory
        self.modelRoots = modelRoots
        self.packageCache = packageCache
    }

    /// The option spelled `name` or one of `aliases` (the first one given), with the spelling.
    public func option(_ name: String, aliases: [String] = []) -> (key: String, value: String)? {
        for key in [name] + aliases {
            if let value = options[key] { return (key, value) }
        }
        return nil
    }
}
