/// The SQL integer types, by width.
enum IntegerWidth: Sendable {
    case tinyInt, smallInt, int, bigInt

    var range: ClosedRange<Int64> {
        switch self {
        case .tinyInt: Int64(Int8.min)...Int64(Int8.max)
        case .smallInt: Int64(Int16.min)...Int64(Int16.max)
        case .int: Int64(Int32.min)...Int64(Int32.max)
        case .bigInt: Int64.min...Int64.max
        }
    }

    /// `value` as this width's ``Value`` case; `value` must be in ``range``.
    func value(_ value: Int64) -> Value {
        switch self {
        case .tinyInt: .tinyInt(Int8(value))
        case .smallInt: .smallInt(Int16(value))
        case .int: .int(Int32(value))
        case .bigInt: .bigInt(value)
        }
    }
}
