import Dispatch
import Foundation
import Synchronization
import Testing

@testable import MLPredict

@Suite("Catalog loading: a slow open() delays only its own model; DDL racing a query leaves nothing loaded")
struct CatalogLoadingTests {
    /// A path in the temporary directory where nothing is yet.
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-\(name)-\(UUID().uuidString)").path
    }

    @Test func aSlowOpenDoesNotDelayQueriesOfAnotherModel() async throws {
        let (opening, release) = (Self.temporaryPath("opening"), Self.temporaryPath("release"))
        defer { for path in [opening, release] { try? FileManager.default.removeItem(atPath: path) } }
        let session = Session()
        try await session.execute(SQLFixtures.classify)
        try await session.execute(
            Fixtures.ddl(
                name: "gated", input: "x DOUBLE", output: "y DOUBLE", directory: "gated",
                pythonClass: "gated.GatedOpenPredictFunction", properties: ["opening": opening, "release": release]))
        session.registerTable("t", SQLFixtures.points([(0.9, 1)]))
        let classify = "SELECT label FROM ML_PREDICT(TABLE t, MODEL classify, DESCRIPTOR(x))"
        #expect(try await session.execute(classify).rows == [[.int(1)]])
        // The gated model's open() waits for `release` (10 s at most) on a thread of its own.
        let gated = Task {
            try await withCheckedThrowingContinuation { result in
                DispatchQueue.global().async {
                    result.resume(with: Result { try session.execute("SELECT y FROM ML_PREDICT(TABLE t, MODEL gated, DESCRIPTOR(x))") })
                }
            }
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: opening), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let began = ContinuousClock.now
        let result = try await session.execute(classify)
        let elapsed = ContinuousClock.now - began
        #expect(FileManager.default.createFile(atPath: release, contents: nil))
        #expect(result.rows == [[.int(1)]])
        #expect(elapsed < .seconds(2), "the query of the loaded classifier model waited for the gated model's open()")
        #expect(try await gated.value.rows == [[0.9]])
    }

    @Test(arguments: [
        "DROP MODEL doubler", "ALTER MODEL doubler RENAME TO renamed",
        "ALTER MODEL doubler SET ('properties.version' = '2')",
    ])
    func aStatementBetweenResolvingAndLeasingLeavesNoModelLoaded(statement: String) throws {
        let log = Self.temporaryPath("log")
        defer { try? FileManager.default.removeItem(atPath: log) }
        let catalog = InterposingCatalog()
        let session = Session(catalog: catalog)
        try session.execute(
            Fixtures.ddl(
                name: "doubler", input: "x DOUBLE", output: "y DOUBLE", directory: "closing",
                pythonClass: "closing.ClosingPredictFunction", properties: ["log": log]))
        session.registerTable("t", SQLFixtures.points([(0.5, 0)]))
        catalog.afterNextRead { _ = try? session.execute(statement) }
        let result = try session.execute("SELECT y FROM ML_PREDICT(TABLE t, MODEL doubler, DESCRIPTOR(x))")
        #expect(result.rows == [[1.0]], "the query resolved its model before the statement ran")
        #expect(!catalog.loadedModels.isLoaded(ModelPath(database: "default_database", name: "doubler")))
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "open\nclose\n")
    }
}

/// An in-memory catalog that can run a statement right after reading a model, as if another
/// session ran it between a query's resolving its model and leasing it.
private final class InterposingCatalog: ModelCatalog {
    let loadedModels = LoadedModels()
    private let models = InMemoryModelCatalog()
    private let interposed = Mutex<(@Sendable () -> Void)?>(nil)

    /// Runs `statement` once, after the next read of a model.
    func afterNextRead(_ statement: @escaping @Sendable () -> Void) {
        interposed.withLock { $0 = statement }
    }

    func model(at path: ModelPath) throws(MLPredictError) -> CatalogModel? {
        let model = try models.model(at: path)
        interposed.withLock { statement in
            defer { statement = nil }
            return statement
        }?()
        return model
    }

    func modelNames(in database: String) throws(MLPredictError) -> [String] {
        try models.modelNames(in: database)
    }

    func createModel(_ model: CatalogModel, at path: ModelPath) throws(MLPredictError) {
        try models.createModel(model, at: path)
    }

    func alterModel(_ model: CatalogModel, at path: ModelPath) throws(MLPredictError) {
        try models.alterModel(model, at: path)
    }

    func dropModel(at path: ModelPath) throws(MLPredictError) {
        try models.dropModel(at: path)
    }

    func renameModel(at path: ModelPath, to newPath: ModelPath) throws(MLPredictError) {
        try models.renameModel(at: path, to: newPath)
    }
}
