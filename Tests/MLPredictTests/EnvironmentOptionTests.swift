import Foundation
import MLPredict
import Testing

/// `'python.requirements'` and `'python.files'` are checked and resolved when the model is
/// created, before Python or pip is touched.
@Suite("Environment options are checked at CREATE time")
final class EnvironmentOptionTests {
    /// A model directory holding what the options name: `requirements.txt`, `wheels/`, `lib/`,
    /// `helper.py`, `bundle.zip`, `notes.txt`.
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("env-options-\(UUID().uuidString)").path
        for folder in ["wheels", "lib"] {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(folder)", withIntermediateDirectories: true)
        }
        for file in ["requirements.txt", "helper.py", "bundle.zip", "notes.txt"] {
            try "".write(toFile: "\(directory)/\(file)", atomically: true, encoding: .utf8)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func provider(_ options: [String: String]) throws(MLPredictError) -> any PythonPredictFunction {
        let context = ModelProviderContext(
            modelName: "m", inputSchema: Schema([Column("text", .string)]), outputSchema: Schema([Column("label", .string)]),
            options: [
                "provider": "generic-python", "model-directory-path": directory,
                "python-predict-class": "probe.Probe",
            ].merging(options) { $1 },
            baseDirectory: "/")
        let provider = try ModelRegistry.default.createProvider(context)
        return (provider as! any PythonPredictRuntimeProvider).pythonPredictFunction
    }

    private func failure(_ options: [String: String]) -> MLPredictError? {
        do {
            _ = try provider(options)
            return nil
        } catch {
            return error
        }
    }

    @Test func pathsResolveAgainstTheModelDirectoryOrStayAbsolute() throws {
        let function = try provider([
            "python.requirements": "requirements.txt#wheels", "python.files": " lib , helper.py,\(directory)/bundle.zip",
        ])
        #expect(
            function.pythonDependencies
                == PythonDependencies(
                    requirementsFile: "\(directory)/requirements.txt", requirementsCacheDirectory: "\(directory)/wheels",
                    files: ["\(directory)/lib", "\(directory)/helper.py", "\(directory)/bundle.zip"]))
        let plain = try provider(["python.requirements": "\(directory)/requirements.txt"])
        #expect(plain.pythonDependencies == PythonDependencies(requirementsFile: "\(directory)/requirements.txt"))
        #expect(try provider([:]).pythonDependencies.isEmpty)
    }

    @Test func aMissingRequirementsFileIsNamed() throws {
        let error = try #require(failure(["python.requirements": "missing.txt"]))
        #expect(error.code == .invalidOption)
        #expect(
            error.message
                == "model 'm': option 'python.requirements' must be a requirements file, optionally followed by '#' "
                + "and a directory of packages but 'missing.txt' (\(directory)/missing.txt) does not exist")
    }

    @Test func aDirectoryIsNotARequirementsFile() throws {
        let error = try #require(failure(["python.requirements": "lib"]))
        #expect(error.message.hasSuffix("but 'lib' (\(directory)/lib) is a directory"))
        let empty = try #require(failure(["python.requirements": " "]))
        #expect(empty.message.hasSuffix("but is ' '"))
    }

    @Test func thePackageDirectoryAfterTheHashMustExist() throws {
        let missing = try #require(failure(["python.requirements": "requirements.txt#nowhere"]))
        #expect(
            missing.message
                == "model 'm': option 'python.requirements' names 'nowhere' (\(directory)/nowhere) after '#', which must "
                + "be a directory of packages but does not exist")
        let file = try #require(failure(["python.requirements": "requirements.txt#helper.py"]))
        #expect(file.message.hasSuffix("must be a directory of packages but is a file"))
        let nothing = try #require(failure(["python.requirements": "requirements.txt#"]))
        #expect(nothing.message.hasSuffix("but nothing follows '#' in 'requirements.txt#'"))
    }

    @Test func everyFilesEntryMustExistAndBeOfAKnownKind() throws {
        let prefix = "model 'm': option 'python.files' must list directories and .py, .zip, .whl, .egg files, separated by commas, "
        let missing = try #require(failure(["python.files": "lib,gone.py"]))
        #expect(missing.code == .invalidOption)
        #expect(missing.message == prefix + "but 'gone.py' (\(directory)/gone.py) does not exist")
        let kind = try #require(failure(["python.files": "notes.txt"]))
        #expect(kind.message == prefix + "but 'notes.txt' (\(directory)/notes.txt) is another kind of file")
        let empty = try #require(failure(["python.files": "lib,,helper.py"]))
        #expect(empty.message == prefix + "but has an empty entry in 'lib,,helper.py'")
    }

    @Test func theOptionsApplyInBothModes() throws {
        let function = try provider(["python.files": "lib", "execution-mode": "process"])
        #expect(function.pythonDependencies.files == ["\(directory)/lib"])
    }
}
