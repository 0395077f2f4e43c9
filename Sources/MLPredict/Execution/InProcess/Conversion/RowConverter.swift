import MLPredictPython

/// How rows of named, typed fields cross the boundary: a model's INPUT or OUTPUT columns, or a
/// `ROW<...>` value. Python sees an `mlpredict.Row` with the field names; from Python it takes a
/// `Row`, a tuple (a namedtuple's fields are matched by name) or a list.
struct RowConverter: Sendable {
    let names: [String]
    let fields: [ValueConverter]
    /// Each field's fast path (``toPython(_:_:)``, ``values(ofPlainRow:_:)``).
    let fastPaths: [ScalarFastPath]
    /// `mlpredict.Row.type_for(names)`: rows index by position and by field name.
    let rowType: PythonTupleType
    /// `mlpredict.Row`: its exact instances have no field names to check.
    let unnamedRowType: PythonTupleType

    init(names: [String], types: [DataType], _ runtime: PythonRuntime, _ gil: borrowing GIL) throws(PythonError) {
        self.names = names
        var fields: [ValueConverter] = []
        for type in types { fields.append(try ValueConverter(type, runtime, gil)) }
        self.fields = fields
        fastPaths = fields.map(ScalarFastPath.init)
        rowType = try runtime.rowType(for: names, gil)
        unnamedRowType = runtime.rowType
    }

    /// The fields as SQL writes them: `(label STRING, score DOUBLE)`.
    var description: String {
        "(" + zip(names, fields).map { "\($0) \($1.type)" }.joined(separator: ", ") + ")"
    }

    /// An `mlpredict.Row` of `values`, one per field; failures name the field (`.name...`).
    func toPython(_ values: [Value], _ gil: borrowing GIL) throws(ConversionFailure) -> PythonReference {
        guard values.count == fields.count else {
            throw ConversionFailure("a ROW value " + RowShapeError.arity(values.count).detail(of: self), type: type)
        }
        var builder: PythonTupleBuilder
        do {
            builder = try PythonTupleBuilder(count: fields.count, type: rowType, gil)
        } catch {
            throw ConversionFailure("Python could not create the row: \(error.message)", type: type, cause: error)
        }
        for index in fields.indices {
            if let item = fastPaths[index].python(for: values[index], gil) {
                builder.append(item)
                continue
            }
            do { builder.append(try fields[index].toPython(values[index], gil)) } catch {
                throw error.inside(".\(names[index])")
            }
        }
        return builder.build()
    }

    /// The values of a Python row, in field order; failures name the field (`.name...`).
    func fromPython(_ object: borrowing PythonReference, _ gil: borrowing GIL) throws(ConversionFailure) -> [Value] {
        let order: [Int]?
        do {
            order = try fieldOrder(of: object, gil)
        } catch {
            throw ConversionFailure("the value " + error.detail(of: self), type: type)
        }
        return try values(of: object, order: order, gil)
    }

    /// The values of `object` if it is a row whose positions are our fields (a list, an exact tuple,
    /// or exactly our `Row` type or `mlpredict.Row`) of as many values: each cell read in place when
    /// its ``ScalarFastPath`` can, else converted as ``values(of:order:_:)`` does. Nil for any other
    /// object, which ``fromPython(_:_:)``'s checks handle.
    func values(ofPlainRow object: borrowing PythonReference, _ gil: borrowing GIL) throws(ConversionFailure) -> [Value]? {
        try object.withCells(count: fastPaths.count, rowTypes: (rowType, unnamedRowType), gil) { cells throws(ConversionFailure) in
            var values: [Value] = []
            values.reserveCapacity(fastPaths.count)
            for index in fastPaths.indices {
                let fastPath = fastPaths[index]
                if let value = fastPath.value(of: cells.read(index, as: fastPath.kind)) {
                    values.append(value)
                    continue
                }
                let item: PythonReference
                do throws(PythonError) {
                    item = try cells.item(index, gil)
                } catch {
                    throw ConversionFailure(error.message, type: type, cause: error)
                }
                do throws(ConversionFailure) { values.append(try fields[index].fromPython(item, gil)) } catch {
                    throw error.inside(".\(names[index])")
                }
            }
            return values
        }
    }

