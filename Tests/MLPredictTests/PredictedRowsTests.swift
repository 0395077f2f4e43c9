import Testing

@testable import MLPredict

@Suite("predict(_:into:): the same predictions as predict(_:), without a Value per cell")
struct PredictedRowsTests {
    static let output =
        "text STRING, n BIGINT, score DOUBLE, flag BOOLEAN, ratio FLOAT, small TINYINT, data BYTES, "
        + "amount DECIMAL(10, 2), tags ARRAY<STRING>"

    private static let shared = Result { () throws -> Model in try model() }

    static func model(_ options: [String: String] = [:], output: String = output) throws -> Model {
        let extra = options.sorted { $0.key < $1.key }.map { ", '\($0.key)' = '\($0.value)'" }.joined()
        return try ModelRegistry.default.createModel(
            fromDDL: """
                CREATE MODEL predicted INPUT (text STRING, n INT) OUTPUT (\(output))
                WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Fixtures.directory("predicted_rows"))',
                      'python-predict-class' = 'predicted_rows.PredictedRowsFunction'\(extra))
                """)
    }

    /// The rows in `predicted`, as `Row`s.
    private static func rows(_ predicted: PredictedRows) -> [Row] {
        (0..<predicted.count).map(predicted.row)
    }

    @Test(arguments: ["tuple", "row", "list", "nulls", "many", "none", "subclass", "other"])
    func everyResultShapeReadsAsPredictDoes(text: String) throws {
        let model = try Self.shared.get()
        var predicted = PredictedRows(model.outputSchema)
        for n: Int32 in [0, 3, 6] {
            let input: Row = [.string(text), .int(n)]
            try model.predict(input, into: &predicted)
            #expect(Self.rows(predicted) == (try model.predict(input)), "\(text) \(n)")
            #expect(predicted.inputCount == 1 && predicted.rows(ofInput: 0) == 0..<predicted.count)
        }
    }

    @Test func typedAccessorsReadCellsInPlace() throws {
        let model = try Self.shared.get()
        var predicted = PredictedRows(model.outputSchema)
        try model.predict(["tuple", 6], into: &predicted)
        #expect(predicted.count == 1)
        #expect(predicted.string(row: 0, column: 0) == "tuple")
        #expect(predicted.int64(row: 0, column: 1) == 6)
        #expect(predicted.double(row: 0, column: 2) == 9.0)
        #expect(predicted.bool(row: 0, column: 3) == true)
        #expect(predicted.double(row: 0, column: 4) == 1.5)
        #expect(predicted.int64(row: 0, column: 5) == -6)
        #expect(predicted.withUTF8(row: 0, column: 6) { Array($0) } == Array("tuple".utf8))
        #expect(predicted.value(row: 0, column: 5) == .tinyInt(-6))
        #expect(predicted.value(row: 0, column: 4) == .float(1.5))
        #expect(predicted.value(row: 0, column: 6) == .binary(Array("tuple".utf8)))

        try model.predict(["nulls", 1], into: &predicted)
        #expect((0..<9).allSatisfy { predicted.isNull(row: 0, column: $0) })
        #expect(predicted.double(row: 0, column: 2) == nil && predicted.string(row: 0, column: 0) == nil)
        #expect(predicted.withUTF8(row: 0, column: 6) { _ in Issue.record("called for NULL") } == nil)

        try model.predict(["subclass", 2], into: &predicted)
        #expect(predicted.string(row: 0, column: 0) == "label")
        #expect(predicted.int64(row: 0, column: 1) == 7)
        #expect(predicted.double(row: 0, column: 2) == 2.0, "an int in a DOUBLE column")
        #expect(predicted.withUTF8(row: 0, column: 6) { Array($0) } == [0, 255])
    }

    @Test func reusedStorageNeverShowsEarlierRows() throws {
        let model = try Self.shared.get()
        var predicted = PredictedRows(model.outputSchema)
        try model.predict(["many", 5], into: &predicted)
        #expect(predicted.count == 5)
        #expect(predicted.string(row: 4, column: 0) == String(repeating: "many", count: 4))
        try model.predict(["a somewhat longer text than before", 1], into: &predicted)
        #expect(Self.rows(predicted) == (try model.predict(["a somewhat longer text than before", 1])))
        try model.predict(["x", 1], into: &predicted)
        #expect(predicted.count == 1 && predicted.string(row: 0, column: 0) == "x")
        try model.predict(["none", 1], into: &predicted)
        #expect(predicted.count == 0 && predicted.inputCount == 1)
        try model.predict(["many", 3], into: &predicted)
        #expect(Self.rows(predicted) == (try model.predict(["many", 3])))
    }

    @Test func aBatchKeepsEachInputRowsOutputs() throws {
        let model = try Self.shared.get()
        let batch: [Row] = [["many", 3], ["none", 1], ["tuple", 2], ["nulls", 0], ["many", 2]]
        var predicted = PredictedRows(model.outputSchema)
        try model.predict(batch: batch, into: &predicted)
        let expected = try model.predict(batch: batch)
        #expect(predicted.inputCount == 5)
        #expect((0..<5).map { predicted.rows(ofInput: $0).map(predicted.row) } == expected)
        try model.predict(batch: [], into: &predicted)
        #expect(predicted.count == 0 && predicted.inputCount == 0)
    }

