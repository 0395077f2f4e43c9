/// A model as a catalog stores it: the `CREATE MODEL` definition, not any loaded Python state.
public struct CatalogModel: Sendable, Hashable {
    public var inputSchema: Schema
    public var outputSchema: Schema
    /// The `WITH` options, `'provider'` included.
    public var options: [String: String]
    public var comment: String?
    /// The directory relative paths in options are resolved against, fixed when the model was created.
    public var baseDirectory: String

    public init(
        inputSchema: Schema, outputSchema: Schema, options: [String: String], comment: String? = nil,
        baseDirectory: String
    ) {
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.options = options
        self.comment = comment
        self.baseDirectory = baseDirectory
    }

    /// The definition as a provider receives it, for the model called `name`.
    func context(name: String) -> ModelProviderContext {
        ModelProviderContext(
            modelName: name, inputSchema: inputSchema, outputSchema: outputSchema, options: options,
            baseDirectory: baseDirectory)
    }
}
