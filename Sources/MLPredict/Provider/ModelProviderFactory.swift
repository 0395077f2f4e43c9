/// Creates model providers for one value of the `'provider'` option (FLIP-525's
/// `ModelProviderFactory`). Swift has no Java SPI: factories are registered in a ``ModelRegistry``.
///
/// The registry checks the options against ``requiredOptions``, ``optionalOptions`` and
/// ``optionalOptionPrefixes`` before calling ``createModelProvider(_:)``, which checks their values.
public protocol ModelProviderFactory: Sendable {
    /// The `'provider'` option value this factory serves, e.g. `generic-python`.
    var identifier: String { get }
    /// Options that must be given (besides `'provider'`).
    var requiredOptions: Set<String> { get }
    /// Options that may be given.
    var optionalOptions: Set<String> { get }
    /// Prefixes of option families that may be given, e.g. `properties.`.
    var optionalOptionPrefixes: Set<String> { get }

    /// Creates the provider for a model whose options passed the registry's checks.
    func createModelProvider(_ context: ModelProviderContext) throws(MLPredictError) -> any ModelProvider
}

extension ModelProviderFactory {
    public var optionalOptionPrefixes: Set<String> { [] }
}
