import MLPredictPython

/// Turns what `predict_columns` returned into a ``ColumnBatch`` of the OUTPUT columns, checking
/// every column's length and values against the OUTPUT schema.
///
/// A BOOLEAN or numeric column that Python returns as a buffer (a numpy array, a `memoryview`, an
/// `array.array`) is copied out in one pass; any other column is read value by value as `predict`'s
/// results are. BOOLEAN and numeric columns without NULLs come back typed (``ColumnValues/double(_:)``
/// ...), all others as ``ColumnValues/values(_:)``.
struct ColumnBatchDecoder: Sendable {
    let model: String
    let columns: RowConverter
    /// `mlpredict._columns.output_columns`.
    let outputColumns: PythonObject
    /// The OUTPUT column names, a Python tuple.
    let names: PythonObject

    func decode(_ result: borrowing PythonReference, rowCount: Int, _ gil: borrowing GIL) throws(MLPredictError) -> ColumnBatch {
        let list: PythonReference
        do {
            list = try outputColumns.reference(gil).call(
                arguments: PythonReference(tupleOf: result.copy(gil), names.reference(gil).copy(gil), gil), gil)
        } catch {
            throw MLPredictError(.invalidOutput, "model '\(model)': \(error.message)", model: model, cause: error)
        }
        var decoded: [ColumnValues] = []
        for index in columns.fields.indices {
            let item: PythonReference
            do {
                item = try list.sequenceItem(index, gil)
            } catch {
                throw MLPredictError(.invalidOutput, "model '\(model)': output columns: \(error.message)", model: model, cause: error)
            }
            decoded.append(try column(item, index, rowCount, gil))
        }
        return ColumnBatch(decoded)
    }

    private func column(
        _ object: borrowing PythonReference, _ index: Int, _ rowCount: Int, _ gil: borrowing GIL
    ) throws(MLPredictError) -> ColumnValues {
        let converter = columns.fields[index]
        let label = "output column '\(columns.names[index])' (\(converter.type)) of predict_columns' result"
        if let shape = object.arrayShape(gil), let depth = converter.arrayDepth, shape.count > depth + 1 {
            let fix = shape.dropFirst().filter { $0 != 1 }.count <= depth
                ? "flatten it with .ravel()"
                : depth == 0
                    ? "select one column (array[:, 0]) or declare ARRAY<\(converter.type.typeName)>"
                    : "select the part you mean"
            throw invalid(
                "\(label) is \(object.valueDescription(gil)), but a column has one dimension"
                    + (depth == 0 ? "" : " more than its \(depth)-dimensional values") + "; \(fix)")
        }
        if converter.isFixedWidth {
            let buffer: PythonNumericBuffer?
            do {
                buffer = try object.numericBuffer(gil)
            } catch {
                throw invalid("\(label) is \(object.typeName(gil)): \(error.typeName): \(error.message)", cause: error)
            }
            if let buffer {
                try checkCount(buffer.values.count, rowCount, label)
                return try typed(buffer, converter, label)
            }
        }
        switch object.kind(gil) {
        case .none, .bool, .int, .float, .string, .dict:
            throw invalid("\(label) is \(object.valueDescription(gil)); expected a column: a list, numpy array or memoryview")
        default: break
        }
        var values: [Value] = []
        values.reserveCapacity(rowCount)
        let items: PythonReference
        do {
            items = object.isNumpyObject(gil) || object.arrayShape(gil) != nil ? try object.attribute("tolist", gil).call(gil) : object.copy(gil)
        } catch {
            throw invalid("\(label) is \(object.typeName(gil)): tolist() raised \(error.typeName): \(error.message)", cause: error)
        }
        do throws(ForEachError<MLPredictError>) {
            try items.forEachItem(gil) { (item) throws(MLPredictError) in
                do throws(ConversionFailure) {
                    values.append(try converter.fromPython(item, gil))
                } catch {
                    throw MLPredictError(
                        .invalidOutput,
                        "model '\(model)': output column \(error.inside(".\(columns.names[index])").columnLabel) "
                            + "of row \(values.count) of predict_columns' result: \(error.message)",
                        model: model, cause: error.cause)
                }
            }
        } catch {
            switch error {
            case .body(let error): throw error
            case .python(let error):
                throw invalid("\(label) is \(object.typeName(gil)), not a column: \(error.typeName): \(error.message)", cause: error)
            }
        }
        try checkCount(values.count, rowCount, label)
        return converter.packed(values)
    }

