internal import CPython
internal import CPythonShim

/// Builds a `tuple`, or an instance of a ``PythonTupleType``, item by item without copies.
public struct PythonTupleBuilder: ~Copyable {
    private let tuple: UnsafeMutablePointer<PyObject>
    private let count: Int
    private var filled = 0

    /// A builder for a `tuple` of `count` items.
    ///
    /// The corresponding CPython function is `PyTuple_New`.
    public init(count: Int, _ gil: borrowing GIL) throws(PythonError) {
        tuple = try PythonReference(checking: PyTuple_New(count), gil).release()
        self.count = count
    }

    /// A builder for an instance of `type` with `count` items.
    public init(count: Int, type: PythonTupleType, _ gil: borrowing GIL) throws(PythonError) {
        let allocated = CPythonShim_TupleSubclassAlloc(UnsafeMutablePointer(OpaquePointer(type.object.pointer)), count)
        tuple = try PythonReference(checking: allocated, gil).release()
        self.count = count
    }

    deinit {
        // A partly filled tuple is safe to drop: tuple deallocation skips empty slots.
        CPythonShim_DecRefOrDefer(tuple)
    }

    /// Puts `item` in the next slot.
    /// - Precondition: fewer than `count` items were appended.
    public mutating func append(_ item: consuming PythonReference) {
        precondition(filled < count, "PythonTupleBuilder: more items than the tuple's size")
        CPythonShim_PyTuple_SET_ITEM(tuple, filled, item.release())
        filled += 1
    }

    /// The finished tuple.
    /// - Precondition: exactly `count` items were appended.
    public consuming func build() -> PythonReference {
        precondition(filled == count, "PythonTupleBuilder: \(filled) of \(count) items appended")
        let result = PythonReference(borrowing: tuple)
        return result  // deinit drops the builder's own reference
    }
}

/// A tuple subclass whose instances are plain tuple storage (such as `mlpredict.Row` types), so
/// ``PythonTupleBuilder`` can fill them directly.
public struct PythonTupleType: Sendable {
    let object: PythonObject

    /// Checks that `type` is a tuple subclass without `__dict__` or extra slots.
    public init?(_ type: borrowing PythonReference, _ gil: borrowing GIL) {
        guard CPythonShim_PyType_Check(type.pointer) != 0,
            CPythonShim_IsPlainTupleSubclass(UnsafeMutablePointer(OpaquePointer(type.pointer))) != 0
        else { return nil }
        object = PythonObject(type.copy(gil))
    }

    /// Whether `value` is an instance of this type or of a subclass (`isinstance`).
    ///
    /// The corresponding CPython function is `PyType_IsSubtype`.
    public func isInstance(_ value: borrowing PythonReference, _ gil: borrowing GIL) -> Bool {
        PyType_IsSubtype(
            CPythonShim_Py_TYPE(value.pointer), UnsafeMutablePointer(OpaquePointer(object.reference(gil).pointer))) != 0
    }

    /// Whether `value` is an instance of exactly this type (not a subclass).
    public func isExactType(of value: borrowing PythonReference, _ gil: borrowing GIL) -> Bool {
        object.hasAddress(OpaquePointer(CPythonShim_Py_TYPE(value.pointer)))
    }
}
