import MLPredictPython

extension ValueConverter {
    /// The Python value for `value` of this type (PyFlink's mapping: `bool`, `int`, `float`,
    /// `decimal.Decimal`, `str`, `bytes`, `datetime.date`/`time`/`datetime`, `list`, `dict`,
    /// `mlpredict.Row`), or why `value` does not fit the type.
    func toPython(_ value: Value, _ gil: borrowing GIL) throws(ConversionFailure) -> PythonReference {
        if case .null = value {
            guard type.isNullable else { throw failure("expected a value (the type is NOT NULL) but found NULL") }
            return .none(gil)
        }
        switch representation {
        case .boolean:
            guard case .boolean(let flag) = value else { throw mismatch(value, "a BOOLEAN") }
            return PythonReference(flag, gil)
        case .integer(let width):
            guard let integer = value.integerValue else { throw mismatch(value, "an integer") }
            guard width.range.contains(integer) else {
                throw failure("\(integer) is out of range for \(type.typeName) (\(width.range))")
            }
            return try created { () throws(PythonError) in try PythonReference(integer, gil) }
        case .float:
            guard let number = value.floatingValue else { throw mismatch(value, "a number") }
            let single = Float(number)
            if single.isInfinite, number.isFinite { throw failure("\(number) is out of range for FLOAT") }
            return try created { () throws(PythonError) in try PythonReference(Double(single), gil) }
        case .double:
            guard let number = value.floatingValue else { throw mismatch(value, "a number") }
            return try created { () throws(PythonError) in try PythonReference(number, gil) }
        case .decimal(let precision, let scale, let decimalType):
            let decimal: SQLDecimal
            if case .decimal(let exact) = value {
                decimal = exact
            } else if let integer = value.integerValue {
                decimal = SQLDecimal(unscaled: Int128(integer), scale: 0)
            } else {
                throw mismatch(value, "a DECIMAL or an integer")
            }
            let fitted = try fitDecimal(decimal, precision: precision, scale: scale)
            return try created { () throws(PythonError) in
                try decimalType.reference(gil).call(fitted.withText { text throws(PythonError) in try PythonReference(utf8: text, gil) }, gil)
            }
        case .string(let limit, let padding):
            guard case .string(let string) = value else { throw mismatch(value, "a string") }
            let fitted = try fitString(string, limit: limit, padding: padding)
            return try created { () throws(PythonError) in try PythonReference(string: fitted, gil) }
        case .binary(let limit, let padding):
            guard case .binary(let bytes) = value else { throw mismatch(value, "bytes") }
            let fitted = try fitBytes(bytes, limit: limit, padding: padding)
            return try created { () throws(PythonError) in try PythonReference(bytes: fitted, gil) }
        case .date:
            guard case .date(let date) = value else { throw mismatch(value, "a DATE") }
            let (year, month, day) = date.components
            guard year >= 1 else { throw failure("\(date) is before year 1, which Python's datetime.date cannot hold") }
            return try created { () throws(PythonError) in
                try PythonReference(date: PythonDateTimeFields(year: year, month: month, day: day), gil)
            }
        case .time(let precision):
            guard case .time(let time) = value else { throw mismatch(value, "a TIME") }
            let microsecond = try microseconds(of: time.nanosecond, precision: precision)
            return try created { () throws(PythonError) in
                try PythonReference(
                    time: PythonDateTimeFields(
                        hour: time.hour, minute: time.minute, second: time.second, microsecond: microsecond), gil)
            }
        case .timestamp(let precision, let isInstant):
            let timestamp: SQLTimestamp
            switch (value, isInstant) {
            case (.timestamp(let local), false): timestamp = local
            case (.timestampLTZ(let instant), true): timestamp = instant
            default: throw mismatch(value, isInstant ? "a TIMESTAMP_LTZ" : "a TIMESTAMP")
            }
            let ((year, month, day), time) = (timestamp.date.components, timestamp.time)
            guard year >= 1 else {
                throw failure("\(timestamp) is before year 1, which Python's datetime cannot hold")
            }
            let microsecond = try microseconds(of: time.nanosecond, precision: precision)
            let fields = PythonDateTimeFields(
                year: year, month: month, day: day, hour: time.hour, minute: time.minute,
                second: time.second, microsecond: microsecond)
            return try created { () throws(PythonError) in try PythonReference(dateTime: fields, utc: isInstant, gil) }
        case .array(let element):
            guard case .array(let values) = value else { throw mismatch(value, "an ARRAY") }
            return try list(values.count, gil) { (index) throws(ConversionFailure) in
                do throws(ConversionFailure) { return try element.toPython(values[index], gil) } catch {
                    throw error.inside("[\(index)]")
                }
            }
        case .multiset(let element):
            guard case .multiset(let entries) = value else { throw mismatch(value, "a MULTISET") }
            let dictionary = try created { () throws(PythonError) in try PythonReference.dictionary(gil) }
            for (index, entry) in entries.enumerated() {
                guard entry.count > 0 else {
                    throw failure("element \(index) (\(entry.element)) has count \(entry.count); counts must be at least 1")
                }
                let key: PythonReference
                do { key = try element.toPython(entry.element, gil) } catch { throw error.inside("{\(index)}") }
                try set(dictionary, key, try created { () throws(PythonError) in try PythonReference(entry.count, gil) }, gil)
            }
            return dictionary
        case .map(let keyConverter, let valueConverter):
            guard case .map(let entries) = value else { throw mismatch(value, "a MAP") }
            let dictionary = try created { () throws(PythonError) in try PythonReference.dictionary(gil) }
            for (index, entry) in entries.enumerated() {
                let key: PythonReference
                do { key = try keyConverter.toPython(entry.key, gil) } catch { throw error.inside(".key[\(index)]") }
                let mapped: PythonReference
                do { mapped = try valueConverter.toPython(entry.value, gil) } catch { throw error.inside("[\(entry.key)]") }
                try set(dictionary, key, mapped, gil)
            }
            return dictionary
        case .row(let row):
            guard case .row(let fields) = value else { throw mismatch(value, "a ROW") }
            return try row.toPython(fields.values, gil)
        }
    }