    @Test func aFailedCallLeavesNothingAndTheModelKeepsWorking() throws {
        let model = try Self.shared.get()
        var predicted = PredictedRows(model.outputSchema)
        try model.predict(["many", 4], into: &predicted)
        let bad = try #require(Fixtures.error { try model.predict(["bad", 1], into: &predicted) })
        #expect(bad.message == Fixtures.error { _ = try model.predict(["bad", 1]) }?.message)
        #expect(bad.code == .invalidOutput && bad.message.contains("output column 'score' (DOUBLE)"))
        #expect(predicted.count == 0 && predicted.inputCount == 0)

        for path in ["predict", "into"] {
            let overflow = try #require(
                Fixtures.error {
                    if path == "into" { try model.predict(["overflow", 1], into: &predicted) } else { _ = try model.predict(["overflow", 1]) }
                })
            #expect(overflow.message.hasSuffix("output column 'small' (TINYINT) of row 0: 200 is out of range for TINYINT (-128...127)"), "\(path): \(overflow.message)")
        }

        let raised = try #require(Fixtures.error { try model.predict(batch: [["many", 2], ["raise", 1]], into: &predicted) })
        #expect(raised.code == .predictFailed && raised.message.contains("ValueError: cannot predict 'raise'"))
        #expect(predicted.count == 0 && predicted.inputCount == 0)

        let input = try #require(Fixtures.error { try model.predict(["tuple", "not an int"], into: &predicted) })
        #expect(input.code == .invalidInput && input.message.contains("input column 'n' (INT)"))

        try model.predict(["tuple", 2], into: &predicted)
        #expect(Self.rows(predicted) == (try model.predict(["tuple", 2])))
    }

    @Test func storageForOtherColumnsIsRefused() throws {
        let model = try Self.shared.get()
        var predicted = PredictedRows(try Schema.parse("(text STRING)"))
        let error = try #require(Fixtures.error { try model.predict(["tuple", 1], into: &predicted) })
        #expect(error.code == .invalidInput)
        #expect(error.message.hasPrefix("model 'predicted': the PredictedRows given were made for the columns (text STRING)"))
    }

    @Test func anErrorColumnAndIgnoreGoThroughTheSamePolicy() throws {
        let model = try Self.model(
            ["error-handling-strategy": "IGNORE"], output: "text STRING, n BIGINT, `error-string` STRING")
        defer { try? model.close() }
        var predicted = PredictedRows(model.outputSchema)
        try model.predict(batch: [["pair", 1], ["raise", 2]], into: &predicted)
        #expect(predicted.inputCount == 2 && predicted.count == 2)
        #expect(predicted.row(0) == ["pair", 1, nil])
        #expect(predicted.isNull(row: 1, column: 0) && predicted.isNull(row: 1, column: 1))
        #expect(predicted.string(row: 1, column: 2)?.contains("ValueError: cannot predict 'raise'") == true)
    }

    @Test func aProcessModeModelPredictsIntoTheSameStorage() throws {
        let model = try Self.model(["execution-mode": "process"])
        defer { try? model.close() }
        var predicted = PredictedRows(model.outputSchema)
        for text in ["tuple", "row", "many", "nulls"] {
            try model.predict([.string(text), 3], into: &predicted)
            #expect(Self.rows(predicted) == (try Self.shared.get().predict([.string(text), 3])), "\(text)")
        }
        let error = try #require(Fixtures.error { try model.predict(["bad", 1], into: &predicted) })
        #expect(error.code == .invalidOutput && predicted.count == 0)
    }
}

@Suite("predict(_:into:) of a model written in Swift: its rows are checked against OUTPUT")
struct SwiftPredictedRowsTests {
    struct Factory: ModelProviderFactory {
        let identifier = "swift-echo"
        let requiredOptions: Set<String> = []
        let optionalOptions: Set<String> = []

        func createModelProvider(_ context: ModelProviderContext) throws(MLPredictError) -> any ModelProvider {
            Provider(context: context)
        }

        struct Provider: PredictRuntimeProvider {
            let context: ModelProviderContext
            func createPredictFunction() throws -> any PredictFunction { Function() }
        }

        /// Echoes the text with its length; 'wrong' returns a string in the BIGINT column.
        struct Function: PredictFunction {
            func predict(_ row: Row) throws -> [Row] {
                guard case .string(let text) = row[0] else { return [] }
                return text == "wrong" ? [[.string(text), .string(text)]] : [[.string(text), .bigInt(Int64(text.count))]]
            }

            func close() throws {}
        }
    }

    @Test func rowsAreStoredOrRefusedWithTheColumn() throws {
        let registry = ModelRegistry()
        registry.register(Factory())
        let model = try registry.createModel(
            fromDDL: "CREATE MODEL echo INPUT (t STRING) OUTPUT (t STRING, n BIGINT) WITH ('provider' = 'swift-echo')")
        defer { try? model.close() }
        var predicted = PredictedRows(model.outputSchema)
        try model.predict(batch: [["ab"], ["abc"]], into: &predicted)
        #expect(predicted.inputCount == 2 && predicted.int64(row: 1, column: 1) == 3)
        let error = try #require(Fixtures.error { try model.predict(["wrong"], into: &predicted) })
        #expect(error.code == .invalidOutput)
        #expect(error.message == "model 'echo': output row 0 has the STRING value 'wrong' in column 'n' (BIGINT)")
        #expect(predicted.count == 0)
    }
}
