internal import CPython
internal import CPythonShim

/// What a column's cells are expected to hold, chosen once per column, so that
/// ``PythonRowCells/read(_:as:)`` reads the common cases without dispatch or references.
public enum PythonCellKind: UInt8, Sendable {
    /// Read nothing directly: every cell is ``PythonCell/other``.
    case other
    /// An exact `bool`.
    case boolean
    /// An exact `int` that fits in 64 bits.
    case integer
    /// An exact `float`.
    case float
    /// An exact `str` (read as its UTF-8 bytes).
    case text
}

/// One cell of a row, read in place by ``PythonRowCells/read(_:as:)``.
public enum PythonCell {
    /// Not read directly (another type than the kind expects, a subclass, an `int` beyond 64 bits,
    /// a `str` with lone surrogates): convert ``PythonRowCells/item(_:_:)`` instead.
    case other
    /// `None`.
    case none
    case boolean(Bool)
    case integer(Int64)
    case float(Double)
    /// A `str`'s UTF-8 bytes, owned by the `str`: valid only inside the `withCells` body.
    case text(UnsafeBufferPointer<UInt8>)
}

/// The items of a row (a `list`, an exact `tuple` or a plain tuple subclass such as an
/// `mlpredict.Row`), read without taking a reference per item. Only lent to a `withCells` body.
public struct PythonRowCells: ~Copyable {
    private let row: UnsafeMutablePointer<PyObject>
    private let isList: Bool

    fileprivate init(_ row: UnsafeMutablePointer<PyObject>, isList: Bool) {
        self.row = row
        self.isList = isList
    }

    /// The number of items (a list may change length if Python code runs while it is read).
    public var count: Int {
        isList ? CPythonShim_PyList_GET_SIZE(row) : CPythonShim_PyTuple_GET_SIZE(row)
    }

    /// Item `index` read as `kind` expects, or ``PythonCell/other``; never runs Python code.
    /// - Precondition: `index` is within ``count``.
    public func read(_ index: Int, as kind: PythonCellKind) -> PythonCell {
        let item = isList ? CPythonShim_PyList_GET_ITEM(row, index) : CPythonShim_PyTuple_GET_ITEM(row, index)
        if item == CPythonShim_Py_None() { return .none }
        switch kind {
        case .other:
            return .other
        case .boolean:
            return CPythonShim_PyBool_Check(item) != 0 ? .boolean(item == CPythonShim_Py_True()) : .other
        case .integer:
            guard CPythonShim_PyLong_CheckExact(item) != 0 else { return .other }
            var overflow: Int32 = 0
            let value = PyLong_AsLongLongAndOverflow(item, &overflow)
            return overflow == 0 ? .integer(value) : .other
        case .float:
            return CPythonShim_PyFloat_CheckExact(item) != 0 ? .float(CPythonShim_PyFloat_AS_DOUBLE(item)) : .other
        case .text:
            guard CPythonShim_PyUnicode_CheckExact(item) != 0 else { return .other }
            var size = 0
            guard let utf8 = PyUnicode_AsUTF8AndSize(item, &size) else {
                PyErr_Clear()  // lone surrogates: the general conversion reports them
                return .other
            }
            return utf8.withMemoryRebound(to: UInt8.self, capacity: size) {
                .text(UnsafeBufferPointer(start: $0, count: size))
            }
        }
    }

    /// Item `index` as a reference, for the cells ``read(_:as:)`` leaves to the caller.
    /// - Throws: `IndexError` if `index` is out of range (a list that shrank).
    public func item(_ index: Int, _ gil: borrowing GIL) throws(PythonError) -> PythonReference {
        try PythonReference(borrowing: row).sequenceItem(index, gil)
    }
}

extension PythonReference {
    /// Calls `body` with this object's items if it is a row of exactly `count` items whose
    /// positions are its fields: a `list`, an exact `tuple`, or an instance of exactly one of
    /// `rowTypes`. Returns nil without calling `body` for anything else (a namedtuple, whose fields
    /// may be in another order, another length, not a sequence).
    public func withCells<Result, Failure: Error>(
        count: Int, rowTypes: (PythonTupleType, PythonTupleType), _ gil: borrowing GIL,
        _ body: (borrowing PythonRowCells) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        let isList = CPythonShim_PyList_CheckExact(pointer) != 0
        if isList {
            guard CPythonShim_PyList_GET_SIZE(pointer) == count else { return nil }
        } else {
            let type = OpaquePointer(CPythonShim_Py_TYPE(pointer))
            guard CPythonShim_PyTuple_CheckExact(pointer) != 0 || rowTypes.0.object.hasAddress(type)
                || rowTypes.1.object.hasAddress(type),
                CPythonShim_PyTuple_GET_SIZE(pointer) == count
            else { return nil }
        }
        return try body(PythonRowCells(pointer, isList: isList))
    }
}
