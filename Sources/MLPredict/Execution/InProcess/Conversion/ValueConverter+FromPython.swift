import MLPredictPython

extension ValueConverter {
    /// The ``Value`` of this type for what Python returned, or why it does not fit.
    ///
    /// Besides PyFlink's mapping it takes what models really return: `int` for FLOAT, DOUBLE and
    /// DECIMAL; `bytearray` and `memoryview` for binary types; tuples for arrays; any `numpy`
    /// scalar or array and a pandas Series (through its `tolist()`, once its shape fits the type).
    func fromPython(_ object: borrowing PythonReference, _ gil: borrowing GIL) throws(ConversionFailure) -> Value {
        let kind = object.kind(gil)
        if kind == .none {
            guard type.isNullable else { throw failure("expected a value (the type is NOT NULL) but found None") }
            return .null
        }
        if kind == .other {
            // A numpy array or pandas Series is checked for its shape, then read as its tolist().
            if let shape = object.arrayShape(gil) {
                try checkShape(shape, of: object, gil)
                return try fromPython(try plainValue(of: object, gil), gil)
            }
            if object.isNumpyObject(gil) { return try fromPython(try plainValue(of: object, gil), gil) }
        }
        switch representation {
        case .boolean:
            guard kind == .bool else { throw mismatch(object, "bool", gil) }
            return .boolean(object.boolValue(gil))
        case .integer(let width):
            guard kind == .int else { throw mismatch(object, "int", gil) }
            guard let integer = object.int64Value(gil), width.range.contains(integer) else {
                throw failure("\(object.shortRepr(gil)) is out of range for \(type.typeName) (\(width.range))")
            }
            return width.value(integer)
        case .float, .double:
            guard kind == .float || kind == .int else { throw mismatch(object, "float or int", gil) }
            let number: Double
            do {
                number = try object.doubleValue(gil)
            } catch {
                throw failure("\(object.shortRepr(gil)) is out of range for \(type.typeName)", cause: error)
            }
            guard case .float = representation else { return .double(number) }
            let single = Float(number)
            if single.isInfinite, number.isFinite { throw failure("\(object.shortRepr(gil)) is out of range for FLOAT") }
            return .float(single)
        case .decimal(let precision, let scale, let decimalType):
            guard kind == .int || object.hasType(decimalType, gil)
                || (try? object.isInstance(of: decimalType.reference(gil), gil)) == true
            else {
                throw mismatch(object, "decimal.Decimal or int", gil)
            }
            let parsed = try? object.withDescriptionUTF8(gil) { SQLDecimal(utf8: $0) }
            guard let decimal = parsed ?? nil else {
                throw failure("\(object.shortRepr(gil)) is not a finite decimal of at most 38 digits")
            }
            return .decimal(try fitDecimal(decimal, precision: precision, scale: scale))
        case .string(let limit, let padding):
            guard kind == .string else { throw mismatch(object, "str", gil) }
            let string: String
            do {
                string = try object.string(gil)
            } catch {
                throw failure("the str \(object.shortRepr(gil)) is not valid Unicode: \(error.message)", cause: error)
            }
            return .string(try fitString(string, limit: limit, padding: padding))
        case .binary(let limit, let padding):
            guard kind == .bytes else { throw mismatch(object, "bytes, bytearray or memoryview", gil) }
            let bytes: [UInt8]
            do {
                bytes = try object.bytesValue(gil)
            } catch {
                throw failure("\(object.shortRepr(gil)) has no contiguous bytes: \(error.message)", cause: error)
            }
            return .binary(try fitBytes(bytes, limit: limit, padding: padding))
        case .date:
            guard try dateTimeKind(object, gil) == .date else { throw mismatch(object, "datetime.date", gil) }
            let fields = object.dateTimeFields(gil)
            return .date(SQLDate(year: fields.year, month: fields.month, day: fields.day)!)
        case .time(let precision):
            guard try dateTimeKind(object, gil) == .time, !object.hasTimeZone(gil) else {
                throw mismatch(object, "a naive datetime.time", gil)
            }
            let fields = object.dateTimeFields(gil)
            let nanosecond = try nanoseconds(ofMicroseconds: fields.microsecond, precision: precision)
            return .time(SQLTime(hour: fields.hour, minute: fields.minute, second: fields.second, nanosecond: nanosecond)!)
        case .timestamp(let precision, let isInstant):
            guard try dateTimeKind(object, gil) == .dateTime else { throw mismatch(object, "datetime.datetime", gil) }
            if !isInstant, object.hasTimeZone(gil) {
                throw failure(
                    "expected a naive datetime.datetime (TIMESTAMP has no time zone; declare TIMESTAMP_LTZ for "
                        + "instants) but found the aware \(object.shortRepr(gil))")
            }
            let fields = object.dateTimeFields(gil)
            let local = SQLTimestamp(
                date: SQLDate(year: fields.year, month: fields.month, day: fields.day)!,
                time: SQLTime(
                    hour: fields.hour, minute: fields.minute, second: fields.second, nanosecond: fields.microsecond * 1000)!)
            // The precision applies to the value itself: for an instant, after its UTC offset.
            let timestamp = isInstant ? try instant(local, offsetOf: object, gil) : local
            _ = try nanoseconds(ofMicroseconds: Int(timestamp.nanosecond) / 1000, precision: precision)
            return isInstant ? .timestampLTZ(timestamp) : .timestamp(timestamp)
        case .array(let element):
            guard kind == .list || kind == .tuple else { throw mismatch(object, "list or tuple", gil) }
            var values: [Value] = []
            values.reserveCapacity(object.sequenceCount(gil))
            for index in 0..<object.sequenceCount(gil) {
                let item: PythonReference
                do { item = try object.sequenceItem(index, gil) } catch { throw failure(error.message, cause: error) }
                do { values.append(try element.fromPython(item, gil)) } catch {
                    throw error.inside("[\(index)]")
                }
            }
            return .array(values)
        case .multiset(let element):
            guard kind == .dict else { throw mismatch(object, "dict of counts", gil) }
            var entries: [Value.MultisetEntry] = []
            var index = 0
            try object.forEachEntry(gil) { (key, count) throws(ConversionFailure) in
                defer { index += 1 }
                let member = try element.fromPython(key, gil, at: "{\(index)}")
                guard count.kind(gil) == .int, let times = count.int64Value(gil), times >= 0 else {
                    throw failure(
                        "the count of element \(index) is \(count.typeName(gil)) \(count.shortRepr(gil)); "
                            + "counts must be non-negative ints")
                }
                if times > 0 { entries.append(Value.MultisetEntry(member, count: Int(times))) }
            }
            return .multiset(entries)
        case .map(let keyConverter, let valueConverter):
            guard kind == .dict else { throw mismatch(object, "dict", gil) }
            var entries: [Value.MapEntry] = []
            entries.reserveCapacity(object.dictionaryCount(gil))
            try object.forEachEntry(gil) { (key, value) throws(ConversionFailure) in
                let mappedKey = try keyConverter.fromPython(key, gil, at: ".key[\(entries.count)]")
                let mappedValue = try valueConverter.fromPython(value, gil, at: "[\(mappedKey)]")
                entries.append(Value.MapEntry(mappedKey, mappedValue))
            }
            return .map(entries)
        case .row(let row):
            return .row(Row(try row.fromPython(object, gil)))
        }
    }

