import MLPredict

extension DataType {
    /// A random type of any kind, nullable or not at every level, with ARRAY, MULTISET, MAP and
    /// ROW nested at most `depth` deep. MAP keys and MULTISET elements are scalar types, which
    /// Python can hash.
    static func random(depth: Int = 4, using rng: inout some RandomNumberGenerator) -> DataType {
        let isNullable = Bool.random(using: &rng)
        guard depth > 0, Bool.random(using: &rng) else { return randomScalar(isNullable: isNullable, using: &rng) }
        let kind: Kind =
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: .array(random(depth: depth - 1, using: &rng))
            case 1: .multiset(randomScalar(using: &rng))
            case 2: .map(key: randomScalar(using: &rng), value: random(depth: depth - 1, using: &rng))
            default: .row(randomFields(depth: depth - 1, using: &rng))
            }
        return DataType(kind, isNullable: isNullable)
    }

    /// A random type that holds no other: from BOOLEAN to TIMESTAMP_LTZ, any length, precision
    /// and scale.
    static func randomScalar(
        isNullable: Bool? = nil, using rng: inout some RandomNumberGenerator
    ) -> DataType {
        let nullable = isNullable ?? Bool.random(using: &rng)
        let kind: Kind =
            switch Int.random(in: 0..<16, using: &rng) {
            case 0: .boolean
            case 1: .tinyInt
            case 2: .smallInt
            case 3: .int
            case 4: .bigInt
            case 5: .float
            case 6: .double
            case 7: randomDecimal(using: &rng)
            case 8: .char(length: randomFixedLength(using: &rng))
            case 9: .varchar(length: randomLimit(using: &rng))
            case 10: .binary(length: randomFixedLength(using: &rng))
            case 11: .varbinary(length: randomLimit(using: &rng))
            case 12: .date
            case 13: .time(precision: Int.random(in: 0...maxTimePrecision, using: &rng))
            case 14: .timestamp(precision: Int.random(in: 0...maxTimePrecision, using: &rng))
            default: .timestampLTZ(precision: Int.random(in: 0...maxTimePrecision, using: &rng))
            }
        return DataType(kind, isNullable: nullable)
    }

    /// 1 to 4 fields of random types, with distinct random names and sometimes a comment.
    static func randomFields(depth: Int, using rng: inout some RandomNumberGenerator) -> [Field] {
        randomNames(count: Int.random(in: 1...4, using: &rng), using: &rng).map { name in
            let comment = rng.oneIn(4) ? RandomText.string(upTo: 10, using: &rng) : nil
            return Field(name, random(depth: depth, using: &rng), comment: comment)
        }
    }

    /// `count` distinct names: plain identifiers, SQL keywords, Python attribute names, and names
    /// only back-quotes allow; never all whitespace, which Flink and the Python model config reject.
    static func randomNames(count: Int, using rng: inout some RandomNumberGenerator) -> [String] {
        var names: [String] = []
        while names.count < count {
            let name =
                rng.oneIn(3)
                ? RandomText.string(scalars: Int.random(in: 1...6, using: &rng), using: &rng)
                : rng.pick(notableNames)
            // Python's `str.isspace()`: Unicode White_Space and U+001C to U+001F.
            let isBlank = name.unicodeScalars.allSatisfy {
                $0.properties.isWhitespace || (0x1C...0x1F).contains($0.value)
            }
            if !isBlank, !names.contains(name) { names.append(name) }
        }
        return names
    }

    private static let notableNames = [
        "a", "id", "x1", "_", "A", "a b", "with`tick", "``", "it's", "say \"hi\"", "ROW", "NOT", "null", "select",
        "1st", "Ünïcödé", "名前", "😀 face", "count", "index", "_fields", "as_dict", "tab\tname", "e\u{301}",
        "-- not a comment", "a, b INT", "<x>",
    ]

    /// `DECIMAL(p, s)` with any legal precision and scale, the extremes often.
    private static func randomDecimal(using rng: inout some RandomNumberGenerator) -> Kind {
        let precision =
            rng.oneIn(4) ? rng.pick([1, maxDecimalPrecision]) : Int.random(in: 1...maxDecimalPrecision, using: &rng)
        let scale = rng.oneIn(4) ? rng.pick([0, precision]) : Int.random(in: 0...precision, using: &rng)
        return .decimal(precision: precision, scale: scale)
    }

    /// A CHAR or BINARY length: small, so values are often padded.
    private static func randomFixedLength(using rng: inout some RandomNumberGenerator) -> Int {
        Int.random(in: 1...(rng.oneIn(8) ? 40 : 4), using: &rng)
    }

    /// A VARCHAR or VARBINARY limit: small (values reach it), STRING/BYTES, or anything legal.
    private static func randomLimit(using rng: inout some RandomNumberGenerator) -> Int {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: Int.random(in: 1...6, using: &rng)
        case 1: maxLength
        default: Int.random(in: 1...maxLength, using: &rng)
        }
    }
}
