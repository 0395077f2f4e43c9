internal import CBenchmarkFloor
import MLPredict

/// The conversion benchmark's inputs: `count` rows of the 10 mixed columns, every value derived
/// from the row index (so every row differs), generated before timing. Held in the C floor's
/// layout; ``rows()`` gives the same values as the public API's ``Row``s.
struct MixedInputs {
    let count: Int
    let cRows: [CBenchmarkMixedRow]
    /// The UTF-8 of each row's name and two tags, back to back.
    let texts: [UInt8]

    init(count: Int) {
        var cRows: [CBenchmarkMixedRow] = []
        var texts: [UInt8] = []
        cRows.reserveCapacity(count)
        let mix = ReferenceInputs.mix
        for index in 0..<UInt64(count) {
            let (a, b, c) = (mix(index), mix(~index), mix(index ^ 0x5555_5555_5555_5555))
            let textStart = Int64(texts.count)
            let name = Array("user-".utf8) + Self.hexDigits(b, count: 3 + Int(a >> 61))  // 8 to 15 bytes
            let tags = [Array("t".utf8) + Self.hexDigits(c, count: 1 + Int(c >> 63)), Self.hexDigits(a >> 8, count: 3)]
            texts += name + tags[0] + tags[1]
            cRows.append(
                CBenchmarkMixedRow(
                    id: Int64(bitPattern: a),
                    score: Double(Int64(bitPattern: b) >> 11) * 0x1p-20,
                    priceUnscaled: Int64(b % 19_999_999_999) - 9_999_999_999,  // |price| < 10^8
                    atSeconds: Int64((c >> 17) % 6_311_390_400) - 2_208_988_800,  // 1900 to 2100
                    embedding: (
                        Self.element(c, 0), Self.element(c, 1), Self.element(c, 2), Self.element(c, 3)
                    ),
                    textStart: textStart,
                    n: Int32(truncatingIfNeeded: b),
                    flag: Int32(a & 1),
                    day: Int32(c % 73_000) - 25_000,  // 1901 to 2101
                    atNanosecond: Int32((c >> 3) % 1000) * 1_000_000,  // milliseconds: TIMESTAMP(3)
                    nameLength: Int32(name.count),
                    tagLength: (Int32(tags[0].count), Int32(tags[1].count))))
        }
        self.count = count
        self.cRows = cRows
        self.texts = texts
    }

    /// The same rows as the public API's values.
    func rows() -> [Row] {
        cRows.map { row in
            var start = Int(row.textStart)
            func text(_ length: Int32) -> Value {
                defer { start += Int(length) }
                return .string(String(decoding: texts[start..<start + Int(length)], as: UTF8.self))
            }
            let name = text(row.nameLength)
            let tags = [text(row.tagLength.0), text(row.tagLength.1)]
            let embedding = [row.embedding.0, row.embedding.1, row.embedding.2, row.embedding.3]
            return Row([
                .bigInt(row.id), .int(row.n), .double(row.score), .boolean(row.flag != 0), name,
                .decimal(SQLDecimal(unscaled: Int128(row.priceUnscaled), scale: 2)),
                .date(SQLDate(daysSinceEpoch: row.day)!),
                .timestamp(SQLTimestamp(secondsSinceEpoch: row.atSeconds, nanosecond: row.atNanosecond)!),
                .array(tags), .array(embedding.map(Value.double)),
            ])
        }
    }

    /// The checksums of `rows` (the inputs), which every case must read back.
    static func expectedTotals(of rows: [Row]) throws -> MixedTotals {
        var totals = MixedTotals()
        for row in rows { try totals.add(row) }
        return totals
    }

    /// Embedding value `index`: 16 bits of `hash` as a multiple of 1/256.
    private static func element(_ hash: UInt64, _ index: UInt64) -> Double {
        Double(Int16(truncatingIfNeeded: hash >> (16 * index))) / 256
    }

    /// The low `count` hex digits of `value`, as UTF-8.
    private static func hexDigits(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).map { digits[Int(value >> (4 * UInt64($0)) & 15)] }
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
