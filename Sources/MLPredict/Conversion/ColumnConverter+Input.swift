import MLPredictPython

extension ColumnConverter {
    /// The Python value for an input `value` of this column: `None`, `bool`, `int`, `float` or `str`.
    func toPython(_ value: Value, _ gil: borrowing GIL) throws(ConversionFailure) -> PythonReference {
        if case .null = value {
            guard column.type.isNullable else { throw mismatch(value, "a value (the column is NOT NULL)") }
            return .none(gil)
        }
        switch representation {
        case .boolean:
            guard case .boolean(let flag) = value else { throw mismatch(value, "a BOOLEAN") }
            return PythonReference(flag, gil)
        case .integer(let width):
            guard let integer = value.integerValue else { throw mismatch(value, "an integer") }
            guard width.range.contains(integer) else {
                throw ConversionFailure("\(integer) is out of range for \(column.type.typeName) (\(width.range))")
            }
            return try created { () throws(PythonError) in try PythonReference(integer, gil) }
        case .float:
            guard let number = value.floatingValue else { throw mismatch(value, "a number") }
            let single = Float(number)
            if single.isInfinite, number.isFinite { throw ConversionFailure("\(number) is out of range for FLOAT") }
            return try created { () throws(PythonError) in try PythonReference(Double(single), gil) }
        case .double:
            guard let number = value.floatingValue else { throw mismatch(value, "a number") }
            return try created { () throws(PythonError) in try PythonReference(number, gil) }
        case .string:
            guard case .string(let string) = value else { throw mismatch(value, "a string") }
            let fitted = try fitString(string).get()
            return try created { () throws(PythonError) in try PythonReference(string: fitted, gil) }
        }
    }

    private func mismatch(_ value: Value, _ expected: String) -> ConversionFailure {
        ConversionFailure("expected \(expected) but found \(value.typeName) \(value)")
    }

    /// The object `create` makes; a Python failure (out of memory) becomes a ``ConversionFailure``.
    private func created(
        _ create: () throws(PythonError) -> PythonReference
    ) throws(ConversionFailure) -> PythonReference {
        do {
            return try create()
        } catch {
            throw ConversionFailure("Python could not create the value: \(error.typeName): \(error.message)", cause: error)
        }
    }
}

extension Value {
    /// The value of any integer case.
    fileprivate var integerValue: Int64? {
        switch self {
        case .tinyInt(let value): Int64(value)
        case .smallInt(let value): Int64(value)
        case .int(let value): Int64(value)
        case .bigInt(let value): value
        default: nil
        }
    }

    /// The value of any numeric case, as a `Double`.
    fileprivate var floatingValue: Double? {
        switch self {
        case .float(let value): Double(value)
        case .double(let value): value
        default: integerValue.map(Double.init)
        }
    }
}
