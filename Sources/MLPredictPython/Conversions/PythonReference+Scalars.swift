internal import CPython
internal import CPythonShim

/// The Python types that have a direct Swift counterpart, as ``PythonReference/kind(_:)`` tells them.
public enum PythonKind: Sendable, Hashable {
    case none
    /// `bool` (checked before `int`, of which it is a subclass).
    case bool
    /// `int` and its subclasses other than `bool`.
    case int
    /// `float` and its subclasses.
    case float
    /// `str` and its subclasses.
    case string
    /// `tuple` and its subclasses (e.g. `mlpredict.Row`).
    case tuple
    /// `list` and its subclasses.
    case list
    /// `dict` and its subclasses.
    case dict
    /// `bytes`, `bytearray` and `memoryview` (and their subclasses).
    case bytes
    /// Anything else.
    case other
}

extension PythonReference {
    /// `None`.
    public static func none(_ gil: borrowing GIL) -> PythonReference {
        PythonReference(borrowing: CPythonShim_Py_None())
    }

    /// A Python `bool`.
    public init(_ value: Bool, _ gil: borrowing GIL) {
        self.init(borrowing: value ? CPythonShim_Py_True() : CPythonShim_Py_False())
    }

    /// A Python `int`.
    ///
    /// The corresponding CPython function is `PyLong_FromLongLong`.
    public init(_ value: Int64, _ gil: borrowing GIL) throws(PythonError) {
        try self.init(checking: PyLong_FromLongLong(value), gil)
    }

    /// A Python `int`.
    public init(_ value: Int, _ gil: borrowing GIL) throws(PythonError) {
        try self.init(Int64(value), gil)
    }

    /// A Python `float`.
    ///
    /// The corresponding CPython function is `PyFloat_FromDouble`.
    public init(_ value: Double, _ gil: borrowing GIL) throws(PythonError) {
        try self.init(checking: PyFloat_FromDouble(value), gil)
    }

    /// A Python `str` with exactly the string's Unicode scalars (embedded NULs included).
    ///
    /// The corresponding CPython function is `PyUnicode_FromStringAndSize`.
    public init(string value: String, _ gil: borrowing GIL) throws(PythonError) {
        var value = value
        let result = value.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { PyUnicode_FromStringAndSize($0.baseAddress, utf8.count) }
        }
        try self.init(checking: result, gil)
    }

    /// A Python `str` of UTF-8 bytes, without making a Swift `String` first.
    ///
    /// The corresponding CPython function is `PyUnicode_FromStringAndSize`.
    public init(utf8: UnsafeBufferPointer<UInt8>, _ gil: borrowing GIL) throws(PythonError) {
        let result = utf8.withMemoryRebound(to: CChar.self) { PyUnicode_FromStringAndSize($0.baseAddress, utf8.count) }
        try self.init(checking: result, gil)
    }

    /// Calls `body` with `str(self)` as UTF-8 bytes, without making a Swift `String`.
    /// - Throws: whatever `str()` raises, or `UnicodeEncodeError` for lone surrogates.
    ///
    /// The corresponding CPython functions are `PyObject_Str` and `PyUnicode_AsUTF8AndSize`.
    public func withDescriptionUTF8<Result>(
        _ gil: borrowing GIL, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) throws(PythonError) -> Result {
        let text = try PythonReference(checking: PyObject_Str(pointer), gil)
        var size = 0
        guard let utf8 = PyUnicode_AsUTF8AndSize(text.pointer, &size) else { throw PythonError.fetch(gil) }
        return utf8.withMemoryRebound(to: UInt8.self, capacity: size) { body(UnsafeBufferPointer(start: $0, count: size)) }
    }

    /// Which Swift-convertible type the object is an instance of.
    public func kind(_ gil: borrowing GIL) -> PythonKind {
        if pointer == CPythonShim_Py_None() { return .none }
        if CPythonShim_PyUnicode_Check(pointer) != 0 { return .string }
        if CPythonShim_PyFloat_Check(pointer) != 0 { return .float }
        if CPythonShim_PyBool_Check(pointer) != 0 { return .bool }
        if CPythonShim_PyLong_Check(pointer) != 0 { return .int }
        if CPythonShim_PyTuple_Check(pointer) != 0 { return .tuple }
        if CPythonShim_PyList_Check(pointer) != 0 { return .list }
        if CPythonShim_PyDict_Check(pointer) != 0 { return .dict }
        if CPythonShim_PyBytes_Check(pointer) != 0 || CPythonShim_PyByteArray_Check(pointer) != 0
            || CPythonShim_PyMemoryView_Check(pointer) != 0
        {
            return .bytes
        }
        return .other
    }

    /// Whether this is a numpy scalar or array (its type is defined by numpy).
    public func isNumpyObject(_ gil: borrowing GIL) -> Bool {
        CPythonShim_IsNumpyObject(pointer) != 0
    }

    /// The value of a `bool`: whether this is `True`.
    /// - Precondition: ``kind(_:)`` is ``PythonKind/bool``.
    public func boolValue(_ gil: borrowing GIL) -> Bool {
        pointer == CPythonShim_Py_True()
    }

    /// The value of an `int`, or `nil` if it does not fit in 64 bits.
    /// - Precondition: ``kind(_:)`` is ``PythonKind/int`` or ``PythonKind/bool``.
    ///
    /// The corresponding CPython function is `PyLong_AsLongLongAndOverflow`.
    public func int64Value(_ gil: borrowing GIL) -> Int64? {
        var overflow: Int32 = 0
        let value = PyLong_AsLongLongAndOverflow(pointer, &overflow)
        return overflow == 0 ? value : nil
    }

    /// The value of a `float`, or of an `int` as the nearest `Double`.
    /// - Throws: `OverflowError` for an `int` beyond `Double`'s range.
    /// - Precondition: ``kind(_:)`` is ``PythonKind/float`` or ``PythonKind/int``.
    public func doubleValue(_ gil: borrowing GIL) throws(PythonError) -> Double {
        if CPythonShim_PyFloat_Check(pointer) != 0 { return PyFloat_AsDouble(pointer) }
        let value = PyLong_AsDouble(pointer)
        if value == -1, PyErr_Occurred() != nil { throw PythonError.fetch(gil) }
        return value
    }

    /// The value of a `str`, exactly (embedded NULs included).
    /// - Throws: `TypeError` if this is not a `str`; `UnicodeEncodeError` for lone surrogates,
    ///   which no Swift `String` can hold.
    ///
    /// The corresponding CPython function is `PyUnicode_AsUTF8AndSize`.
    public func string(_ gil: borrowing GIL) throws(PythonError) -> String {
        var size = 0
        guard let utf8 = PyUnicode_AsUTF8AndSize(pointer, &size) else { throw PythonError.fetch(gil) }
        return utf8.withMemoryRebound(to: UInt8.self, capacity: size) {
            String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self)
        }
    }
}
