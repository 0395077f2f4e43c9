import Foundation
import Testing

@testable import MLPredict

@Suite("generic-python options are checked before Python is touched")
struct ProviderOptionTests {
    private func create(_ options: String) -> MLPredictError? {
        Fixtures.error {
            _ = try ModelRegistry.default.createModel(
                fromDDL: "CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING) WITH (\(options))")
        }
    }

    private let directory = "'model-directory-path' = '\(Fixtures.directory("echo"))'"
    private static let executionOptions =
        "'error-handling-strategy', 'execution-mode', 'instances', 'model-sha256', 'python.archives', 'python.executable', "
        + "'python.files', 'python.requirements', 'retry-backoff-base-interval', "
        + "'retry-backoff-strategy', 'retry-fallback-strategy', 'retry-num', 'timeout', 'worker-memory-limit', 'workers', "

    @Test func missingRequiredOptionListsWhatIsRequired() throws {
        let error = try #require(create("'provider' = 'generic-python', \(directory)"))
        #expect(error.code == .missingOption)
        #expect(error.model == "m")
        #expect(
            error.message
                == "model 'm': missing required option 'python-predict-class' (or 'python-predict-function') "
                + "for provider 'generic-python'; required: 'provider', 'model-directory-path' (or 'model'), "
                + "'python-predict-class' (or 'python-predict-function'), optional: 'task', 'batch-size', "
                + "\(Self.executionOptions)'properties.*'")
    }

    @Test func unknownOptionListsTheSupportedOnes() throws {
        let error = try #require(
            create("'provider' = 'generic-python', \(directory), 'python-predict-class' = 'echo.EchoPredictFunction', 'batch' = '8'"))
        #expect(error.code == .unsupportedOption)
        #expect(
            error.message
                == "model 'm': unsupported option 'batch' for provider 'generic-python'; supported options: "
                + "'provider', 'task', 'model-directory-path' (or 'model'), 'python-predict-class' (or "
                + "'python-predict-function'), 'batch-size', \(Self.executionOptions)'properties.*'")
    }

    @Test func emptyPropertyNameIsUnsupported() throws {
        let error = try #require(
            create("'provider' = 'generic-python', \(directory), 'python-predict-class' = 'echo.EchoPredictFunction', 'properties.' = 'x'"))
        #expect(error.code == .unsupportedOption)
        #expect(error.message.contains("'properties.'"))
    }

    @Test func missingAndUnknownProvider() throws {
        let missing = try #require(create(directory))
        #expect(missing.code == .missingOption)
        #expect(missing.message == "model 'm': missing option 'provider'; registered providers: 'generic-python'")
        let unknown = try #require(create("'provider' = 'openai', \(directory)"))
        #expect(unknown.code == .unknownProvider)
        #expect(unknown.message == "model 'm': unknown provider 'openai'; registered providers: 'generic-python'")
    }

    @Test func directoryMustExist() throws {
        let error = try #require(
            create("'provider' = 'generic-python', 'model-directory-path' = '/no/such/dir', 'python-predict-class' = 'a.B'"))
        #expect(error.code == .invalidOption)
        #expect(
            error.message
                == "model 'm': option 'model-directory-path' must name an existing directory, a .zip, .tar.gz (.tgz) "
                + "or .tar archive, or a file:// or http(s):// URL, but '/no/such/dir' (/no/such/dir) does not exist")
    }

    @Test(arguments: ["Echo", "echo.", ".Echo", "echo..Echo", "1echo.Echo", "echo.Echo-1", ""])
    func classNameMustBeModuleDotClass(_ name: String) throws {
        let error = try #require(create("'provider' = 'generic-python', \(directory), 'python-predict-class' = '\(name)'"))
        #expect(error.code == .invalidOption)
        #expect(
            error.message
                == "model 'm': option 'python-predict-class' must be a Python class name 'module.Class' "
                + "(e.g. 'sentiment.SentimentPredictFunction') but is '\(name)'")
    }

    @Test func relativeDirectoryResolvesAgainstTheBaseDirectory() throws {
        let model = try ModelRegistry.default.createModel(
            fromDDL: """
                CREATE MODEL rel INPUT (text STRING) OUTPUT (text STRING)
                WITH ('provider' = 'generic-python', 'model-directory-path' = 'echo',
                      'python-predict-class' = 'echo.EchoPredictFunction')
                """, relativeTo: Fixtures.modelsDirectory)
        #expect(try model.predict(["x"]) == [["x"]])
    }

    @Test func configCarriesPropertiesWithoutPrefixAndSchemas() throws {
        let provider = try ModelRegistry.default.createProvider(
            ModelProviderContext(
                modelName: "m",
                inputSchema: Schema([Column("text", .varchar(10).notNull)]),
                outputSchema: Schema([Column("score", .double, comment: "0..1")]),
                options: [
                    "provider": "generic-python", "model-directory-path": Fixtures.directory("echo"),
                    "python-predict-class": "echo.EchoPredictFunction", "properties.model_version": "1",
                ],
                baseDirectory: "/"))
        let function = try #require((provider as? any PythonPredictRuntimeProvider)?.pythonPredictFunction)
        #expect(function.pythonClass == "echo.EchoPredictFunction")
        #expect(function.modelDirectory == Fixtures.directory("echo"))
        #expect(
            function.modelConfig
                == #"{"format_version":1,"input_schema":{"columns":[{"name":"text","nullable":false,"type":"VARCHAR(10)"}]},"#
                + #""model_directory_path":"\#(Fixtures.directory("echo"))","model_name":"m","#
                + #""output_schema":{"columns":[{"comment":"0..1","name":"score","nullable":true,"type":"DOUBLE"}]},"#
                + #""properties":{"model_version":"1"},"python_predict_class":"echo.EchoPredictFunction"}"#)
    }
}

