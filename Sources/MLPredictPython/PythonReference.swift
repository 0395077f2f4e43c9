internal import CPython
internal import CPythonShim

/// A strong reference to a Python object, used while the GIL is held.
///
/// Non-copyable, so each reference is dropped exactly once (when it goes out of scope) and costs
/// no allocation. To keep an object beyond a ``Interpreter/withGIL(_:)`` scope or share it between
/// threads, wrap it in a ``PythonObject``.
public struct PythonReference: ~Copyable {
    let pointer: UnsafeMutablePointer<PyObject>

    /// Takes over a new (+1) reference.
    init(stealing pointer: UnsafeMutablePointer<PyObject>) {
        self.pointer = pointer
    }

    /// Retains a borrowed (+0) reference.
    init(borrowing pointer: UnsafeMutablePointer<PyObject>) {
        CPythonShim_Py_IncRef(pointer)
        self.pointer = pointer
    }

    /// Takes over the result of a C API call that returns a new reference or NULL with an exception set.
    init(checking result: UnsafeMutablePointer<PyObject>?, _ gil: borrowing GIL) throws(PythonError) {
        guard let result else { throw PythonError.fetch(gil) }
        self.pointer = result
    }

    deinit {
        CPythonShim_DecRefOrDefer(pointer)
    }

    /// Gives up ownership, for C API calls that steal a reference.
    consuming func release() -> UnsafeMutablePointer<PyObject> {
        let pointer = self.pointer
        discard self
        return pointer
    }

    /// Another strong reference to the same object.
    public func copy(_ gil: borrowing GIL) -> PythonReference {
        PythonReference(borrowing: pointer)
    }

    /// Whether both refer to the same object (`a is b`).
    public func isIdentical(to other: borrowing PythonReference) -> Bool {
        pointer == other.pointer
    }

    /// `getattr(self, name)`.
    ///
    /// The corresponding CPython function is `PyObject_GetAttrString`.
    public func attribute(_ name: String, _ gil: borrowing GIL) throws(PythonError) -> PythonReference {
        try PythonReference(checking: PyObject_GetAttrString(pointer, name), gil)
    }

    /// `setattr(self, name, value)`.
    public func setAttribute(_ name: String, _ value: consuming PythonReference, _ gil: borrowing GIL) throws(PythonError) {
        if PyObject_SetAttrString(pointer, name, value.pointer) != 0 { throw PythonError.fetch(gil) }
    }

    /// `self()`.
    ///
    /// The corresponding CPython function is `PyObject_CallNoArgs`.
    public func call(_ gil: borrowing GIL) throws(PythonError) -> PythonReference {
        try PythonReference(checking: PyObject_CallNoArgs(pointer), gil)
    }

    /// `self(argument)`.
    ///
    /// The corresponding CPython function is `PyObject_CallOneArg`.
    public func call(_ argument: borrowing PythonReference, _ gil: borrowing GIL) throws(PythonError) -> PythonReference {
        try PythonReference(checking: PyObject_CallOneArg(pointer, argument.pointer), gil)
    }

    /// `self(*arguments)`, where `arguments` is a tuple.
    ///
    /// The corresponding CPython function is `PyObject_Call`.
    public func call(arguments: borrowing PythonReference, _ gil: borrowing GIL) throws(PythonError) -> PythonReference {
        try PythonReference(checking: PyObject_Call(pointer, arguments.pointer, nil), gil)
    }

    /// `isinstance(self, type)`.
    public func isInstance(of type: borrowing PythonReference, _ gil: borrowing GIL) throws(PythonError) -> Bool {
        let result = PyObject_IsInstance(pointer, type.pointer)
        if result < 0 { throw PythonError.fetch(gil) }
        return result == 1
    }

    /// Whether the object's type is exactly `type` (no subclass): cheaper than ``isInstance(of:_:)``.
    public func hasType(_ type: PythonObject, _ gil: borrowing GIL) -> Bool {
        type.hasAddress(OpaquePointer(CPythonShim_Py_TYPE(pointer)))
    }

    /// The qualified name of the object's type (`str`, `numpy.float32`), for error messages.
    public func typeName(_ gil: borrowing GIL) -> String {
        PythonReference(borrowing: UnsafeMutablePointer(OpaquePointer(CPythonShim_Py_TYPE(pointer))))
            .qualifiedTypeName(gil)
    }

    /// `str(self)`; never throws (a failing `__str__` is described instead).
    public func description(_ gil: borrowing GIL) -> String {
        describe(gil, using: PyObject_Str)
    }

    /// `repr(self)`, shortened to at most `limit` characters; never throws.
    public func shortRepr(_ gil: borrowing GIL, limit: Int = 60) -> String {
        let text = describe(gil, using: PyObject_Repr)
        return text.count <= limit ? text : String(text.prefix(limit - 3)) + "..."
    }
}
