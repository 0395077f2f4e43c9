internal import CPython
internal import CPythonShim

/// A strong reference to a Python object that may be stored and shared between threads.
///
/// Every use goes through ``reference(_:)``, which requires the GIL; dropping the last Swift
/// reference releases the Python object, at once if the GIL is held and otherwise on the next GIL
/// acquisition, so deinitialization never blocks.
public final class PythonObject: @unchecked Sendable {
    // @unchecked: the pointer is only dereferenced with the GIL held (reference(_:) takes a GIL
    // token), and the reference is dropped with CPythonShim_DecRefOrDefer, safe from any thread.
    let pointer: UnsafeMutablePointer<PyObject>

    /// Keeps the object `reference` refers to.
    public init(_ reference: consuming PythonReference) {
        pointer = reference.release()
    }

    deinit {
        CPythonShim_DecRefOrDefer(pointer)
    }

    /// Whether this is the object at `address` (identity, no reference taken).
    func hasAddress(_ address: OpaquePointer) -> Bool {
        OpaquePointer(pointer) == address
    }

    /// `self(argument)`, without taking a reference to `self` first.
    ///
    /// The corresponding CPython function is `PyObject_CallOneArg`.
    public func call(_ argument: borrowing PythonReference, _ gil: borrowing GIL) throws(PythonError) -> PythonReference {
        try PythonReference(checking: PyObject_CallOneArg(pointer, argument.pointer), gil)
    }

    /// A scoped strong reference to the object, for use while the GIL is held.
    public func reference(_ gil: borrowing GIL) -> PythonReference {
        PythonReference(borrowing: pointer)
    }
}
