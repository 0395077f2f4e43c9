import Foundation
import Synchronization

/// Finds the ``ModelProviderFactory`` for a model's `'provider'` option and creates models.
///
/// ``default`` knows the built-in `generic-python` provider; apps register their own with
/// ``register(_:)``. Safe to use from many threads.
public final class ModelRegistry: Sendable {
    /// The shared registry, with `generic-python` registered.
    public static let `default` = ModelRegistry()

    private let factories: Mutex<[String: any ModelProviderFactory]>

    /// A registry holding `factories` (by default only `generic-python`).
    public init(factories: [any ModelProviderFactory] = [GenericPythonModelProviderFactory()]) {
        self.factories = Mutex(Dictionary(factories.map { ($0.identifier, $0) }, uniquingKeysWith: { $1 }))
    }

    /// Adds `factory`, replacing any factory with the same identifier.
    public func register(_ factory: any ModelProviderFactory) {
        factories.withLock { $0[factory.identifier] = factory }
    }

    /// The identifiers of the registered factories, sorted.
    public var providerIdentifiers: [String] {
        factories.withLock { $0.keys.sorted() }
    }

    /// Creates and loads the model a `CREATE MODEL` statement defines.
    ///
    /// Relative paths in options are resolved against `baseDirectory` (default: the current directory).
    public func createModel(fromDDL sql: String, relativeTo baseDirectory: String? = nil) throws(MLPredictError) -> Model {
        try createModel(try CreateModelStatement.parse(sql), relativeTo: baseDirectory)
    }

    /// Creates and loads the model `statement` defines.
    public func createModel(
        _ statement: CreateModelStatement, relativeTo baseDirectory: String? = nil
    ) throws(MLPredictError) -> Model {
        let provider = try createProvider(
            ModelProviderContext(
                modelName: statement.name, inputSchema: statement.input, outputSchema: statement.output,
                options: statement.options,
                baseDirectory: baseDirectory ?? FileManager.default.currentDirectoryPath))
        return try Model(provider: provider)
    }

    /// Checks the options of `context` against its provider's factory and creates the provider.
    public func createProvider(_ context: ModelProviderContext) throws(MLPredictError) -> any ModelProvider {
        let model = context.modelName
        guard let identifier = context.options[ProviderOption.provider] else {
            throw MLPredictError(
                .missingOption,
                "model '\(model)': missing option 'provider'; registered providers: \(quotedList(providerIdentifiers))",
                model: model)
        }
        guard let factory = factories.withLock({ $0[identifier] }) else {
            throw MLPredictError(
                .unknownProvider,
                "model '\(model)': unknown provider '\(identifier)'; registered providers: \(quotedList(providerIdentifiers))",
                model: model)
        }
        try ProviderOption.validate(context, against: factory)
        return try factory.createModelProvider(context)
    }
}

/// `'a', 'b', 'c'`.
func quotedList(_ items: [String]) -> String {
    items.map { "'\($0)'" }.joined(separator: ", ")
}