    /// Appends the cells of `object` to `output` as one row if it is a row whose positions are our
    /// fields, as ``values(ofPlainRow:_:)`` reads it; `false` without appending for any other object.
    /// A failure may leave part of the row appended.
    func append(plainRow object: borrowing PythonReference, to output: inout PredictedRows, _ gil: borrowing GIL) throws(ConversionFailure) -> Bool {
        try object.withCells(count: fastPaths.count, rowTypes: (rowType, unnamedRowType), gil) { cells throws(ConversionFailure) -> Void in
            for index in fastPaths.indices {
                let fastPath = fastPaths[index]
                switch (cells.read(index, as: fastPath.kind), fastPath.target) {
                case (.none, _) where fastPath.isNullable: output.appendNull(index)
                case (.text(let utf8), .string): output.append(utf8: utf8, index)
                case (.float(let number), .double): output.append(number, index)
                case (.integer(let integer), .integer(let width)) where width.range.contains(integer): output.append(integer, index)
                case (.boolean(let flag), .boolean): output.append(flag, index)
                default:
                    let item: PythonReference
                    do throws(PythonError) {
                        item = try cells.item(index, gil)
                    } catch {
                        throw ConversionFailure(error.message, type: type, cause: error)
                    }
                    do throws(ConversionFailure) { output.append(try fields[index].fromPython(item, gil), index) } catch {
                        throw error.inside(".\(names[index])")
                    }
                }
            }
            output.endRow()
        } != nil
    }

    /// The values of a row that passed ``fieldOrder(of:_:)``, which gave `order`.
    func values(of object: borrowing PythonReference, order: [Int]?, _ gil: borrowing GIL) throws(ConversionFailure) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(fields.count)
        for index in fields.indices {
            let item: PythonReference
            do {
                item = try object.sequenceItem(order?[index] ?? index, gil)
            } catch {
                throw ConversionFailure(error.message, type: type, cause: error)
            }
            do { values.append(try fields[index].fromPython(item, gil)) } catch { throw error.inside(".\(names[index])") }
        }
        return values
    }

    /// Checks that `object` is a row of our fields (a Row, tuple or list of as many values), and for
    /// a row with field names (a named `Row`, a namedtuple) in another order than ours returns the
    /// position of each of our fields in it; `nil` when positions already match.
    func fieldOrder(of object: borrowing PythonReference, _ gil: borrowing GIL) throws(RowShapeError) -> [Int]? {
        let kind = object.kind(gil)
        guard kind == .tuple || kind == .list else { throw .notARow(object.typeName(gil), object.shortRepr(gil)) }
        let count = object.sequenceCount(gil)
        guard count == fields.count else { throw .arity(count) }
        guard kind == .tuple, !object.isExactTuple(gil), !rowType.isExactType(of: object, gil),
            !unnamedRowType.isExactType(of: object, gil),
            let fieldNames = try? object.attribute("_fields", gil), fieldNames.kind(gil) == .tuple
        else { return nil }
        var given: [String] = []
        for position in 0..<fieldNames.sequenceCount(gil) {
            guard let name = try? fieldNames.sequenceItem(position, gil).string(gil) else { return nil }
            given.append(name)
        }
        // `_fields` is the type's claim; it must name exactly the row's values.
        guard given.count == count else { throw .fieldNames(given) }
        if given == names { return nil }
        let positions = names.compactMap { given.firstIndex(of: $0) }
        guard positions.count == names.count, Set(given).count == given.count else { throw .fieldNames(given) }
        return positions
    }

    /// The ROW type of these fields.
    var type: DataType {
        .row(zip(names, fields).map { DataType.Field($0, $1.type) })
    }
}

/// A Python object that is not a row of a ``RowConverter``'s fields.
enum RowShapeError: Error {
    /// Not a Row, tuple or list: the object's type name and short repr.
    case notARow(String, String)
    /// A row of this many values.
    case arity(Int)
    /// A row whose field names are not ours.
    case fieldNames([String])

    /// What is wrong, calling the row `owner` (`OUTPUT`, `ROW`) and its fields `noun`.
    func detail(of row: RowConverter, owner: String = "ROW", noun: String = "fields") -> String {
        switch self {
        case .notARow(let typeName, let repr):
            "is \(typeName) \(repr); expected a Row, tuple or list of the \(owner) \(noun) \(row.description)"
        case .arity(let count):
            "has \(count) value\(count == 1 ? "" : "s") but \(owner) has \(row.fields.count) "
                + "\(row.fields.count == 1 ? String(noun.dropLast()) : noun) \(row.description)"
        case .fieldNames(let given):
            "has fields (\(given.joined(separator: ", "))) but the \(owner) \(noun) are \(row.description)"
        }
    }
}
