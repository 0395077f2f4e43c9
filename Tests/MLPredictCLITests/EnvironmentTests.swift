import Foundation
import Testing

/// `'python.requirements'` and `'python.files'` through the `mlpredict` command, with real `venv`
/// and pip, offline: the tests write wheels of a package `tinypkg` (versions 1.0 and 2.0) and
/// install them with Flink's `'requirements.txt#directory'` form (`--no-index --find-links`).
/// Each test has its own cache (`MLPREDICT_CACHE`). Serialized: each builds environments, which
/// takes seconds of both cores; and async, so that waiting for a build holds no thread of Swift's
/// cooperative pool, which other suites' tests need.
@Suite("Per-model Python environments through the mlpredict command", .serialized)
final class EnvironmentTests {
    /// This test's directory: `cache/`, `wheels/`, `requirements-1.txt`, `requirements-2.txt`, model files.
    let scratch: URL

    var cache: String { scratch.appendingPathComponent("cache").path }
    var environments: String { cache + "/environments" }
    var variables: [String: String] { ["MLPREDICT_CACHE": cache] }

    static let probe = CommandLineTool.fixture("environments/probe")
    static let python = ProcessInfo.processInfo.environment["VIRTUAL_ENV"].map { "\($0)/bin/python" } ?? "/usr/bin/python3"

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-env-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("wheels"), withIntermediateDirectories: true)
        for version in ["1.0", "2.0"] {
            try Self.makeWheel(["wheel", "tinypkg", version, scratch.appendingPathComponent("wheels").path])
            try "tinypkg==\(version)\n".write(to: scratch.appendingPathComponent("requirements-\(version.prefix(1)).txt"), atomically: true, encoding: .utf8)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Runs the fixtures' `make_wheel.py` with `arguments`.
    static func makeWheel(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [CommandLineTool.fixture("environments/make_wheel.py")] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "make_wheel.py \(arguments)")
    }

    /// `'python.requirements'` for `requirements-N.txt`, installed from `wheels/` only.
    func requirements(_ number: Int) -> [String: String] {
        ["python.requirements": "\(scratch.path)/requirements-\(number).txt#\(scratch.path)/wheels"]
    }

    /// A `CREATE MODEL` of the probe fixture: for each input `name` (of a module), its `VERSION`,
    /// file, and the prefix of the interpreter the model runs in.
    func ddl(_ options: [String: String], name: String = "probe") -> String {
        let extra = options.sorted { $0.key < $1.key }.map { ", '\($0.key)' = '\($0.value)'" }.joined()
        return """
            CREATE MODEL \(name) INPUT (name STRING) OUTPUT (version STRING, location STRING, prefix STRING)
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Self.probe)',
                  'python-predict-class' = 'envprobe.EnvironmentProbe'\(extra))
            """
    }

    /// `mlpredict run` of the probe with `options` over `modules`.
    func probe(_ options: [String: String], modules: [String] = ["tinypkg"]) async throws -> CommandLineTool.Outcome {
        try await CommandLineTool.run(
            ["run", "--ddl", ddl(options), "--quiet"], standardInput: Self.input(modules), environment: variables)
    }

    static func input(_ modules: [String]) -> String {
        modules.map { "{\"name\": \"\($0)\"}\n" }.joined()
    }

    /// The output rows of a run, as `[column: value]`.
    static func rows(_ outcome: CommandLineTool.Outcome) throws -> [[String: String]] {
        try outcome.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        }
    }

    /// The published environments: link name → the directory it names.
    func published() throws -> [String: String] {
        var links: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: environments) {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(environments)/\(name)") {
                links[name] = "\(environments)/\(target)"
            }
        }
        return links
    }

    /// The entries of `environments/` that are neither links nor lock files: environments' directories.
    func directories() throws -> Set<String> {
        let links = try published()
        return Set(try FileManager.default.contentsOfDirectory(atPath: environments).filter {
            links[$0] == nil && !$0.hasSuffix(".lock")
        })
    }

    static func sitePackages(of environment: String) throws -> String {
        let lib = environment + "/lib"
        let python = try #require(try FileManager.default.contentsOfDirectory(atPath: lib).first { $0.hasPrefix("python") })
        return "\(lib)/\(python)/site-packages"
    }

    @Test func anEnvironmentIsBuiltOnceAndThenReusedWithoutPip() async throws {
        let first = try await probe(requirements(1))
        #expect(first.status == 0, "\(first.standardError)")
        let environment = try #require(try published().first?.value)
        let row = try #require(try Self.rows(first).first)
        #expect(row["version"] == "1.0")
        #expect(row["location"] == "\(try Self.sitePackages(of: environment))/tinypkg/__init__.py")
        #expect(row["prefix"] != environment, "in-process, the host's interpreter runs the model")

        // A second load that ran pip would now fail: the environment has no pip any more.
        try FileManager.default.removeItem(atPath: "\(try Self.sitePackages(of: environment))/pip")
        let second = try await probe(requirements(1))
        #expect(second.status == 0, "\(second.standardError)")
        #expect(try Self.rows(second) == Self.rows(first))
        #expect(try published().values.sorted() == [environment])
        #expect(try directories() == [URL(fileURLWithPath: environment).lastPathComponent])
    }

    @Test func processModeWorkersRunInTheModelsEnvironment() async throws {
        let outcome = try await probe(requirements(2).merging(["execution-mode": "process"]) { $1 })
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let environment = try #require(try published().first?.value)
        let row = try #require(try Self.rows(outcome).first)
        #expect(row["version"] == "2.0")
        #expect(row["prefix"] == environment, "the worker is the environment's bin/python")
        #expect(row["location"] == "\(try Self.sitePackages(of: environment))/tinypkg/__init__.py")
    }

    /// Both models in one `mlpredict sql` process, each then predicting one row.
    func twoModels(_ first: [String: String], _ second: [String: String], module: String = "tinypkg") async throws
        -> CommandLineTool.Outcome
    {
        let statements = """
            \(ddl(first, name: "a"));
            \(ddl(second, name: "b"));
            SELECT version FROM ML_PREDICT(TABLE t, MODEL a, DESCRIPTOR(name));
            SELECT version FROM ML_PREDICT(TABLE t, MODEL b, DESCRIPTOR(name))
            """
        return try await CommandLineTool.run(
            ["sql", "--table", "t", "--schema", "(name STRING)", statements], standardInput: Self.input([module]),
            environment: variables)
    }

    @Test func inProcessASecondModelWithAnotherVersionIsRefused() async throws {
        let outcome = try await twoModels(requirements(1), requirements(2))
        #expect(outcome.status == 1)
        let first = try #require(
            try published().values.first { FileManager.default.fileExists(atPath: "\(try Self.sitePackages(of: $0))/tinypkg-1.0.dist-info") })
        #expect(
            outcome.standardError.contains(
                "model 'b': its Python environment ('python.requirements' \(scratch.path)/requirements-2.txt) conflicts "
                    + "with the interpreter that in-process models share, where each module is imported once: "
                    + "distribution 'tinypkg' 2.0 of its environment, but 'tinypkg' 1.0 is already on the "
                    + "interpreter's path (\(try Self.sitePackages(of: first)), added for model 'a'). Run the model "
                    + "with 'execution-mode' = 'process', where its workers use its own environment"),
            "\(outcome.standardError)")
    }

    @Test func inProcessModelsWithTheSameReleaseShareIt() async throws {
        try "# the same release, another file\ntinypkg==1.0\n".write(
            to: scratch.appendingPathComponent("requirements-3.txt"), atomically: true, encoding: .utf8)
        let outcome = try await twoModels(requirements(1), requirements(3))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.components(separatedBy: "1.0").count - 1 == 2)
        #expect(try published().count == 2)
    }

    @Test func inProcessModeEachModelSeesItsOwnVersion() async throws {
        let process = ["execution-mode": "process"]
        let outcome = try await twoModels(requirements(1).merging(process) { $1 }, requirements(2).merging(process) { $1 })
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let versions = outcome.standardOutput.split(separator: "\n").filter { $0.contains("1.0") || $0.contains("2.0") }
        #expect(versions.count == 2)
        #expect(versions.first?.contains("1.0") == true && versions.last?.contains("2.0") == true, "\(outcome.standardOutput)")
        // An in-process model beside them is not affected by their environments.
        let mixed = try await twoModels(requirements(1), requirements(2).merging(process) { $1 })
        #expect(mixed.status == 0, "\(mixed.standardError)")
        #expect(try published().count == 2, "the second run reused both environments")
    }

    @Test func twoProcessesLoadingANewEnvironmentAtOnceShareOneBuild() async throws {
        let runs = try (0..<2).map { _ in
            try CommandLineTool.start(
                ["run", "--ddl", ddl(requirements(1)), "--quiet"], standardInput: Self.input(["tinypkg"]),
                environment: variables)
        }
        for run in runs {
            let outcome = try await run.finished()
            #expect(outcome.status == 0, "\(outcome.standardError)")
            #expect(try Self.rows(outcome).first?["version"] == "1.0")
        }
        let environment = try #require(try published().values.first)
        #expect(try published().count == 1)
        #expect(try directories() == [URL(fileURLWithPath: environment).lastPathComponent], "no second build was left")
    }

    @Test func aPipFailureNamesTheModelTheOptionAndTheFileWithPipsOutput() async throws {
        let file = scratch.appendingPathComponent("requirements-bad.txt").path
        try "no-such-distribution-mlpredict==1.0\n".write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = try await probe(["python.requirements": "\(file)#\(scratch.path)/wheels"])
        #expect(outcome.status == 3)
        #expect(
            outcome.standardError.contains(
                "model 'probe': option 'python.requirements' (\(file)): building its environment for "),
            "\(outcome.standardError)")
        #expect(outcome.standardError.contains("failed: pip could not install the requirements (exit status 1); its output ends with:"))
        #expect(outcome.standardError.contains("No matching distribution found for no-such-distribution-mlpredict==1.0"))
        #expect(try published().isEmpty)
        #expect(try directories().isEmpty, "the failed build was removed")
    }

    @Test func aKilledBuildIsNeverTrustedAndIsCleanedUp() async throws {
        let killed = try CommandLineTool.start(
            ["run", "--ddl", ddl(requirements(1)), "--quiet"], standardInput: Self.input(["tinypkg"]), environment: variables)
        // Wait for the build to begin (its directory appears when `python -m venv` starts).
        let started = ContinuousClock.now
        var building: String?
        while building == nil, ContinuousClock.now - started < .seconds(120) {
            building = (try? directories())?.first { !$0.hasSuffix(".log") }
            if building == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let stale = try #require(building, "the build never started")
        kill(killed.process.processIdentifier, SIGKILL)
        #expect(try await killed.finished().killedBySignal)
        Self.killProcesses(using: "\(environments)/\(stale)")
        #expect(try published().isEmpty, "a killed build is not published")

        let outcome = try await probe(requirements(1))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(try Self.rows(outcome).first?["version"] == "1.0")
        let environment = try #require(try published().values.first)
        #expect(URL(fileURLWithPath: environment).lastPathComponent != stale)
        #expect(!FileManager.default.fileExists(atPath: "\(environments)/\(stale)"), "the killed build was removed")
        #expect(try directories() == [URL(fileURLWithPath: environment).lastPathComponent])
    }

    /// Kills the processes the killed run left behind (its `python -m venv` or pip, orphaned):
    /// those whose command line names `path`.
    static func killProcesses(using path: String) {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int32.init) ?? []
        for pid in pids {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
            if String(decoding: data, as: UTF8.self).contains(path) {
                kill(pid, SIGKILL)
                let killed = ContinuousClock.now
                while kill(pid, 0) == 0, ContinuousClock.now - killed < .seconds(10) { Thread.sleep(forTimeInterval: 0.01) }
            }
        }
    }

    @Test(arguments: ["in-process", "process"])
    func pythonFilesPutDirectoriesModulesZipsAndWheelsOnThePath(mode: String) async throws {
        try Self.makeWheel(["wheel", "wheelfile_pkg", "4.0", scratch.path])
        try Self.makeWheel(["zip", "zipfile_mod", "5.0", scratch.appendingPathComponent("bundle.zip").path])
        let files = "lib, single_module.py, \(scratch.path)/bundle.zip, \(scratch.path)/wheelfile_pkg-4.0-py3-none-any.whl"
        let outcome = try await probe(
            ["python.files": files, "execution-mode": mode],
            modules: ["filesdir_pkg", "single_module", "zipfile_mod", "wheelfile_pkg"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let rows = try Self.rows(outcome)
        try #require(rows.map { $0["version"] } == ["directory", "py file", "5.0", "4.0"])
        #expect(rows[0]["location"] == "\(Self.probe)/lib/filesdir_pkg/__init__.py")
        #expect(rows[1]["location"]?.hasPrefix("\(cache)/files/") == true, "a .py file gets a directory of its own")
        #expect(rows[2]["location"]?.hasPrefix("\(cache)/files/") == true, "a zip is extracted")
        #expect(rows[3]["location"] == "\(scratch.path)/wheelfile_pkg-4.0-py3-none-any.whl/wheelfile_pkg/__init__.py")
        // Only the named module of the model directory: its neighbour envprobe.py is not importable.
        let neighbour = try await probe(["python.files": "single_module.py", "execution-mode": mode], modules: ["envprobe"])
        #expect(neighbour.status == 1)
        #expect(neighbour.standardError.contains("No module named 'envprobe'"), "\(neighbour.standardError)")
    }

    @Test func inProcessFilesThatShadowAnotherModelsAreRefused() async throws {
        let other = scratch.appendingPathComponent("other/filesdir_pkg")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "VERSION = 'other'\n".write(to: other.appendingPathComponent("__init__.py"), atomically: true, encoding: .utf8)
        let outcome = try await twoModels(["python.files": "lib"], ["python.files": "\(scratch.path)/other"], module: "filesdir_pkg")
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError.contains(
                "module 'filesdir_pkg' of its 'python.files' entry \(scratch.path)/other, but 'filesdir_pkg' is already "
                    + "imported from \(Self.probe)/lib/filesdir_pkg/__init__.py, added for model 'a'"),
            "\(outcome.standardError)")
    }

    @Test func aMissingFilesEntryFailsTheDefinition() async throws {
        let outcome = try await probe(["python.files": "lib,nowhere"])
        #expect(outcome.status == 3)
        #expect(
            outcome.standardError.contains(
                "model 'probe': option 'python.files' must list directories and .py, .zip, .whl, .egg files, "
                    + "separated by commas, but 'nowhere' (\(Self.probe)/nowhere) does not exist"),
            "\(outcome.standardError)")
    }
}