    /// ``fromPython(_:_:)``, its failure placed at `step` under this position.
    private func fromPython(
        _ object: borrowing PythonReference, _ gil: borrowing GIL, at step: String
    ) throws(ConversionFailure) -> Value {
        do { return try fromPython(object, gil) } catch { throw error.inside(step) }
    }

    /// The number of array dimensions a value of this type has (`ARRAY<ARRAY<DOUBLE>>`: 2, a
    /// scalar type: 0); `nil` when a numpy array's shape says nothing (ROW, MAP, MULTISET inside).
    var arrayDepth: Int? {
        switch representation {
        case .array(let element): element.arrayDepth.map { $0 + 1 }
        case .row, .map, .multiset: nil
        default: 0
        }
    }

    /// Fails when a numpy array (or pandas Series) of `shape` has more dimensions than this type,
    /// saying how to fix it: `.item()` for a single value, `.ravel()` for extra dimensions of size 1.
    func checkShape(_ shape: [Int], of object: borrowing PythonReference, _ gil: borrowing GIL) throws(ConversionFailure) {
        guard let depth = arrayDepth, shape.count > depth else { return }
        let found = object.valueDescription(gil)
        let size = shape.reduce(1, *)
        if depth == 0 {
            if shape.isEmpty { return }
            let fix = size == 1
                ? "take its one value with .item()"
                : "a \(type.typeName) column holds one value per row (declare ARRAY<\(type.typeName)> for an array)"
            throw failure("expected one value but found \(found); \(fix)")
        }
        let fix = shape.filter { $0 != 1 }.count <= depth
            ? "flatten it with .ravel()" : "index the part you mean (array[0] is the first row)"
        throw failure("expected a \(depth)-dimensional array but found \(found); \(fix)")
    }

