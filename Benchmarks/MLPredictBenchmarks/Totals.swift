internal import CBenchmarkFloor

/// What a case read from the output rows, compared with ``ReferenceInputs/expectedTotals`` so
/// that a case cannot silently measure nothing.
struct Totals: Equatable, CustomStringConvertible {
    var outputRows = 0
    /// The sum of the output texts' lengths in bytes.
    var textBytes = 0
    /// The sum of the output texts' last bytes.
    var lastByteSum = 0
    var scoreSum = 0.0

    init(outputRows: Int = 0, textBytes: Int = 0, lastByteSum: Int = 0, scoreSum: Double = 0) {
        self.outputRows = outputRows
        self.textBytes = textBytes
        self.lastByteSum = lastByteSum
        self.scoreSum = scoreSum
    }

    init(_ totals: CBenchmarkFloorTotals) {
        self.init(
            outputRows: Int(totals.outputRows), textBytes: Int(totals.textBytes),
            lastByteSum: Int(totals.lastByteSum), scoreSum: totals.scoreSum)
    }

    mutating func add(text: String, score: Double) {
        add(textBytes: text.utf8.count, lastByte: text.utf8.last ?? 0, score: score)
    }

    mutating func add(textBytes count: Int, lastByte: UInt8, score: Double) {
        outputRows += 1
        textBytes += count
        lastByteSum += Int(lastByte)
        scoreSum += score
    }

    var description: String {
        "\(outputRows) rows, \(textBytes) text bytes, last-byte sum \(lastByteSum), score sum \(scoreSum)"
    }
}
