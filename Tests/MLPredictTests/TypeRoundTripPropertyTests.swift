import Foundation
import MLPredict
import Testing

/// Random rows of random schemas, Swift → the identity model → Swift: each must come back
/// exactly. 1000 schemas of 10 rows and 5000 parsed types per run (about a second); every case is
/// reproducible from its seed, and `MLPREDICT_PROPERTY_SEED` runs other seeds than 0 up.
@Suite("random values of every type round-trip through the identity model")
struct TypeRoundTripPropertyTests {
    /// Schemas are checked in batches, which run in parallel.
    static let batches = 20
    static let schemasPerBatch = 50
    static let rowsPerSchema = 10
    static let parsedTypeCount = 5000

    /// The first seed; schema `i` of a run uses seed `baseSeed + i`.
    static let baseSeed = ProcessInfo.processInfo.environment["MLPREDICT_PROPERTY_SEED"].flatMap(UInt64.init) ?? 0

    @Test(arguments: 0..<batches)
    func randomRowsRoundTrip(batch: Int) {
        for index in batch * Self.schemasPerBatch..<(batch + 1) * Self.schemasPerBatch {
            checkRoundTrip(seed: Self.baseSeed &+ UInt64(index))
        }
    }

    @Test func randomTypesParseBackFromTheirDescription() {
        for index in 0..<Self.parsedTypeCount {
            let seed = Self.baseSeed &+ UInt64(index)
            var rng = SplitMix64(seed: seed)
            let type = DataType.random(using: &rng)
            let text = type.description
            do {
                let parsed = try DataType.parse(text)
                #expect(parsed == type, "seed \(seed): \(text.debugDescription) parsed as \(parsed)")
                #expect(
                    parsed.description.unicodeScalars.elementsEqual(text.unicodeScalars),
                    "seed \(seed): \(text.debugDescription) reprints as \(parsed.description.debugDescription)")
            } catch {
                Issue.record("seed \(seed): \(text.debugDescription) does not parse: \(error)")
            }
        }
    }

    @Test(arguments: [
        ("DATE", Value.date(SQLDate(year: 0, month: 12, day: 31)!), "0000-12-31 is before year 1"),
        ("TIMESTAMP(6)", .timestamp(SQLTimestamp("0000-06-15 12:00:00")!), "0000-06-15 12:00:00 is before year 1"),
        ("TIMESTAMP_LTZ(6)", .timestampLTZ(SQLTimestamp("0000-01-01 00:00:00")!), "0000-01-01 00:00:00 is before"),
    ])
    func yearZeroIsRejected(type: String, value: Value, message: String) throws {
        let model = try Fixtures.model(
            name: "echo", input: "x \(type)", output: "x \(type)", directory: "echo",
            pythonClass: "echo.EchoPredictFunction")
        defer { #expect(throws: Never.self) { try model.close() } }
        let error = try #require(Fixtures.error { _ = try model.predict([value]) })
        #expect(error.code == .invalidInput)
        #expect(error.message.contains(message), "\(error.message)")
    }

    /// Loads the identity model for the random schema of `seed` and checks that its random rows,
    /// as given and with their CHAR and BINARY padding removed, come back as given.
    private func checkRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let columns = DataType.randomNames(count: Int.random(in: 1...5, using: &rng), using: &rng).map {
            DataType.Field($0, DataType.random(using: &rng))
        }
        let columnList = columns.map(\.description).joined(separator: ", ")
        let context = "seed \(seed), columns (\(columnList.debugDescription))"
        for column in columns {
            let parsed = try? DataType.parse(column.type.description)
            #expect(parsed == column.type, "\(context): \(column.type) parses back")
        }
        let model: Model
        do {
            model = try Fixtures.model(
                name: "echo", input: columnList, output: columnList, directory: "echo",
                pythonClass: "echo.EchoPredictFunction")
        } catch {
            Issue.record("\(context): the model did not load: \(error)")
            return
        }
        defer { #expect(throws: Never.self, "\(context): close") { try model.close() } }
        for rowIndex in 0..<Self.rowsPerSchema {
            let row = Row(columns.map { Value.random(of: $0.type, using: &rng) })
            let input =
                rowIndex.isMultiple(of: 2) ? row : Row(zip(row.values, columns).map { $0.unpadded(as: $1.type) })
            let sent = "\(context), row \(rowIndex): sent \(input.description.debugDescription)"
            do {
                let result = try model.predict(input)
                #expect(
                    result.count == 1 && result[0].isSameRow(as: row),
                    "\(sent), expected \(row.description.debugDescription), got \(result.description.debugDescription)")
            } catch {
                Issue.record("\(sent): \(error)")
            }
        }
    }
}
