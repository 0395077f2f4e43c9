import MLPredict

/// The inputs: `count` texts of 32 ASCII characters derived from the row index (hex digits of two
/// hashes of it, so every row differs), generated before timing and laid out back to back.
struct ReferenceInputs {
    static let textLength = 32

    let count: Int
    /// The texts, back to back, `textLength` bytes each.
    let bytes: [UInt8]

    init(count: Int) {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * Self.textLength)
        for index in 0..<UInt64(count) {
            for seed in [index, ~index] {
                var hash = Self.mix(seed)
                for _ in 0..<Self.textLength / 2 {
                    bytes.append(digits[Int(hash & 15)])
                    hash >>= 4
                }
            }
        }
        self.count = count
        self.bytes = bytes
    }

    /// The input rows of the public API, one STRING value each.
    func rows() -> [Row] {
        (0..<count).map { index in
            let start = index * Self.textLength
            return Row([.string(String(decoding: bytes[start..<start + Self.textLength], as: UTF8.self))])
        }
    }

    /// What a correct run reads back: one output row per input, with the input's text and its
    /// length as score.
    var expectedTotals: Totals {
        var lastByteSum = 0
        for end in stride(from: Self.textLength - 1, to: bytes.count, by: Self.textLength) {
            lastByteSum += Int(bytes[end])
        }
        return Totals(
            outputRows: count, textBytes: count * Self.textLength, lastByteSum: lastByteSum,
            scoreSum: Double(count * Self.textLength))
    }

    /// SplitMix64's finalizer.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
