internal import CPython
internal import CPythonShim

extension PythonReference {
    /// A `tuple` of the given items.
    public init(tupleOf items: [PythonObject], _ gil: borrowing GIL) throws(PythonError) {
        var builder = try PythonTupleBuilder(count: items.count, gil)
        for item in items { builder.append(item.reference(gil)) }
        self = builder.build()
    }

    /// A `tuple` of two items.
    public init(
        tupleOf first: consuming PythonReference, _ second: consuming PythonReference, _ gil: borrowing GIL
    ) throws(PythonError) {
        var builder = try PythonTupleBuilder(count: 2, gil)
        builder.append(first)
        builder.append(second)
        self = builder.build()
    }

    /// A `tuple` of `str`.
    public init(tupleOfStrings strings: [String], _ gil: borrowing GIL) throws(PythonError) {
        var builder = try PythonTupleBuilder(count: strings.count, gil)
        for string in strings { builder.append(try PythonReference(string: string, gil)) }
        self = builder.build()
    }

    /// The length of a `tuple` or `list`.
    /// - Precondition: ``kind(_:)`` is ``PythonKind/tuple`` or ``PythonKind/list``.
    public func sequenceCount(_ gil: borrowing GIL) -> Int {
        CPythonShim_PyTuple_Check(pointer) != 0
            ? CPythonShim_PyTuple_GET_SIZE(pointer) : CPythonShim_PyList_GET_SIZE(pointer)
    }

    /// Item `index` of a `tuple` or `list`.
    /// - Throws: `IndexError` if `index` is out of range, which for a list can happen after Python
    ///   code ran since its length was read (the list may have shrunk).
    /// - Precondition: ``kind(_:)`` is ``PythonKind/tuple`` or ``PythonKind/list``.
    public func sequenceItem(_ index: Int, _ gil: borrowing GIL) throws(PythonError) -> PythonReference {
        let count = sequenceCount(gil)
        guard index >= 0, index < count else {
            throw PythonError(
                typeName: "IndexError",
                message: "index \(index) is out of range of the \(typeName(gil)) of \(count) items (did it change while it was read?)",
                traceback: "")
        }
        return PythonReference(
            borrowing: CPythonShim_PyTuple_Check(pointer) != 0
                ? CPythonShim_PyTuple_GET_ITEM(pointer, index) : CPythonShim_PyList_GET_ITEM(pointer, index))
    }

    /// Calls `body` with each item of an iterable (`for item in self`).
    ///
    /// Lists and tuples are read directly; other iterables go through `iter()`.
    /// - Throws: `TypeError` if the object is not iterable, whatever iteration raises, or what `body` throws.
    public func forEachItem<Failure: Error>(
        _ gil: borrowing GIL, _ body: (borrowing PythonReference) throws(Failure) -> Void
    ) throws(ForEachError<Failure>) {
        if CPythonShim_PyTuple_Check(pointer) != 0 || CPythonShim_PyList_Check(pointer) != 0 {
            var index = 0
            while index < sequenceCount(gil) {  // a list may change length while body runs
                let item: PythonReference
                do { item = try sequenceItem(index, gil) } catch { throw .python(error) }
                do { try body(item) } catch { throw .body(error) }
                index += 1
            }
            return
        }
        let iterator: PythonReference
        do { iterator = try PythonReference(checking: PyObject_GetIter(pointer), gil) } catch { throw .python(error) }
        while let next = PyIter_Next(iterator.pointer) {
            do { try body(PythonReference(stealing: next)) } catch { throw .body(error) }
        }
        if PyErr_Occurred() != nil { throw .python(PythonError.fetch(gil)) }
    }
}

/// Why ``PythonReference/forEachItem(_:_:)`` stopped: Python raised, or the body threw.
public enum ForEachError<Failure: Error>: Error {
    case python(PythonError)
    case body(Failure)
}

extension ForEachError where Failure == PythonError {
    /// The Python exception, whichever side raised it.
    public var pythonError: PythonError {
        switch self {
        case .python(let error), .body(let error): error
        }
    }
}

extension PythonReference {
    /// Whether this is exactly a `tuple`, not an instance of a subclass.
    public func isExactTuple(_ gil: borrowing GIL) -> Bool {
        CPythonShim_PyTuple_CheckExact(pointer) != 0
    }

    /// Whether this is exactly a `list`, not an instance of a subclass.
    public func isExactList(_ gil: borrowing GIL) -> Bool {
        CPythonShim_PyList_CheckExact(pointer) != 0
    }
}
