internal import CBenchmarkFloor
import MLPredict

/// Checksums of the values a conversion case read back, as `CBenchmarkMixedTotals` defines them,
/// compared with those of the inputs so that a case cannot silently convert wrongly.
struct MixedTotals: Equatable, CustomStringConvertible {
    var outputRows = 0
    var integers: UInt64 = 0
    var floats: UInt64 = 0
    var flags: UInt64 = 0
    var texts: UInt64 = 0
    var decimals: UInt64 = 0
    var dates: UInt64 = 0
    var timestamps: UInt64 = 0

    init() {}

    init(_ totals: CBenchmarkMixedTotals) {
        outputRows = Int(totals.outputRows)
        (integers, floats, flags, texts) = (totals.integers, totals.floats, totals.flags, totals.texts)
        (decimals, dates, timestamps) = (totals.decimals, totals.dates, totals.timestamps)
    }

    /// Folds in every value of a row of the 10 mixed columns (without allocating, so that case (f)
    /// times the library, not this).
    /// - Throws: ``BenchmarkError`` if the row has other columns or types.
    mutating func add(_ row: Row) throws {
        guard row.count == 10, case .bigInt(let id) = row[0], case .int(let n) = row[1],
            case .double(let score) = row[2], case .boolean(let flag) = row[3], case .string(let name) = row[4],
            case .decimal(let price) = row[5], case .date(let day) = row[6], case .timestamp(let at) = row[7],
            case .array(let tags) = row[8], tags.count == 2, case .string(let tag0) = tags[0],
            case .string(let tag1) = tags[1], case .array(let embedding) = row[9], embedding.count == 4
        else { throw BenchmarkError("a row has other columns than the 10 mixed ones: \(row)") }
        outputRows += 1
        integers = fold(fold(integers, UInt64(bitPattern: id)), UInt64(bitPattern: Int64(n)))
        floats = fold(floats, score.bitPattern)
        for element in embedding {
            guard case .double(let value) = element else { throw BenchmarkError("an embedding value is \(element)") }
            floats = fold(floats, value.bitPattern)
        }
        flags = fold(flags, flag ? 1 : 0)
        texts = fold(fold(fold(texts, textSum(name)), textSum(tag0)), textSum(tag1))
        decimals = fold(fold(decimals, UInt64(truncatingIfNeeded: price.unscaled)), UInt64(price.scale))
        dates = fold(dates, UInt64(bitPattern: Int64(day.daysSinceEpoch)))
        timestamps = fold(fold(timestamps, UInt64(bitPattern: at.secondsSinceEpoch)), UInt64(at.nanosecond))
    }

    /// Length × 256 + the last byte, of the UTF-8.
    private func textSum(_ text: String) -> UInt64 {
        UInt64(text.utf8.count) * 256 + UInt64(text.utf8.last ?? 0)
    }

    /// `sum * 31 + value`, wrapping, as the C floor folds.
    private func fold(_ sum: UInt64, _ value: UInt64) -> UInt64 {
        sum &* 31 &+ value
    }

    var description: String {
        "\(outputRows) rows; checksums: integers \(integers), floats \(floats), flags \(flags), texts \(texts), "
            + "decimals \(decimals), dates \(dates), timestamps \(timestamps)"
    }
}
