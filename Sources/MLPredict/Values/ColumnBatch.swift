/// A batch of rows held column by column, for ``Model/predictColumns(_:)``.
///
/// Columns are in schema order and all have ``rowCount`` values.
public struct ColumnBatch: Sendable, Hashable {
    public var columns: [ColumnValues]

    public init(_ columns: [ColumnValues]) {
        self.columns = columns
    }

    /// The number of rows: the length of the first column (0 without columns).
    public var rowCount: Int { columns.first?.count ?? 0 }

    /// The batch as rows.
    /// - Precondition: every column has ``rowCount`` values.
    public var rows: [Row] {
        (0..<rowCount).map { row in Row(columns.map { $0[row] }) }
    }
}

/// The values of one column of a ``ColumnBatch``.
///
/// The typed cases hold BOOLEAN and numeric columns without NULLs as contiguous arrays, which
/// Python receives as read-only `memoryview`s of the array's own memory (no copy). ``values(_:)``
/// holds a column of any type, NULLs included, and crosses as a Python list.
public enum ColumnValues: Sendable, Hashable {
    case boolean([Bool])
    case tinyInt([Int8])
    case smallInt([Int16])
    case int([Int32])
    case bigInt([Int64])
    case float([Float])
    case double([Double])
    /// Any column type, NULLs included.
    case values([Value])

    /// The number of values.
    public var count: Int {
        switch self {
        case .boolean(let array): array.count
        case .tinyInt(let array): array.count
        case .smallInt(let array): array.count
        case .int(let array): array.count
        case .bigInt(let array): array.count
        case .float(let array): array.count
        case .double(let array): array.count
        case .values(let array): array.count
        }
    }

    /// The value in row `row`.
    public subscript(row: Int) -> Value {
        switch self {
        case .boolean(let array): .boolean(array[row])
        case .tinyInt(let array): .tinyInt(array[row])
        case .smallInt(let array): .smallInt(array[row])
        case .int(let array): .int(array[row])
        case .bigInt(let array): .bigInt(array[row])
        case .float(let array): .float(array[row])
        case .double(let array): .double(array[row])
        case .values(let array): array[row]
        }
    }

    /// Every value, in row order.
    public var elements: [Value] {
        (0..<count).map { self[$0] }
    }

    /// The name of the case, for error messages.
    var caseName: String {
        switch self {
        case .boolean: "boolean"
        case .tinyInt: "tinyInt"
        case .smallInt: "smallInt"
        case .int: "int"
        case .bigInt: "bigInt"
        case .float: "float"
        case .double: "double"
        case .values: "values"
        }
    }
}
