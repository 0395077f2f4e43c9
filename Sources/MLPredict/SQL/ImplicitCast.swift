/// Flink's implicit casts (`LogicalTypeCasts.supportsImplicitCast`) for the types MLPredict has:
/// what a DESCRIPTOR column may be to feed a model INPUT column, and the value conversion.
extension DataType {
    /// Whether a value of this type may be used where `target` is expected without an explicit
    /// CAST: numeric widening (TINYINT → SMALLINT → INT → BIGINT → DECIMAL → FLOAT → DOUBLE),
    /// CHAR → VARCHAR, BINARY → VARBINARY, TIMESTAMP → DATE, TIME or TIMESTAMP_LTZ and
    /// TIMESTAMP_LTZ → TIMESTAMP; ARRAY, MULTISET, MAP and ROW (with as many fields, names ignored)
    /// element by element. A nullable type never casts to a `NOT NULL` one.
    public func isImplicitlyCastable(to target: DataType) -> Bool {
        if isNullable && !target.isNullable { return false }
        switch (kind, target.kind) {
        case (.array(let element), .array(let targetElement)), (.multiset(let element), .multiset(let targetElement)):
            return element.isImplicitlyCastable(to: targetElement)
        case (.map(let key, let value), .map(let targetKey, let targetValue)):
            return key.isImplicitlyCastable(to: targetKey) && value.isImplicitlyCastable(to: targetValue)
        case (.row(let fields), .row(let targetFields)):
            return fields.count == targetFields.count
                && zip(fields, targetFields).allSatisfy { $0.type.isImplicitlyCastable(to: $1.type) }
        default:
            guard let source = kind.castRank, let destination = target.kind.castRank else { return false }
            return Self.implicitTargets[source]?.contains(destination) == true
        }
    }

    /// For each type root, the roots it implicitly casts to (Flink's `implicitFrom` rules, inverted).
    private static let implicitTargets: [CastRoot: Set<CastRoot>] = [
        .boolean: [.boolean],
        .tinyInt: [.tinyInt, .smallInt, .int, .bigInt, .decimal, .float, .double],
        .smallInt: [.smallInt, .int, .bigInt, .decimal, .float, .double],
        .int: [.int, .bigInt, .decimal, .float, .double],
        .bigInt: [.bigInt, .decimal, .float, .double],
        .decimal: [.decimal, .float, .double],
        .float: [.float, .double],
        .double: [.double],
        .char: [.char, .varchar],
        .varchar: [.varchar],
        .binary: [.binary, .varbinary],
        .varbinary: [.varbinary],
        .date: [.date],
        .time: [.time],
        .timestamp: [.timestamp, .timestampLTZ, .date, .time],
        .timestampLTZ: [.timestampLTZ, .timestamp],
    ]
}

/// A type's root for the cast rules.
private enum CastRoot: Hashable {
    case boolean, tinyInt, smallInt, int, bigInt, decimal, float, double, char, varchar, binary, varbinary
    case date, time, timestamp, timestampLTZ
}

extension DataType.Kind {
    fileprivate var castRank: CastRoot? {
        switch self {
        case .boolean: .boolean
        case .tinyInt: .tinyInt
        case .smallInt: .smallInt
        case .int: .int
        case .bigInt: .bigInt
        case .decimal: .decimal
        case .float: .float
        case .double: .double
        case .char: .char
        case .varchar: .varchar
        case .binary: .binary
        case .varbinary: .varbinary
        case .date: .date
        case .time: .time
        case .timestamp: .timestamp
        case .timestampLTZ: .timestampLTZ
        case .array, .multiset, .map, .row: nil
        }
    }
}

extension Value {
    /// This value cast implicitly to `target` (checked with ``DataType/isImplicitlyCastable(to:)``).
    ///
    /// Only what the model's input conversion does not already accept changes: DECIMAL to
    /// FLOAT/DOUBLE, TIMESTAMP to DATE, TIME or TIMESTAMP_LTZ (the session time zone is UTC),
    /// TIMESTAMP_LTZ to TIMESTAMP, at any depth. Integers widen in the input conversion itself.
    func implicitlyCast(to target: DataType) -> Value {
        switch (self, target.kind) {
        case (.decimal(let decimal), .float), (.decimal(let decimal), .double):
            return .double(Double(decimal.description) ?? .nan)
        case (.timestamp(let timestamp), .date): return .date(timestamp.date)
        case (.timestamp(let timestamp), .time): return .time(timestamp.time)
        case (.timestamp(let timestamp), .timestampLTZ): return .timestampLTZ(timestamp)
        case (.timestampLTZ(let timestamp), .timestamp): return .timestamp(timestamp)
        case (.array(let values), .array(let element)):
            return .array(values.map { $0.implicitlyCast(to: element) })
        case (.multiset(let entries), .multiset(let element)):
            var merged: [MultisetEntry] = []
            for entry in entries {
                let cast = entry.element.implicitlyCast(to: element)
                if let index = merged.firstIndex(where: { $0.element == cast }) {
                    merged[index].count += entry.count
                } else {
                    merged.append(MultisetEntry(cast, count: entry.count))
                }
            }
            return .multiset(merged)
        case (.map(let entries), .map(let key, let value)):
            return .map(entries.map { MapEntry($0.key.implicitlyCast(to: key), $0.value.implicitlyCast(to: value)) })
        case (.row(let row), .row(let fields)) where row.count == fields.count:
            return .row(Row(zip(row.values, fields).map { $0.implicitlyCast(to: $1.type) }))
        default:
            return self
        }
    }
}
