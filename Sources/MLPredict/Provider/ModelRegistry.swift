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
    private let sources: Mutex<(roots: ModelRoots, cache: ModelPackageCache)>

    /// A registry holding `factories` (by default only `generic-python`), allowing models only from
    /// `modelRoots` (by default `MLPREDICT_MODEL_ROOTS`'s, unrestricted when it is unset) and
    /// fetching packages into `packageCache`.
    public init(
        factories: [any ModelProviderFactory] = [GenericPythonModelProviderFactory()],
        modelRoots: ModelRoots = .environment(), packageCache: ModelPackageCache = .default
    ) {
        self.factories = Mutex(Dictionary(factories.map { ($0.identifier, $0) }, uniquingKeysWith: { $1 }))
        sources = Mutex((modelRoots, packageCache))
    }

    /// Where models may come from (a `CREATE MODEL` runs the code it names): checked when a model is
    /// created and when it loads. Set it before creating models; ``ModelRoots`` explains the check.
    public var modelRoots: ModelRoots {
        get { sources.withLock { $0.roots } }
        set { sources.withLock { $0.roots = newValue } }
    }

    /// Where model packages are fetched and unpacked, and their limits.
    public var packageCache: ModelPackageCache {
        get { sources.withLock { $0.cache } }
        set { sources.withLock { $0.cache = newValue } }
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

    /// Checks the options of `context` against its provider's factory and creates the provider, with
    /// the registry's ``modelRoots`` and ``packageCache`` in the context the factory receives.
    public func createProvider(_ context: ModelProviderContext) throws(MLPredictError) -> any ModelProvider {
        var context = context
        (context.modelRoots, context.packageCache) = sources.withLock { ($0.roots, $0.cache) }
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
