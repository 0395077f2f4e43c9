import MLPredictPython

/// How one column's values cross the Swift–Python boundary, chosen once per model from the
/// column's type, so converting a row does no type dispatch on the schema.
struct ColumnConverter: Sendable {
    /// The Python representation of a column type.
    enum Representation: Sendable {
        case boolean
        case integer(IntegerWidth)
        case float
        case double
        /// `limit`: maximum length in characters (nil for STRING); `padding`: CHAR(n)'s length.
        case string(limit: Int?, padding: Int?)
    }

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

    let column: Column
    let representation: Representation

    init(_ column: Column) {
        self.column = column
        switch column.type.kind {
        case .boolean: representation = .boolean
        case .tinyInt: representation = .integer(.tinyInt)
        case .smallInt: representation = .integer(.smallInt)
        case .int: representation = .integer(.int)
        case .bigInt: representation = .integer(.bigInt)
        case .float: representation = .float
        case .double: representation = .double
        case .char(let length): representation = .string(limit: length, padding: length)
        case .varchar(let length):
            representation = .string(limit: length == DataType.maxStringLength ? nil : length, padding: nil)
        }
    }

    /// The column as error messages name it: `'text' (VARCHAR(10) NOT NULL)`.
    var label: String { "'\(column.name)' (\(column.type))" }

    /// `value` as a string of this column: padded for CHAR(n), or why it does not fit.
    func fitString(_ value: String) -> Result<String, ConversionFailure> {
        guard case .string(let limit, let padding) = representation, limit != nil || padding != nil else {
            return .success(value)
        }
        // UTF-8 never has fewer bytes than scalars: a short enough byte count needs no scalar count.
        if padding == nil, let limit, value.utf8.count <= limit { return .success(value) }
        let length = value.unicodeScalars.count
        if let limit, length > limit {
            return .failure(
                ConversionFailure("a string of \(length) characters does not fit \(column.type.typeName)"))
        }
        if let padding, length < padding {
            return .success(value + String(repeating: " ", count: padding - length))
        }
        return .success(value)
    }
}

/// Why a value does not fit its column, without the model and column (the row converters add them).
struct ConversionFailure: Error {
    let message: String
    let cause: PythonError?

    init(_ message: String, cause: PythonError? = nil) {
        self.message = message
        self.cause = cause
    }
}
