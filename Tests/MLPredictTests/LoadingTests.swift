import Foundation
import Testing

@testable import MLPredict

@Suite("loading the user's class from the model directory")
struct LoadingTests {
    private func load(_ directory: String, _ pythonClass: String, name: String = "loader") -> MLPredictError? {
        Fixtures.error {
            _ = try Fixtures.model(
                name: name, input: "text STRING", output: "text STRING", directory: directory, pythonClass: pythonClass)
        }
    }

    /// Loading and predicting with a good model still works, proving the failure left the process usable.
    private func expectStillWorking() throws {
        let echo = try Fixtures.model(
            input: "text STRING", output: "text STRING", directory: "echo", pythonClass: "echo.EchoPredictFunction")
        #expect(try echo.predict(["still working"]) == [["still working"]])
    }

    @Test func modelsWithSameNamedModulesLoadSideBySide() throws {
        let a = try Fixtures.model(
            name: "a", input: "text STRING", output: "greeting STRING", directory: "twin_a",
            pythonClass: "model.TwinPredictFunction")
        let b = try Fixtures.model(
            name: "b", input: "text STRING", output: "greeting STRING", directory: "twin_b",
            pythonClass: "model.TwinPredictFunction")
        #expect(try a.predict(["x"]) == [["hello from twin a: x"]])
        #expect(try b.predict(["y"]) == [["hello from twin b: y"]])
        #expect(try a.predict(["z"]) == [["hello from twin a: z"]])
    }

    @Test func missingModule() throws {
        let error = try #require(load("echo", "nosuchmodule.Echo"))
        #expect(error.code == .moduleNotFound)
        #expect(error.message.contains("model 'loader': no module 'nosuchmodule' in model directory \(Fixtures.directory("echo"))"))
        let cause = try #require(error.pythonError)
        #expect(cause.typeName.hasSuffix("PredictModuleNotFoundError"))
        try expectStillWorking()
    }

    @Test func missingClassListsTheCandidates() throws {
        let error = try #require(load("echo", "echo.NoSuchClass"))
        #expect(error.code == .classNotFound)
        #expect(error.message.contains("NoSuchClass"))
        #expect(error.message.contains("EchoPredictFunction"))
        try expectStillWorking()
    }

    @Test func classThatIsNotAPredictFunctionIsRejected() throws {
        let notSubclass = try #require(load("not_a_predict_function", "plain.NotAPredictFunction"))
        #expect(notSubclass.code == .notAPredictFunction)
        #expect(notSubclass.message.contains("PredictFunction"))
        let notClass = try #require(load("not_a_predict_function", "plain.not_a_class"))
        #expect(notClass.code == .notAPredictFunction)
        #expect(notClass.message.contains("int"))
        try expectStillWorking()
    }

    @Test func syntaxErrorCarriesFileAndLine() throws {
        let error = try #require(load("broken_syntax", "broken.BrokenPredictFunction"))
        #expect(error.code == .loadFailed)
        #expect(error.message.hasPrefix("model 'loader': loading 'broken.BrokenPredictFunction' from "))
        #expect(error.message.contains("raised SyntaxError: expected ':'"))
        let cause = try #require(error.pythonError)
        #expect(cause.typeName == "SyntaxError")
        #expect(cause.traceback.contains("broken.py\", line 4"))
        #expect("\(error)".contains("class BrokenPredictFunction(PredictFunction)"))
        try expectStillWorking()
    }

    @Test func missingDependencyOfTheUsersModuleIsReportedAsSuch() throws {
        let error = try #require(load("missing_dependency", "needs.NeedsPredictFunction"))
        #expect(error.code == .loadFailed)
        #expect(error.message.contains("ModuleNotFoundError: No module named 'surely_not_installed_package'"))
        let cause = try #require(error.pythonError)
        #expect(cause.traceback.contains("needs.py\", line 1"))
        try expectStillWorking()
    }

    @Test func exceptionInOpenCarriesTheTraceback() throws {
        let error = try #require(load("failing_open", "failing.FailingOpenPredictFunction"))
        #expect(error.code == .openFailed)
        #expect(
            error.message
                == "model 'loader': open raised FileNotFoundError: weights.bin not found in \(Fixtures.directory("failing_open"))")
        let cause = try #require(error.pythonError)
        #expect(cause.traceback.hasPrefix("Traceback (most recent call last):"))
        #expect(cause.traceback.contains("failing.py\", line 8, in open"))
        try expectStillWorking()
    }

    @Test func openReceivesTheModelConfig() throws {
        let model = try Fixtures.model(
            name: "probe", input: "key INT NOT NULL", output: "fact STRING NOT NULL, `value` STRING",
            directory: "config_probe", pythonClass: "probe.ProbePredictFunction",
            properties: ["model_version": "7", "threshold": "0.5"])
        let facts = Dictionary(
            uniqueKeysWithValues: try model.predict([42]).map { row -> (String, String) in
                guard case .string(let fact) = row[0], case .string(let value) = row[1] else { return ("", "") }
                return (fact, value)
            })
        #expect(facts["model_name"] == "probe")
        #expect(facts["model_directory"] == Fixtures.directory("config_probe"))
        #expect(facts["properties"] == "[('model_version', '7'), ('threshold', '0.5')]")
        #expect(facts["input"] == "[('key', 'INT NOT NULL', False)]")
        #expect(facts["output"] == "[('fact', 'STRING NOT NULL', False, None), ('value', 'STRING', True, None)]")
        #expect(facts["context_name"] == "probe")
        #expect(facts["job_parameter"] == "7")
        #expect(facts["input_row_fields"] == "('Row', ('key',), 42, 42)")
    }
}
