/// The cases of a run in table order, labelled (a), (b)... as they are added, and the ratios to
/// check against a target under the table.
struct BenchmarkCases {
    private(set) var measurements: [Measurement] = []
    private(set) var comparisons: [ResultsTable.Comparison] = []

    /// Adds a case that runs `run` over `rows` rows, which must read back `expected`, with its
    /// ratio taken against case `floor` (none for a floor itself) and checked against `target` if
    /// one is set. Returns the case's index.
    @discardableResult
    mutating func add<Result: Equatable & CustomStringConvertible>(
        _ name: String, rows: Int, versus floor: Int? = nil, target: Double? = nil, expecting expected: Result,
        _ run: @escaping () throws -> Result
    ) -> Int {
        let index = measurements.count
        let label = "(\(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(index)))))"
        measurements.append(Measurement(label, name, rows: rows, floor: floor, expecting: expected, run))
        if let floor, let target {
            comparisons.append(ResultsTable.Comparison(measured: index, floor: floor, target: target))
        }
        return index
    }

    /// Times one repetition of every case, in order.
    /// - Throws: ``BenchmarkError`` if a case read other results than expected, or what it threw.
    mutating func timeEach() throws {
        for index in measurements.indices {
            try measurements[index].time()
        }
    }
}
