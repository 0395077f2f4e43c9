import Foundation
import Synchronization
import Testing

/// `mlpredict run` on a model package served over HTTP: two processes loading it at once fetch and
/// unpack it once (the cache's lock file), and `MLPREDICT_MODEL_ROOTS` refuses what is outside.
@Suite struct ModelPackageRunTests {
    /// The model-package fixtures of the library's tests.
    static let fixtures = CommandLineTool.packageDirectory.appendingPathComponent("Tests/MLPredictTests/Fixtures")

    static func ddl(_ url: String) -> String {
        """
        CREATE MODEL packaged INPUT (text STRING) OUTPUT (greeting STRING, by_path STRING, relative STRING)
        WITH ('provider' = 'generic-python', 'model-directory-path' = '\(url)',
              'python-predict-class' = 'packaged.PackagedPredictFunction')
        """
    }

    @Test func twoProcessesFetchAndUnpackOnce() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-cli-packages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Self.python(
            "packages/make_archive.py", scratch.appendingPathComponent("packaged.tar.gz").path, "tar.gz",
            Self.fixtures.appendingPathComponent("models/packaged").path)
        // The server answers late, so both processes start loading before either has the package.
        let server = try Server(serving: scratch, delay: 0.5)
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/packaged.tar.gz"
        let environment = ["MLPREDICT_CACHE": scratch.appendingPathComponent("cache").path]
        let outcomes = Mutex<[CommandLineTool.Outcome?]>([nil, nil])
        let finished = DispatchSemaphore(value: 0)
        for index in 0..<2 {
            Thread {
                let outcome = try? CommandLineTool.run(
                    ["run", "--quiet", "--ddl", Self.ddl(url), "--input", "-"], standardInput: "{\"text\": \"\"}\n",
                    environment: environment)
                outcomes.withLock { $0[index] = outcome }
                finished.signal()
            }.start()
        }
        finished.wait()
        finished.wait()
        for outcome in outcomes.withLock({ $0 }) {
            #expect(outcome?.status == 0, "\(outcome?.standardError ?? "did not run")")
            #expect(outcome?.standardOutput == "{\"text\":\"\",\"greeting\":\"hello from the package\",\"by_path\":null,\"relative\":null}\n")
        }
        #expect(server.requests == ["GET /packaged.tar.gz 200"])
        let entries = try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("cache/models").path)
        #expect(entries.filter { $0.count == 64 }.count == 1)
    }

    @Test func modelRootsFromTheEnvironmentRefuseOtherDirectories() throws {
        let model = Self.fixtures.appendingPathComponent("models/packaged").path
        let ddl = Self.ddl(model)
        let refused = try CommandLineTool.run(
            ["run", "--quiet", "--ddl", ddl, "--input", "-"], standardInput: "{\"text\": \"\"}\n",
            environment: ["MLPREDICT_MODEL_ROOTS": "/nonexistent/models:https://models.example.com/team/"])
        #expect(refused.status != 0)
        #expect(
            refused.standardError.contains(
                "model 'packaged': option 'model-directory-path' names '\(model)', which is outside the allowed model "
                    + "roots (/nonexistent/models, https://models.example.com/team/)"), "\(refused.standardError)")
        let allowed = try CommandLineTool.run(
            ["run", "--quiet", "--ddl", ddl, "--input", "-"], standardInput: "{\"text\": \"\"}\n",
            environment: ["MLPREDICT_MODEL_ROOTS": Self.fixtures.path])
        #expect(allowed.status == 0, "\(allowed.standardError)")
    }

    /// Runs a fixture script with Debian's Python.
    static func python(_ script: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [fixtures.appendingPathComponent(script).path] + arguments
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(script) failed")
    }

    /// `Fixtures/packages/serve.py` on 127.0.0.1, with its request log.
    final class Server {
        let port: Int
        private let process = Process()
        private let log: URL

        init(serving directory: URL, delay: Double) throws {
            log = directory.appendingPathComponent("requests.log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [
                ModelPackageRunTests.fixtures.appendingPathComponent("packages/serve.py").path, directory.path, "--delay", "\(delay)",
            ]
            process.standardOutput = try FileHandle(forWritingTo: log)
            try process.run()
            var port: Int?
            for _ in 0..<500 where port == nil {
                let first = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").first
                port = first.flatMap { $0.hasPrefix("port ") ? Int($0.dropFirst(5)) : nil }
                if port == nil { usleep(20_000) }
            }
            self.port = try #require(port, "serve.py did not start")
        }

        /// SIGKILL: the server inherits the spawning thread's signal mask, where SIGTERM may be blocked.
        func stop() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        var requests: [String] {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").dropFirst().map(String.init)
        }
    }
}
