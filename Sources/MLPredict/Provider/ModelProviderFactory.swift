/// Creates model providers for one value of the `'provider'` option (FLIP-525's
/// `ModelProviderFactory`). Swift has no Java SPI: factories are registered in a ``ModelRegistry``.
///
/// The registry checks the options against ``requiredOptions``, ``optionalOptions``,
/// ``optionalOptionPrefixes`` and ``optionAliases`` before calling ``createModelProvider(_:)``,
/// which checks their values.
public protocol ModelProviderFactory: Sendable {
    /// The `'provider'` option value this factory serves, e.g. `generic-python`.
    var identifier: String { get }
    /// Options that must be given (besides `'provider'`).
    var requiredOptions: Set<String> { get }
    /// Options that may be given.
    var optionalOptions: Set<String> { get }
    /// Prefixes of option families that may be given, e.g. `properties.`.
    var optionalOptionPrefixes: Set<String> { get }
    /// Alternative spellings of required or optional options: alias → the option it spells.
    ///
    /// Either spelling satisfies a required option; giving both in one statement is an error.
    /// ``ModelProviderContext/options`` keeps the spelling that was written, so a factory reads
    /// both (``ModelProviderContext/option(_:aliases:)``).
    var optionAliases: [String: String] { get }

    /// Creates the provider for a model whose options passed the registry's checks.
    func createModelProvider(_ context: ModelProviderContext) throws(MLPredictError) -> any ModelProvider
}

extension ModelProviderFactory {
    public var optionalOptionPrefixes: Set<String> { [] }
    public var optionAliases: [String: String] { [:] }

    /// The spellings of `option`: itself, then its aliases, sorted.
    func spellings(of option: String) -> [String] {
        [option] + optionAliases.filter { $0.value == option }.keys.sorted()
    }
}
