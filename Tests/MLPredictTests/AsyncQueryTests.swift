import Foundation
import MLPredictPython
import Synchronization
import Testing

@testable import MLPredict

@Suite("await session.execute: models load and predict off Swift's cooperative pool")
struct AsyncQueryTests {
    @Test func concurrentQueriesDoNotStarveOtherTasks() async throws {
        // The model's predictions wait (60 s at most) for a gate that only a task opens: the
        // queries succeed only if tasks still ran while they were awaited, however loaded the machine.
        let gate = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-gate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: gate) }
        let session = Session(threads: PythonThreads(count: 1))  // its own, so other tests do not queue behind the gate
        try await session.execute(
            Fixtures.ddl(
                name: "sleepy", input: "text STRING", output: "text STRING, calls BIGINT", directory: "sleepy",
                pythonClass: "sleepy.SleepingPredictFunction", properties: ["gate": gate.path]))
        let rows = (0..<8).map { Row([.string("row \($0)")]) }
        session.registerTable("texts", Table(schema: Schema([Column("text", .string)]), rows: rows))
        let query = "SELECT text0 FROM ML_PREDICT(TABLE texts, MODEL sleepy, DESCRIPTOR(text))"
        let queriesDone = Atomic<Bool>(false)
        let ticker = Task {
            for _ in 0..<50 { try await Task.sleep(for: .milliseconds(1)) }
            #expect(FileManager.default.createFile(atPath: gate.path, contents: nil))
            return queriesDone.load(ordering: .acquiring)
        }
        let results = try await withThrowingTaskGroup(of: QueryResult.self) { group in
            for _ in 0..<6 { group.addTask { try await session.execute(query) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        queriesDone.store(true, ordering: .releasing)
        #expect(try await ticker.value == false, "the ticker opened the gate while the queries waited")
        #expect(results.map(\.rows) == Array(repeating: rows, count: 6))
    }

    @Test func asyncResultsEqualSyncResultsAcrossBatches() async throws {
        let session = Session()
        try await session.execute(SQLFixtures.classify)
        let rows = (0..<150).map { Row([.double(Double($0) / 150), .int($0 % 3 == 0 ? 1 : 0)]) }
        let schema = Schema([Column("x", .double), Column("label", .int)])
        session.registerTable("points", Table(schema: schema, rows: rows))
        session.registerTable("lazy", Table(schema: schema, rows: rows.lazy))
        for function in [
            "ML_PREDICT(TABLE %@, MODEL classify, DESCRIPTOR(x))",
            "ML_EVALUATE(TABLE %@, MODEL classify, DESCRIPTOR(label), DESCRIPTOR(x), 'classification')",
        ] {
            let expected = try Self.execute(session, "SELECT * FROM " + function.replacingOccurrences(of: "%@", with: "points"))
            let stream = AsyncStream<Row> { continuation in  // read once
                for row in rows { continuation.yield(row) }
                continuation.finish()
            }
            session.registerTable("streamed", Table(schema: schema, rows: stream))
            for table in ["points", "lazy", "streamed"] {
                let sql = "SELECT * FROM " + function.replacingOccurrences(of: "%@", with: table)
                #expect(try await session.execute(sql) == expected, "\(sql)")
            }
        }
    }

    /// `sql` executed with the synchronous API.
    static func execute(_ session: Session, _ sql: String) throws -> QueryResult {
        try session.execute(sql)
    }
}
