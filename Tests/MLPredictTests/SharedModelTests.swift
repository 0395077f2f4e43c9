import Dispatch
import Synchronization
import Testing

@testable import MLPredict

@Suite("Catalog sharing: models load once per definition; DROP and ALTER close them after in-flight queries")
struct SharedModelTests {
    private static let counter = SQLFixtures.createModel("counter", output: "opens BIGINT", pythonClass: "LoadCounter")

    /// A fresh model name, so the Python open counter (per name, per process) starts at zero.
    private func uniqueCounter() -> (String, String) {
        let name = "counter_\(UInt32.random(in: 0...UInt32.max))"
        return (name, Self.counter.replacingOccurrences(of: "MODEL counter", with: "MODEL \(name)"))
    }

    @Test func sessionsOnOneCatalogShareOneLoadedModel() throws {
        let (name, ddl) = uniqueCounter()
        let catalog = InMemoryModelCatalog()
        let first = Session(catalog: catalog)
        try first.execute(ddl)
        let sessions = (0..<4).map { _ in Session(catalog: catalog) }
        let opens = Mutex<Set<Value>>([])
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let session = sessions[index % sessions.count]
            session.registerTable("t", Table(schema: Schema([Column("x", .double)]), rows: [[0.5]]))
            if let result = try? session.execute("SELECT opens FROM ML_PREDICT(TABLE t, MODEL \(name), DESCRIPTOR(x))") {
                opens.withLock { $0.formUnion(result.rows.map { $0[0] }) }
            }
        }
        #expect(opens.withLock { $0 } == [1])
        #expect(catalog.loadedModels.isLoaded(ModelPath(database: "default_database", name: name)))
    }

    @Test func alterReloadsAndDropUnloads() throws {
        let (name, ddl) = uniqueCounter()
        let session = Session()
        try session.execute(ddl)
        session.registerTable("t", Table(schema: Schema([Column("x", .double)]), rows: [[0.5]]))
        let query = "SELECT opens FROM ML_PREDICT(TABLE t, MODEL \(name), DESCRIPTOR(x))"
        #expect(try session.execute(query).rows == [[1]])
        #expect(try session.execute(query).rows == [[1]])
        try session.execute("ALTER MODEL \(name) SET ('properties.version' = '2')")
        #expect(try session.execute(query).rows == [[2]])
        let path = ModelPath(database: "default_database", name: name)
        try session.execute("DROP MODEL \(name)")
        #expect(!session.catalog.loadedModels.isLoaded(path))
    }

    @Test func dropWaitsForTheQueryInFlight() async throws {
        let session = Session()
        try await session.execute(SQLFixtures.classify)
        let started = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        let rows = GatedRows(started: started.continuation, release: release.stream)
        session.registerTable("slow", Table(schema: Schema([Column("x", .double)]), rows: rows))
        let query = Task { try await session.execute("SELECT label FROM ML_PREDICT(TABLE slow, MODEL classify, DESCRIPTOR(x))") }
        for await _ in started.stream { break }
        try await session.execute("DROP MODEL classify")
        release.continuation.yield()
        #expect(try await query.value.rows == [[.int(1)], [.int(0)]], "the query keeps its model until it ends")
        #expect(SQLFixtures.error { try session.execute("SELECT * FROM ML_PREDICT(TABLE slow, MODEL classify, DESCRIPTOR(x))") }?.code == .unknownModel)
    }
}

/// Two rows, 0.9 and 0.1; before the second it says the first was taken and waits for `release`.
private struct GatedRows: AsyncSequence, Sendable {
    let started: AsyncStream<Void>.Continuation
    let release: AsyncStream<Void>

    func makeAsyncIterator() -> Iterator {
        Iterator(started: started, release: release.makeAsyncIterator())
    }

    struct Iterator: AsyncIteratorProtocol {
        let started: AsyncStream<Void>.Continuation
        var release: AsyncStream<Void>.Iterator
        var index = 0

        mutating func next() async -> Row? {
            index += 1
            switch index {
            case 1: return [0.9]
            case 2:
                started.yield()
                _ = await release.next()
                return [0.1]
            default: return nil
            }
        }
    }
}