    /// A numpy scalar or array, or a pandas Series, as plain Python values (`tolist()`).
    private func plainValue(of object: borrowing PythonReference, _ gil: borrowing GIL) throws(ConversionFailure) -> PythonReference {
        do {
            return try object.attribute("tolist", gil).call(gil)
        } catch {
            throw failure("\(object.valueDescription(gil)): tolist() raised \(error.typeName): \(error.message)", cause: error)
        }
    }

    private func dateTimeKind(_ object: borrowing PythonReference, _ gil: borrowing GIL) throws(ConversionFailure) -> PythonDateTimeKind {
        do {
            return try object.dateTimeKind(gil)
        } catch {
            throw failure("the datetime module is unavailable: \(error.message)", cause: error)
        }
    }

    /// The nanoseconds of `microsecond`, if `precision` fraction digits hold them.
    private func nanoseconds(ofMicroseconds microsecond: Int, precision: Int) throws(ConversionFailure) -> Int {
        let nanosecond = microsecond * 1000
        var unit = 1
        for _ in precision..<DataType.maxTimePrecision { unit *= 10 }
        guard nanosecond % unit == 0 else {
            throw failure("the fraction .\(SQLTime.fraction(nanosecond, digits: 6).dropFirst()) has more digits than \(type.typeName) holds")
        }
        return nanosecond
    }

    /// The instant of a `datetime` whose fields are `local`: shifted by its UTC offset when aware,
    /// taken as UTC when naive.
    private func instant(
        _ local: SQLTimestamp, offsetOf object: borrowing PythonReference, _ gil: borrowing GIL
    ) throws(ConversionFailure) -> SQLTimestamp {
        let offset: Int64?
        do {
            offset = try object.utcOffsetMicroseconds(gil)
        } catch {
            throw failure("\(object.shortRepr(gil)).utcoffset() raised \(error.typeName): \(error.message)", cause: error)
        }
        guard let offset else { return local }
        var seconds = local.secondsSinceEpoch - offset / 1_000_000
        var nanosecond = Int64(local.nanosecond) - offset % 1_000_000 * 1000
        if nanosecond < 0 {
            nanosecond += 1_000_000_000
            seconds -= 1
        } else if nanosecond >= 1_000_000_000 {
            nanosecond -= 1_000_000_000
            seconds += 1
        }
        guard let instant = SQLTimestamp(secondsSinceEpoch: seconds, nanosecond: Int32(nanosecond)) else {
            throw failure("\(object.shortRepr(gil)) is outside years 0 to 9999 in UTC")
        }
        return instant
    }

    private func mismatch(_ object: borrowing PythonReference, _ expected: String, _ gil: borrowing GIL) -> ConversionFailure {
        failure("expected \(expected) but found \(object.valueDescription(gil))")
    }
}
