import MLPredict

extension Value {
    /// A random value that fits `type` as the library stores it, so it must come back from Python
    /// unchanged: NULL only where nullable (one time in eight), CHAR(n) padded to n scalars,
    /// BINARY(n) of n bytes, fractions of whole microseconds, years 1 to 9999, and MAP keys and
    /// MULTISET elements distinct as Python dict keys (no NaN, not both 0.0 and -0.0).
    static func random(of type: DataType, using rng: inout some RandomNumberGenerator) -> Value {
        if type.isNullable, rng.oneIn(8) { return .null }
        switch type.kind {
        case .boolean: return .boolean(Bool.random(using: &rng))
        case .tinyInt: return .tinyInt(randomInteger(using: &rng))
        case .smallInt: return .smallInt(randomInteger(using: &rng))
        case .int: return .int(randomInteger(using: &rng))
        case .bigInt: return .bigInt(randomInteger(using: &rng))
        case .float: return .float(randomFloat(using: &rng))
        case .double: return .double(randomDouble(using: &rng))
        case .decimal(let precision, let scale):
            return .decimal(randomDecimal(precision: precision, scale: scale, using: &rng))
        case .char(let length):
            let text = RandomText.string(upTo: length, using: &rng)
            return .string(text + String(repeating: " ", count: length - text.unicodeScalars.count))
        case .varchar(let limit): return .string(RandomText.string(upTo: limit, using: &rng))
        case .binary(let length): return .binary(randomBytes(count: length, using: &rng))
        case .varbinary(let limit):
            return .binary(randomBytes(count: Int.random(in: 0...min(limit, 12), using: &rng), using: &rng))
        case .date: return .date(randomDate(using: &rng))
        case .time(let precision):
            let unit = Int64(microsecondUnit(precision: precision))
            let nanosecond = Int64.random(in: 0..<(86_400_000_000_000 / unit), using: &rng) * unit
            let edge = rng.pick([0, 86_400_000_000_000 - unit])
            return .time(SQLTime(nanosecondOfDay: rng.oneIn(8) ? edge : nanosecond)!)
        case .timestamp(let precision): return .timestamp(randomTimestamp(precision: precision, using: &rng))
        case .timestampLTZ(let precision): return .timestampLTZ(randomTimestamp(precision: precision, using: &rng))
        case .array(let element):
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in random(of: element, using: &rng) })
        case .map(let keyType, let valueType):
            return .map(
                randomKeys(of: keyType, using: &rng).map { MapEntry($0, random(of: valueType, using: &rng)) })
        case .multiset(let element):
            return .multiset(
                randomKeys(of: element, using: &rng).map {
                    MultisetEntry($0, count: Int.random(in: 1...3, using: &rng))
                })
        case .row(let fields): return .row(Row(fields.map { random(of: $0.type, using: &rng) }))
        }
    }

    /// 0 to 4 values of `type` that Python holds as distinct dict keys.
    private static func randomKeys(of type: DataType, using rng: inout some RandomNumberGenerator) -> [Value] {
        var keys: [Value] = []
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let key = random(of: type, using: &rng)
            if !key.isNaN, !keys.contains(where: { $0.isSamePythonKey(as: key) }) { keys.append(key) }
        }
        return keys
    }

    private var isNaN: Bool {
        switch self {
        case .float(let value): value.isNaN
        case .double(let value): value.isNaN
        default: false
        }
    }

    /// Whether Python takes the two (scalar) values as the same dict key: numbers compare by value
    /// (0.0 is -0.0), strings by scalars (Swift's `==` equates canonically equivalent strings).
    private func isSamePythonKey(as other: Value) -> Bool {
        switch (self, other) {
        case (.float(let a), .float(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        default: self == other
        }
    }

    /// Any value of `T`, the extremes, 0 and ±1 often.
    private static func randomInteger<T: FixedWidthInteger>(using rng: inout some RandomNumberGenerator) -> T {
        rng.oneIn(4) ? rng.pick([T.min, T.max, 0, 1, 0 &- 1]) : T.random(in: T.min...T.max, using: &rng)
    }

    private static func randomDouble(using rng: inout some RandomNumberGenerator) -> Double {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:
            rng.pick([
                .nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.1, -1,
            ])
        case 1:
            Double(
                sign: rng.pick([.plus, .minus]), exponentBitPattern: 0,
                significandBitPattern: UInt64.random(in: 1..<(1 << 52), using: &rng))
        case 2: Double(bitPattern: rng.next())
        default: Double.random(in: -1e6...1e6, using: &rng)
        }
    }

    private static func randomFloat(using rng: inout some RandomNumberGenerator) -> Float {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:
            rng.pick([
                .nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.1, -1,
            ])
        case 1:
            Float(
                sign: rng.pick([.plus, .minus]), exponentBitPattern: 0,
                significandBitPattern: UInt32.random(in: 1..<(1 << 23), using: &rng))
        case 2: Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
        default: Float.random(in: -1e6...1e6, using: &rng)
        }
    }

    /// At most `precision` digits at `scale`: any digit count, all nines often.
    private static func randomDecimal(
        precision: Int, scale: Int, using rng: inout some RandomNumberGenerator
    ) -> SQLDecimal {
        var bound: Int128 = 1
        for _ in 0..<Int.random(in: 1...precision, using: &rng) { bound *= 10 }
        let magnitude = rng.oneIn(8) ? bound - 1 : Int128.random(in: 0..<bound, using: &rng)
        return SQLDecimal(unscaled: Bool.random(using: &rng) ? -magnitude : magnitude, scale: scale)
    }

    private static func randomBytes(count: Int, using rng: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in rng.oneIn(4) ? rng.pick([0, 0x20, 0xFF]) : UInt8.random(in: 0...255, using: &rng) }
    }

    private static let firstDay = SQLDate(year: 1, month: 1, day: 1)!
    private static let lastDay = SQLDate(year: 9999, month: 12, day: 31)!

    /// A day of years 1 to 9999 (Python's `date` has no year 0), the ends and leap days often.
    private static func randomDate(using rng: inout some RandomNumberGenerator) -> SQLDate {
        guard !rng.oneIn(8) else {
            return rng.pick([firstDay, lastDay, SQLDate("1970-01-01")!, SQLDate("2000-02-29")!])
        }
        return SQLDate(daysSinceEpoch: Int32.random(in: firstDay.daysSinceEpoch...lastDay.daysSinceEpoch, using: &rng))!
    }

    /// A timestamp of years 1 to 9999 whose fraction fits both `precision` and Python.
    private static func randomTimestamp(precision: Int, using rng: inout some RandomNumberGenerator) -> SQLTimestamp {
        let unit = microsecondUnit(precision: precision)
        let nanosecond = Int32(Int.random(in: 0..<(1_000_000_000 / unit), using: &rng) * unit)
        let first = Int64(firstDay.daysSinceEpoch) * 86_400
        let last = Int64(lastDay.daysSinceEpoch) * 86_400 + 86_399
        let second = rng.oneIn(8) ? rng.pick([first, last, 0, -1]) : Int64.random(in: first...last, using: &rng)
        return SQLTimestamp(secondsSinceEpoch: second, nanosecond: nanosecond)!
    }

    /// The nanoseconds of the last fraction digit `precision` keeps, at least a microsecond
    /// (Python's `time` and `datetime` hold microseconds).
    private static func microsecondUnit(precision: Int) -> Int {
        var unit = 1
        for _ in precision..<DataType.maxTimePrecision { unit *= 10 }
        return max(unit, 1000)
    }
}
