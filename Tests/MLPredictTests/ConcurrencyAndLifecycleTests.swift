import Foundation
import Testing
import Synchronization

@testable import MLPredict

@Suite("predict from many threads and tasks; close exactly once")
struct ConcurrencyAndLifecycleTests {
    private func echo(name: String = "echo") throws -> Model {
        try Fixtures.model(
            name: name, input: "id BIGINT, text STRING", output: "id BIGINT, text STRING", directory: "echo",
            pythonClass: "echo.EchoPredictFunction")
    }

    @Test func manyThreadsGetTheirOwnResults() throws {
        let model = try echo()
        let threads = 8
        let calls = 3000
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for call in 0..<calls {
                let id = Int64(thread * calls + call)
                let text = "thread \(thread) call \(call) ✓"
                let result = try? model.predict([.bigInt(id), .string(text)])
                if result != [[.bigInt(id), .string(text)]] { failures.withLock { $0 += 1 } }
            }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    @Test func manyTasksGetTheirOwnResults() async throws {
        let model = try echo()
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var failed = 0
                    for call in 0..<1000 {
                        let id = Int64(task * 1000 + call)
                        if try await model.predict([.bigInt(id), .string("t\(id)")]) != [[.bigInt(id), .string("t\(id)")]] { failed += 1 }
                    }
                    return failed
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    @Test func errorsUnderConcurrencyLeaveOtherCallsCorrect() throws {
        let model = try Fixtures.model(
            name: "failing", input: "text STRING", output: "text STRING", directory: "failing_predict",
            pythonClass: "failing.FailingPredictFunction")
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for call in 0..<500 {
                let boom = (call + thread) % 7 == 0
                do throws(MLPredictError) {
                    let rows = try model.predict([.string(boom ? "boom" : "ok \(call)")])
                    if boom || rows != [[.string("OK \(call)")]] { wrong.withLock { $0 += 1 } }
                } catch {
                    if !boom || error.code != .predictFailed { wrong.withLock { $0 += 1 } }
                }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
    }

    @Test func exceptionInPredictCarriesTypeMessageAndTraceback() throws {
        let model = try Fixtures.model(
            name: "failing", input: "text STRING", output: "text STRING", directory: "failing_predict",
            pythonClass: "failing.FailingPredictFunction")
        let error = try #require(Fixtures.error { _ = try model.predict(["boom"]) })
        #expect(error.code == .predictFailed)
        #expect(error.message == "model 'failing': predict raised failing.ModelInputError: cannot score 'boom'")
        let python = try #require(error.pythonError)
        #expect(python.typeName == "failing.ModelInputError")
        #expect(python.message == "cannot score 'boom'")
        #expect(python.traceback.contains("failing.py\", line 17, in predict"))
        #expect(python.traceback.contains("failing.py\", line 12, in check"))
        #expect(python.traceback.hasSuffix("failing.ModelInputError: cannot score 'boom'\n"))
        #expect(try model.predict(["fine"]) == [["FINE"]])
    }

    @Test func closeCallsPythonCloseExactlyOnce() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-close-\(UUID()).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let model = try Fixtures.model(
            name: "closing", input: "n INT", output: "n INT", directory: "closing",
            pythonClass: "closing.ClosingPredictFunction", properties: ["log": log.path])
        #expect(try model.predict([21]) == [[.int(42)]])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in try? model.close() }
        try model.close()
        #expect(try String(contentsOf: log, encoding: .utf8) == "open\nclose\n")
        let error = try #require(Fixtures.error { _ = try model.predict([1]) })
        #expect(error.code == .modelClosed)
        #expect(error.message == "model 'closing' is closed")
    }

    @Test func closeWaitsForPredictionsInFlight() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-inflight-\(UUID()).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let model = try Fixtures.model(
            name: "closing", input: "n INT", output: "n INT", directory: "closing",
            pythonClass: "closing.ClosingPredictFunction", properties: ["log": log.path])
        let outcomes = Mutex((succeeded: 0, closed: 0, other: 0))
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            if worker == 0 {
                Thread.sleep(forTimeInterval: 0.05)
                try? model.close()
                return
            }
            for _ in 0..<2000 {
                do throws(MLPredictError) {
                    _ = try model.predict([1])
                    outcomes.withLock { $0.succeeded += 1 }
                } catch {
                    outcomes.withLock { error.code == .modelClosed ? ($0.closed += 1) : ($0.other += 1) }
                }
            }
        }
        let result = outcomes.withLock { $0 }
        #expect(result.other == 0)
        #expect(result.succeeded + result.closed == 10_000)
        #expect(try String(contentsOf: log, encoding: .utf8) == "open\nclose\n")
    }

    @Test func droppingTheModelClosesIt() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-deinit-\(UUID()).log")
        defer { try? FileManager.default.removeItem(at: log) }
        do {
            let model = try Fixtures.model(
                name: "closing", input: "n INT", output: "n INT", directory: "closing",
                pythonClass: "closing.ClosingPredictFunction", properties: ["log": log.path])
            _ = try model.predict([1])
        }
        #expect(try String(contentsOf: log, encoding: .utf8) == "open\nclose\n")
    }
}
