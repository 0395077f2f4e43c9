import MLPredictPython

extension ColumnConverter {
    /// The ``Value`` of this column for what Python returned, or why it does not fit.
    func fromPython(_ object: borrowing PythonReference, _ gil: borrowing GIL) throws(ConversionFailure) -> Value {
        let kind = object.kind(gil)
        if kind == .none {
            guard column.type.isNullable else {
                throw ConversionFailure("expected a value (the column is NOT NULL) but found None")
            }
            return .null
        }
        switch representation {
        case .boolean:
            guard kind == .bool else { throw mismatch(object, "bool", gil) }
            return .boolean(object.boolValue(gil))
        case .integer(let width):
            guard kind == .int else { throw mismatch(object, "int", gil) }
            guard let integer = object.int64Value(gil), width.range.contains(integer) else {
                throw ConversionFailure(
                    "\(object.shortRepr(gil)) is out of range for \(column.type.typeName) (\(width.range))")
            }
            return width.value(integer)
        case .float, .double:
            guard kind == .float || kind == .int else { throw mismatch(object, "float or int", gil) }
            let number: Double
            do {
                number = try object.doubleValue(gil)
            } catch {
                throw ConversionFailure(
                    "\(object.shortRepr(gil)) is out of range for \(column.type.typeName)", cause: error)
            }
            guard case .float = representation else { return .double(number) }
            let single = Float(number)
            if single.isInfinite, number.isFinite {
                throw ConversionFailure("\(object.shortRepr(gil)) is out of range for FLOAT")
            }
            return .float(single)
        case .string:
            guard kind == .string else { throw mismatch(object, "str", gil) }
            let string: String
            do {
                string = try object.string(gil)
            } catch {
                throw ConversionFailure(
                    "the str \(object.shortRepr(gil)) is not valid Unicode: \(error.message)", cause: error)
            }
            return .string(try fitString(string).get())
        }
    }

    private func mismatch(_ object: borrowing PythonReference, _ expected: String, _ gil: borrowing GIL) -> ConversionFailure {
        return ConversionFailure("expected \(expected) but found \(object.typeName(gil)) \(object.shortRepr(gil))")
    }
}