    private func checkCount(_ count: Int, _ rowCount: Int, _ label: String) throws(MLPredictError) {
        guard count == rowCount else {
            throw invalid(
                "\(label) has \(count) value\(count == 1 ? "" : "s") but the batch has \(rowCount) row\(rowCount == 1 ? "" : "s")"
                    + " (predict_columns returns one output row per input row)")
        }
    }

    /// A buffer's numbers as the column's typed values, each checked against the column's type.
    private func typed(_ buffer: PythonNumericBuffer, _ converter: ValueConverter, _ label: String) throws(MLPredictError) -> ColumnValues {
        let type = converter.type.typeName
        func outOfRange(_ row: Int, _ value: String) -> MLPredictError {
            invalid("\(label) at row \(row): \(value) is out of range for \(type)")
        }
        let mismatch = invalid("\(label) is a buffer of format '\(buffer.format)', which \(type) cannot hold")
        switch (converter.representation, buffer.values) {
        case (.boolean, .bool(let flags)):
            return .boolean(flags)
        case (.integer(let width), .signed(let integers)):
            if let row = integers.firstIndex(where: { !width.range.contains($0) }) { throw outOfRange(row, "\(integers[row])") }
            return width.column(integers)
        case (.integer(let width), .unsigned(let integers)):
            if let row = integers.firstIndex(where: { $0 > UInt64(width.range.upperBound) }) { throw outOfRange(row, "\(integers[row])") }
            return width.column(integers.map { Int64($0) })
        case (.double, .floating(let numbers)): return .double(numbers)
        case (.double, .signed(let integers)): return .double(integers.map { Double($0) })
        case (.double, .unsigned(let integers)): return .double(integers.map { Double($0) })
        case (.float, .floating(let numbers)):
            let singles = numbers.map { Float($0) }
            if let row = singles.indices.first(where: { singles[$0].isInfinite && numbers[$0].isFinite }) {
                throw outOfRange(row, "\(numbers[row])")
            }
            return .float(singles)
        case (.float, .signed(let integers)): return .float(integers.map { Float($0) })
        case (.float, .unsigned(let integers)): return .float(integers.map { Float($0) })
        default: throw mismatch
        }
    }

    private func invalid(_ message: String, cause: PythonError? = nil) -> MLPredictError {
        MLPredictError(.invalidOutput, "model '\(model)': \(message)", model: model, cause: cause)
    }
}

extension PythonNumericBuffer.Values {
    var count: Int {
        switch self {
        case .bool(let values): values.count
        case .signed(let values): values.count
        case .unsigned(let values): values.count
        case .floating(let values): values.count
        }
    }
}

extension IntegerWidth {
    /// In-range integers as this width's typed column.
    func column(_ integers: [Int64]) -> ColumnValues {
        switch self {
        case .tinyInt: .tinyInt(integers.map { Int8($0) })
        case .smallInt: .smallInt(integers.map { Int16($0) })
        case .int: .int(integers.map { Int32($0) })
        case .bigInt: .bigInt(integers)
        }
    }
}

extension ValueConverter {
    /// Whether the type is BOOLEAN or numeric with a fixed width, so a column of it can be typed.
    var isFixedWidth: Bool {
        switch representation {
        case .boolean, .integer, .float, .double: true
        default: false
        }
    }

    /// Converted values as a column: typed for a fixed-width type without NULLs, else ``ColumnValues/values(_:)``.
    func packed(_ values: [Value]) -> ColumnValues {
        guard isFixedWidth, !values.contains(.null) else { return .values(values) }
        switch representation {
        case .boolean: return .boolean(values.map { if case .boolean(let flag) = $0 { flag } else { false } })
        case .integer(let width): return width.column(values.map { $0.integerValue ?? 0 })
        case .float: return .float(values.map { if case .float(let number) = $0 { number } else { 0 } })
        default: return .double(values.map { $0.floatingValue ?? 0 })
        }
    }
}
