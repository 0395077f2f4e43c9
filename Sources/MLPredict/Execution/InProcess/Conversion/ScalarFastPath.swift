import MLPredictPython

/// The fast path of one column of scalars, chosen once per column at load: in Python, what its
/// cells usually are (`PythonCellKind`) and how such a cell, read in place, becomes a ``Value``;
/// from Swift, which ``Value`` cases become Python objects directly.
///
/// It takes only what the general conversion (``ValueConverter``) would give the same answer for
/// without checks of its own: BOOLEAN, integer, FLOAT, DOUBLE and unbounded string columns (exact
/// `bool`, `int`, `float` and `str` from Python), and NULL / `None` in nullable ones. Everything
/// else (a numpy scalar, a `str` for a `VARCHAR(n)`, a value out of range, a DECIMAL column) goes
/// through the general conversion, which also words the errors.
struct ScalarFastPath: Sendable {
    enum Target: Sendable {
        case boolean
        case integer(IntegerWidth)
        case float
        case double
        case string
        /// Nothing read in place.
        case general
    }

    let kind: PythonCellKind
    let target: Target
    let isNullable: Bool

    init(_ converter: ValueConverter) {
        isNullable = converter.type.isNullable
        switch converter.representation {
        case .boolean: (kind, target) = (.boolean, .boolean)
        case .integer(let width): (kind, target) = (.integer, .integer(width))
        case .float: (kind, target) = (.float, .float)
        case .double: (kind, target) = (.float, .double)
        case .string(nil, nil): (kind, target) = (.text, .string)
        default: (kind, target) = (.other, .general)
        }
    }

    /// The Python object for `value`, or nil when the general conversion must decide.
    @inline(__always)
    func python(for value: Value, _ gil: borrowing GIL) -> PythonReference? {
        switch (value, target) {
        case (.null, _): return isNullable ? .none(gil) : nil
        case (.string(let string), .string): return try? PythonReference(string: string, gil)
        case (.double(let number), .double): return try? PythonReference(number, gil)
        case (.boolean(let flag), .boolean): return PythonReference(flag, gil)
        case (.bigInt(let integer), .integer(let width)):
            return width.range.contains(integer) ? try? PythonReference(integer, gil) : nil
        case (.int(let integer), .integer(let width)):
            return width.range.contains(Int64(integer)) ? try? PythonReference(Int64(integer), gil) : nil
        default: return nil
        }
    }

    /// The value of `cell`, or nil when the general conversion must decide.
    ///
    /// (`Value` is `ExpressibleByNilLiteral`: every "not here" below is `Optional.none`, spelled
    /// out, since a bare `nil` next to a `Value` would be read as SQL NULL.)
    @inline(__always)
    func value(of cell: PythonCell) -> Value? {
        switch (cell, target) {
        case (.none, _) where isNullable: return .some(.null)
        case (.boolean(let flag), .boolean): return .boolean(flag)
        case (.integer(let integer), .integer(let width)) where width.range.contains(integer): return width.value(integer)
        case (.float(let number), .double): return .double(number)
        case (.float(let number), .float) where !(Float(number).isInfinite && number.isFinite): return .float(Float(number))
        case (.text(let utf8), .string): return .string(String(decoding: utf8, as: UTF8.self))
        default: return Optional.none
        }
    }
}