@Suite("apps register their own providers")
struct CustomProviderTests {
    /// A provider implemented in Swift: upper-cases its input.
    struct UpperFactory: ModelProviderFactory {
        let identifier = "upper"
        let requiredOptions: Set<String> = []
        let optionalOptions: Set<String> = ["suffix"]

        func createModelProvider(_ context: ModelProviderContext) throws(MLPredictError) -> any ModelProvider {
            UpperProvider(context: context)
        }
    }

    struct UpperProvider: PredictRuntimeProvider {
        let context: ModelProviderContext
        func createPredictFunction() throws -> any PredictFunction {
            UpperFunction(suffix: context.options["suffix"] ?? "")
        }
    }

    struct UpperFunction: PredictFunction {
        let suffix: String
        func predict(_ row: Row) throws -> [Row] {
            guard case .string(let text) = row[0] else { return [] }
            return [[.string(text.uppercased() + suffix)]]
        }
        func close() throws {}
    }

    @Test func registeredFactoryIsFoundByProviderOption() throws {
        let registry = ModelRegistry()
        registry.register(UpperFactory())
        #expect(registry.providerIdentifiers == ["generic-python", "upper"])
        let model = try registry.createModel(
            fromDDL: "CREATE MODEL up INPUT (t STRING) OUTPUT (u STRING) WITH ('provider' = 'upper', 'suffix' = '!')")
        #expect(try model.predict(["hey"]) == [["HEY!"]])
        let error = Fixtures.error {
            _ = try registry.createModel(
                fromDDL: "CREATE MODEL up INPUT (t STRING) OUTPUT (u STRING) WITH ('provider' = 'upper', 'x' = '1')")
        }
        #expect(error?.code == .unsupportedOption)
        #expect(ModelRegistry.default.providerIdentifiers == ["generic-python"])
    }

    @Test func swiftModelsPredictBatchesAndColumnsThroughPredict() throws {
        let registry = ModelRegistry()
        registry.register(UpperFactory())
        let model = try registry.createModel(
            fromDDL: "CREATE MODEL up INPUT (t STRING) OUTPUT (u STRING) WITH ('provider' = 'upper')")
        #expect(try model.predict(batch: [["a"], [nil]]) == [[["A"]], []])
        #expect(try model.predictColumns(ColumnBatch([.values(["a", "b"])])) == ColumnBatch([.values(["A", "B"])]))
        let error = Fixtures.error { _ = try model.predictColumns(ColumnBatch([.values(["a", nil])])) }
        #expect(error?.code == .invalidOutput)
        #expect(error?.message == "predictColumns needs exactly one output row per input row, but predict returned 0 for input row 1")
    }
}
