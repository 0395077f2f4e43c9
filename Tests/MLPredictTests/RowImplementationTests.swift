import Testing

@testable import MLPredict

/// The host registers `mlpredict.Row` in C (python/src/mlpredict/_native/row.c) before importing
/// `mlpredict`, so models receive and build C rows.
@Suite("the host's C Row")
struct RowImplementationTests {
    @Test func modelsReceiveAndBuildTheHostsCRow() throws {
        let model = try Fixtures.model(
            name: "row_implementation", input: "x INT", output: "active STRING, `input` STRING, built STRING, `module` STRING",
            directory: "row_implementation", pythonClass: "row_implementation.RowImplementationPredictFunction")
        defer { try? model.close() }
        let rows = try model.predict([.int(7)])
        #expect(rows.first?.values == [.string("c"), .string("c"), .string("c"), .string("host")])
    }
}
