import Foundation
import Testing

@testable import MLPredict

/// Models written for FLIP-552's prototypes (`swapna267/flink`, `bgeng777/flink`, the FLIP
/// text), in the fixtures `prototype_*`, load and predict unchanged.
@Suite("models written for FLIP-552's prototypes run unchanged")
struct PrototypeCompatTests {
    /// DDL for the bgeng777-style pandas model, with that prototype's option names.
    static func bgeng777DDL(name: String = "linear", extra: String = "") -> String {
        """
        CREATE MODEL \(name)
        INPUT (x DOUBLE, bias DOUBLE, name STRING)
        OUTPUT (score DOUBLE, label STRING, rows_in_batch BIGINT)
        WITH (
          'provider' = 'generic-python',
          'model' = '\(Fixtures.directory("prototype_bgeng777"))',
          'python-predict-function' = 'batch_model.LinearBatchPredictFunction',
          'batch-size' = '8',
          'properties.weight' = '2'\(extra)
        )
        """
    }

    @Test func swapna267StyleReadsInitPropertiesAndTheModelDirectoryJobParameter() throws {
        let model = try Fixtures.model(
            name: "threshold", input: "score DOUBLE", output: "label STRING, threshold DOUBLE",
            directory: "prototype_swapna267", pythonClass: "threshold_model.ThresholdPredictFunction",
            properties: ["threshold": "0.7"])
        defer { try? model.close() }
        #expect(try model.predict([0.9]) == [["high", 0.7]])
        #expect(try model.predict(batch: [[0.1], [0.7]]) == [[["low", 0.7]], [["high", 0.7]]])
        let defaulted = try Fixtures.model(
            name: "threshold", input: "score DOUBLE", output: "label STRING, threshold DOUBLE",
            directory: "prototype_swapna267", pythonClass: "threshold_model.ThresholdPredictFunction")
        defer { try? defaulted.close() }
        #expect(try defaulted.predict([0.6]) == [["high", 0.5]])
    }

    @Test func flipTextStylePyPredictFunctionPredicts() throws {
        let model = try Fixtures.model(
            name: "sentiment", input: "text STRING", output: "label STRING, score DOUBLE",
            directory: "prototype_flip", pythonClass: "models.KeywordSentimentPredictFunction")
        defer { try? model.close() }
        #expect(try model.predict(["I love it"]) == [["POSITIVE", .double(1.0 / 3)]])
        #expect(try model.predict(["meh"]) == [["NEGATIVE", 0.0]])
    }

    @Test func bgeng777StyleBatchPredictFunctionPredictsRowsBatchesAndColumns() throws {
        let model = try ModelRegistry.default.createModel(fromDDL: Self.bgeng777DDL())
        defer { try? model.close() }
        #expect(try model.predict([1.5, 0.5, "a"]) == [[3.5, "A", 1]])
        #expect(
            try model.predict(batch: [[1.0, 0.0, "a"], [2.0, 1.0, nil], [0.0, -1.0, "c"]])
                == [[[2.0, "A", 3]], [[5.0, nil, 3]], [[-1.0, "C", 3]]])
        let columns = try model.predictColumns(
            ColumnBatch([.double([1, 2]), .double([0, 0.5]), .values(["x", "y"])]))
        #expect(columns == ColumnBatch([.double([2, 4.5]), .values(["X", "Y"]), .bigInt([2, 2])]))
    }

    @Test func batchSizeIsValidatedAndExposed() throws {
        let statement = try CreateModelStatement.parse(Self.bgeng777DDL())
        let provider = try ModelRegistry.default.createProvider(
            ModelProviderContext(
                modelName: statement.name, inputSchema: statement.input, outputSchema: statement.output,
                options: statement.options, baseDirectory: "/"))
        let generic = try #require(provider as? GenericPythonModelProvider)
        #expect(generic.batchSize == 8)
        #expect((generic.pythonPredictFunction as? GenericPythonPredictFunction)?.batchSize == 8)
        #expect(!generic.pythonPredictFunction.modelConfig.contains("batch_size") && !generic.pythonPredictFunction.modelConfig.contains("batch-size"))
        #expect(generic.pythonPredictFunction.modelDirectory == Fixtures.directory("prototype_bgeng777"))
        #expect(generic.pythonPredictFunction.pythonClass == "batch_model.LinearBatchPredictFunction")

        for value in ["0", "-1", "eight", "2147483648", ""] {
            let ddl = Self.bgeng777DDL().replacingOccurrences(of: "'batch-size' = '8'", with: "'batch-size' = '\(value)'")
            let error = try #require(Fixtures.error { _ = try ModelRegistry.default.createModel(fromDDL: ddl) })
            #expect(error.code == .invalidOption)
            #expect(
                error.message
                    == "model 'linear': option 'batch-size' must be an integer from 1 to 2147483647 but is '\(value)'")
        }
    }

    @Test func showCreatePrintsTheSpellingsAsWritten() throws {
        let session = Session()
        try session.execute(Self.bgeng777DDL())
        let ddl = SQLFixtures.text(try session.execute("SHOW CREATE MODEL linear"))
        #expect(ddl.contains("'model' = '\(Fixtures.directory("prototype_bgeng777"))'"))
        #expect(ddl.contains("'python-predict-function' = 'batch_model.LinearBatchPredictFunction'"))
        #expect(ddl.contains("'batch-size' = '8'"))
        #expect(!ddl.contains("model-directory-path") && !ddl.contains("python-predict-class"))
        let other = Session()
        try other.execute(ddl)
        #expect(try other.execute("SHOW CREATE MODEL linear") == session.execute("SHOW CREATE MODEL linear"))
    }
}

