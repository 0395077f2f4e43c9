import Dispatch
import Foundation
import InMemoryLogging
import Logging
import MLPredict
import MLPredictPython
import MLPredictServiceLifecycle
import ServiceLifecycle
import Testing

/// Graceful shutdown of real Python models through a `ServiceGroup`: a call in flight completes,
/// later calls are refused, each instance's `close()` runs once and workers exit.
@Suite("ModelService: graceful shutdown drains and closes models", .serialized)
struct ModelServiceTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/gated").path

    /// The gated model with `count` instances (or workers), recording its lifecycle in `directory`;
    /// loaded on a Dispatch thread, since loading blocks.
    static func gated(_ mode: String, _ directory: URL, count: Int = 2, properties: String = "") async throws -> Model {
        let parallel = mode == "process" ? "'workers' = '\(count)'" : "'instances' = '\(count)'"
        let ddl = """
            CREATE MODEL gated\(properties.isEmpty ? "" : "_bad") INPUT (text STRING) OUTPUT (text STRING)
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(fixture)',
                  'python-predict-class' = 'gated.GatedPredictFunction', 'execution-mode' = '\(mode)',
                  \(parallel), 'properties.directory' = '\(directory.path)'\(properties))
            """
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ModelRegistry.default.createModel(fromDDL: ddl) })
            }
        }
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("model-service-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Waits (polling, up to two minutes) until `condition` holds.
    static func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw WaitError(what: what) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    struct WaitError: Error {
        let what: String
    }

    @Test func aCallInFlightCompletesLaterCallsAreRefusedAndCloseRunsOnce() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try await Self.gated("in-process", directory)
        // Threads of its own: the slow call occupies one, and PythonThreads.shared has only one.
        let threads = PythonThreads(count: 2)
        let group = ServiceGroup(services: [ModelService(models: [model])], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        let slow = Task { try await model.predict(["slow"], on: threads) }
        try await Self.eventually("the slow call started") {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("started").path)
        }
        #expect(try await model.predict(["fast"], on: threads) == [["FAST"]], "the other instance serves meanwhile")

        await group.triggerGracefulShutdown()
        var refusal: MLPredictError?
        try await Self.eventually("a call is refused") {
            do throws(MLPredictError) {
                #expect(try await model.predict(["fast"], on: threads) == [["FAST"]])
                return false
            } catch {
                refusal = error
                return true
            }
        }
        #expect(refusal?.code == .modelClosed)
        #expect(refusal?.message == "model 'gated' is closed")
        let closed = directory.appendingPathComponent("closed")
        #expect(!FileManager.default.fileExists(atPath: closed.path), "close() waits for the call in flight")

        try Data().write(to: directory.appendingPathComponent("release"))
        #expect(try await slow.value == [["slow done"]])
        try await running.value

        let closes = try String(contentsOf: closed, encoding: .utf8).split(separator: "\n")
        #expect(closes.count == 2 && Set(closes).count == 2, "each of the 2 instances closed once: \(closes)")
        let after = await #expect(throws: MLPredictError.self) { _ = try await model.predict(["fast"]) }
        #expect(after?.code == .modelClosed)
    }

    /// One worker (each worker started loads the 2-core test machine): the call in flight
    /// completes, the worker's `close()` runs once, the worker exits, later calls are refused.
    @Test func inProcessModeTheWorkerClosesOnceAndExits() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try await Self.gated("process", directory, count: 1)
        let threads = PythonThreads(count: 1)
        let serviceLog = InMemoryLogHandler()
        let service = ModelService(models: [model], logger: Logger(label: "service") { _ in serviceLog })
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        let slow = Task { try await model.predict(["slow"], on: threads) }
        try await Self.eventually("the slow call started") {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("started").path)
        }

        await group.triggerGracefulShutdown()
        try await Self.eventually("closing began") {
            serviceLog.entries.contains { "\($0.message)".hasPrefix("closing 1 model(s)") }
        }
        let closed = directory.appendingPathComponent("closed")
        #expect(!FileManager.default.fileExists(atPath: closed.path), "close() waits for the call in flight")
        try Data().write(to: directory.appendingPathComponent("release"))
        #expect(try await slow.value == [["slow done"]])
        try await running.value

        let worker = try #require(pid_t(String(contentsOf: directory.appendingPathComponent("opened"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(worker != getpid())
        let closes = try String(contentsOf: closed, encoding: .utf8).split(separator: "\n")
        #expect(closes.count == 1 && closes.first?.hasPrefix("\(worker) ") == true, "closed once, in the worker")
        #expect(kill(worker, 0) == -1 && errno == ESRCH, "the worker has exited")
        let after = await #expect(throws: MLPredictError.self) { _ = try await model.predict(["fast"]) }
        #expect(after?.code == .modelClosed)
    }

    @Test func cancellingTheGroupClosesTheModelsToo() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try await Self.gated("in-process", directory)
        let group = ServiceGroup(services: [ModelService(models: [model])], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        #expect(try await model.predict(["fast"]) == [["FAST"]])
        running.cancel()
        try await running.value
        let closes = try String(contentsOf: directory.appendingPathComponent("closed"), encoding: .utf8)
        #expect(closes.split(separator: "\n").count == 2)
        let after = await #expect(throws: MLPredictError.self) { _ = try await model.predict(["fast"]) }
        #expect(after?.code == .modelClosed)
    }

    @Test func aFailingCloseFailsTheServiceAfterClosingEveryModel() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try await Self.gated("in-process", directory)
        let bad = try await Self.gated("in-process", directory, properties: ", 'properties.fail-close' = 'yes'")
        let group = ServiceGroup(services: [ModelService(models: [bad, good])], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        await group.triggerGracefulShutdown()
        let failure = await #expect(throws: MLPredictError.self) { try await running.value }
        #expect(failure?.code == .closeFailed)
        #expect(failure?.message == "model 'gated_bad': close raised RuntimeError: close failed on purpose")
        await #expect(throws: MLPredictError.self) { _ = try await bad.predict(["fast"]) }
        let closes = try String(contentsOf: directory.appendingPathComponent("closed"), encoding: .utf8)
        #expect(closes.split(separator: "\n").count == 2, "the other model closed all the same")
    }
}