    private func mismatch(_ value: Value, _ expected: String) -> ConversionFailure {
        failure("expected \(expected) but found \(value.typeName) \(value)")
    }

    /// A `list` of `count` items made by `item`.
    private func list(
        _ count: Int, _ gil: borrowing GIL, item: (Int) throws(ConversionFailure) -> PythonReference
    ) throws(ConversionFailure) -> PythonReference {
        do {
            return try PythonReference(listOf: count, gil, item: item)
        } catch {
            switch error {
            case .body(let failure): throw failure
            case .python(let error): throw failure("Python could not create a list: \(error.message)", cause: error)
            }
        }
    }

    /// `dictionary[key] = value`; an unhashable key (a list, a dict) is this type's failure.
    private func set(
        _ dictionary: borrowing PythonReference, _ key: borrowing PythonReference, _ value: borrowing PythonReference,
        _ gil: borrowing GIL
    ) throws(ConversionFailure) {
        do {
            try dictionary.setItem(key, value, gil)
        } catch {
            throw failure("a \(key.typeName(gil)) cannot be a key of a Python dict: \(error.message)", cause: error)
        }
    }

    /// The object `create` makes; a Python failure (out of memory, out of range) is this type's failure.
    func created(_ create: () throws(PythonError) -> PythonReference) throws(ConversionFailure) -> PythonReference {
        do {
            return try create()
        } catch {
            throw failure("Python could not create the value: \(error.typeName): \(error.message)", cause: error)
        }
    }
}

extension Value {
    /// The value of any integer case.
    var integerValue: Int64? {
        switch self {
        case .tinyInt(let value): Int64(value)
        case .smallInt(let value): Int64(value)
        case .int(let value): Int64(value)
        case .bigInt(let value): value
        default: nil
        }
    }

    /// The value of any numeric case but DECIMAL, as a `Double`.
    var floatingValue: Double? {
        switch self {
        case .float(let value): Double(value)
        case .double(let value): value
        default: integerValue.map(Double.init)
        }
    }
}