@Suite("generic-python's alternative option spellings")
struct OptionSpellingTests {
    private func create(_ options: String) -> MLPredictError? {
        Fixtures.error {
            _ = try ModelRegistry.default.createModel(
                fromDDL: "CREATE MODEL m INPUT (text STRING) OUTPUT (text STRING) WITH (\(options))")
        }
    }

    private let echo = Fixtures.directory("echo")

    @Test func eitherSpellingOfEachOptionWorks() throws {
        for (directory, pythonClass) in [
            ("model-directory-path", "python-predict-function"), ("model", "python-predict-class"),
            ("model", "python-predict-function"),
        ] {
            let model = try ModelRegistry.default.createModel(
                fromDDL: """
                    CREATE MODEL m INPUT (text STRING) OUTPUT (text STRING)
                    WITH ('provider' = 'generic-python', '\(directory)' = '\(echo)',
                          '\(pythonClass)' = 'echo.EchoPredictFunction')
                    """)
            #expect(try model.predict(["x"]) == [["x"]])
            try model.close()
        }
    }

    @Test func bothSpellingsOfOneOptionAreRejected() throws {
        let directories = try #require(
            create(
                "'provider' = 'generic-python', 'model-directory-path' = '\(echo)', 'model' = '\(echo)', "
                    + "'python-predict-class' = 'echo.EchoPredictFunction'"))
        #expect(directories.code == .invalidOption)
        #expect(
            directories.message
                == "model 'm': options 'model-directory-path', 'model' are spellings of the same option; give only one of them")
        let classes = try #require(
            create(
                "'provider' = 'generic-python', 'model' = '\(echo)', 'python-predict-function' = 'echo.EchoPredictFunction', "
                    + "'python-predict-class' = 'echo.EchoPredictFunction'"))
        #expect(classes.code == .invalidOption)
        #expect(classes.message.contains("'python-predict-class', 'python-predict-function'"))
    }

    @Test func missingOptionNamesBothSpellings() throws {
        let error = try #require(create("'provider' = 'generic-python', 'model' = '\(echo)'"))
        #expect(error.code == .missingOption)
        #expect(
            error.message.hasPrefix(
                "model 'm': missing required option 'python-predict-class' (or 'python-predict-function') "
                    + "for provider 'generic-python'; required: 'provider', 'model-directory-path' (or 'model'), "
                    + "'python-predict-class' (or 'python-predict-function'), optional: 'task', 'batch-size', "))
    }

    @Test func errorsAboutValuesNameTheSpellingWritten() throws {
        let directory = try #require(
            create("'provider' = 'generic-python', 'model' = '/no/such/dir', 'python-predict-function' = 'a.B'"))
        #expect(directory.code == .invalidOption)
        #expect(directory.message.hasPrefix("model 'm': option 'model' must name an existing directory"))
        let pythonClass = try #require(
            create("'provider' = 'generic-python', 'model' = '\(echo)', 'python-predict-function' = 'Echo'"))
        #expect(pythonClass.message.hasPrefix("model 'm': option 'python-predict-function' must be a Python class name"))
    }
}
