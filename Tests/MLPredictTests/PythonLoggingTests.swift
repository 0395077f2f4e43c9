import Dispatch
import Foundation
import Logging
import MLPredict
import Testing

/// What a model logs with Python's `logging` reaches swift-log, labelled `mlpredict.model`, with
/// the model, the Python logger, the level mapped and the Python source location; in-process and
/// in worker processes. Serialized, as the other observability suites are: process-mode tests
/// start Python workers, and many at once would load a 2-core machine for the timing-sensitive
/// suites that run meanwhile.
@Suite("Python logging through swift-log", .serialized)
struct PythonLoggingTests {
    static let logs = CapturedLogs.shared

    static func observed(_ name: String, _ options: [String: String] = [:]) async throws -> Model {
        _ = logs  // bootstrapped before the model's records arrive
        let extra = options.sorted { $0.key < $1.key }.map { ", '\($0.key)' = '\($0.value)'" }.joined()
        return try await offPool {
            try ModelRegistry.default.createModel(
                fromDDL: """
                    CREATE MODEL \(name) INPUT (text STRING) OUTPUT (text STRING)
                    WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Fixtures.directory("observed"))',
                          'python-predict-class' = 'observed.ObservedPredictFunction'\(extra))
                    """)
        }
    }

    /// `model`'s records from the logger `observed` (the model's own), waiting up to a minute for
    /// `count` of them: a worker's records arrive on its reader thread.
    static func records(_ model: String, count: Int, logger: String = "observed") async throws -> [CapturedLogs.Entry] {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let records = logs.entries(model: model).filter { $0.metadata["python.logger"] == "\(logger)" }
            if records.count >= count || ContinuousClock.now > deadline { return records }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func levelsMapToSwiftLogWithTheModelAndTheSourceLocation() async throws {
        let name = "logging_levels"
        let model = try await Self.observed(name)
        let levels = [10, 20, 30, 40, 50, 5, 25, 35, 60, 1, 17]
        for level in levels {
            let text = "log \(level) message at \(level)"
            #expect(try await model.predict([.string(text)]) == [Row([.string(text)])])
        }
        let records = try await Self.records(name, count: levels.count + 1)
        #expect(records.first?.message == "opened" && records.first?.level == .info && records.first?.function == "open")
        let logged = records.filter { $0.function == "predict" }
        let expected: [Logger.Level] = [.debug, .info, .warning, .error, .critical, .trace, .notice, .error, .critical, .trace, .info]
        #expect(logged.map(\.level) == expected)
        #expect(logged.map(\.message) == levels.map { "message at \($0)" })
        for record in logged {
            #expect(record.label == "mlpredict.model")
            #expect(record.source == "python")
            #expect(record.file == Fixtures.directory("observed") + "/observed.py")
            #expect(record.line > 0)
        }
        try await offPool { try model.close() }
    }

    @Test func anExceptionsTracebackIsInTheMessage() async throws {
        let name = "logging_exception"
        let model = try await Self.observed(name)
        _ = try await model.predict(["exception"])
        let record = try #require(try await Self.records(name, count: 2).last)
        #expect(record.level == .error)
        #expect(record.message.hasPrefix("division failed\nTraceback (most recent call last):\n"))
        #expect(record.message.hasSuffix("ZeroDivisionError: division by zero"))
        try await offPool { try model.close() }
    }

    @Test func aRecordLoggedWhileTheModuleIsImportedNamesTheModel() async throws {
        let model = try await Self.observed("logging_import")
        try await offPool { try model.close() }
        let records = try await Self.records("logging_import", count: 1, logger: "observed.module")
        #expect(records.map(\.message) == ["imported"])
        #expect(records.first?.level == .warning && records.first?.function == "<module>")
    }

    /// A worker's records: the same messages, sent as `L` frames and logged with the worker's model.
    /// One test, one worker: starting many at once would load a 2-core machine for the
    /// timing-sensitive suites running meanwhile.
    @Test func aWorkersRecordsAreTheSameSwiftLogMessages() async throws {
        let name = "logging_worker"
        let model = try await Self.observed(name, ["execution-mode": "process"])
        let levels = [10, 25, 35, 60]
        for level in levels { _ = try await model.predict([.string("log \(level) message at \(level)")]) }
        _ = try await model.predict(["exception"])
        _ = try await model.predict(["print"])
        try await offPool { try model.close() }
        let records = try await Self.records(name, count: levels.count + 3)
        let messages = records.map { String($0.message.prefix(16)) }
        #expect(messages == ["opened"] + levels.map { "message at \($0)" } + ["division failed\n", "closing"])
        #expect(records.map(\.level) == [.info, .debug, .notice, .error, .critical, .error, .info])
        #expect(records.map(\.function) == ["open"] + Array(repeating: "predict", count: levels.count + 1) + ["close"])
        #expect(records.allSatisfy { $0.label == "mlpredict.model" && $0.file == Fixtures.directory("observed") + "/observed.py" })
        #expect(records[levels.count + 1].message.hasSuffix("ZeroDivisionError: division by zero"))
        #expect(Self.logs.entries(containing: "printed by the model").isEmpty)
    }

    /// In-process, a record is logged before the call that logged it returns.
    @Test func modelsSharingTheInterpreterAreToldApartUnderConcurrency() async throws {
        let first = try await Self.observed("logging_first", ["instances": "2"])
        let second = try await Self.observed("logging_second", ["instances": "2"])
        try await offPool {
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                let model = worker.isMultiple(of: 2) ? first : second
                for row in 0..<25 { _ = try? model.predict([.string("log 30 \(model.name) \(worker) \(row)")]) }
            }
        }
        for model in [first, second] {
            let records = Self.logs.entries(model: model.name).filter { $0.function == "predict" }
            #expect(records.count == 50)
            #expect(records.allSatisfy { $0.message.hasPrefix("\(model.name) ") })
        }
        try await offPool {
            try first.close()
            try second.close()
        }
    }

    @Test func printAndStandardErrorAreNotLogRecords() async throws {
        let name = "logging_print"
        let model = try await Self.observed(name)
        _ = try await model.predict(["print"])
        _ = try await model.predict(["log 30 after print"])
        try await offPool { try model.close() }
        #expect(try await Self.records(name, count: 3).map(\.message) == ["opened", "after print", "closing"])
        #expect(Self.logs.entries(containing: "printed by the model").isEmpty)
        #expect(Self.logs.entries(containing: "written to stderr by the model").isEmpty)
    }
}
