/// The cases of a run in table order, labelled (a), (b)... as they are added, and the ratios to
/// check against a target under the table.
struct BenchmarkCases {
    private(set) var measurements: [Measurement] = []
    private(set) var comparisons: [ResultsTable.Comparison] = []
    /// The cases ``select(_:)`` left out.
    private var skipped: Set<Int> = []

    /// Adds a case that runs `run` over `rows` rows, which must read back `expected`, with its
    /// ratio taken against case `floor` (none for a floor itself) and checked against `target` if
    /// one is set. Returns the case's index.
    @discardableResult
    mutating func add<Result: Equatable & CustomStringConvertible>(
        _ name: String, rows: Int, versus floor: Int? = nil, target: Double? = nil, expecting expected: Result,
        _ run: @escaping () throws -> Result
    ) -> Int {
        let index = measurements.count
        measurements.append(Measurement(Self.label(index), name, rows: rows, floor: floor, expecting: expected, run))
        if let floor, let target { compare(index, versus: floor, target: target) }
        return index
    }

    /// Checks `measured / floor` against `target` under the table (for a case whose ratio column
    /// names another floor).
    mutating func compare(_ measured: Int, versus floor: Int, target: Double) {
        comparisons.append(ResultsTable.Comparison(measured: measured, floor: floor, target: target))
    }

    /// `(a)` to `(z)`, then `(aa)`, `(ab)`... as spreadsheets name columns.
    private static func label(_ index: Int) -> String {
        func letter(_ offset: Int) -> Character { Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(offset))) }
        return index < 26 ? "(\(letter(index)))" : "(\(letter(index / 26 - 1))\(letter(index % 26)))"
    }

    /// Times only the cases labelled `labels` (`(t)`...), and their floors.
    /// - Throws: ``BenchmarkError`` for a label no case has.
    mutating func select(_ labels: [String]) throws {
        for label in labels where !measurements.contains(where: { $0.label == label }) {
            throw BenchmarkError("no case \(label); the cases are \(measurements.map(\.label).joined(separator: ", "))")
        }
        var chosen = Set(measurements.indices.filter { labels.contains(measurements[$0].label) })
        chosen.formUnion(chosen.compactMap { measurements[$0].floor })
        skipped = Set(measurements.indices).subtracting(chosen)
    }

    /// Times one repetition of every case, in order.
    /// - Throws: ``BenchmarkError`` if a case read other results than expected, or what it threw.
    mutating func timeEach() throws {
        for index in measurements.indices where !skipped.contains(index) {
            try measurements[index].time()
        }
    }
}
