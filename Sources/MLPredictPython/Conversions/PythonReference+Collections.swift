internal import CPython
internal import CPythonShim

extension PythonReference {
    /// A `list` of `count` items, each made by `item(index)`.
    ///
    /// The corresponding CPython functions are `PyList_New` and `PyList_SET_ITEM`.
    public init<Failure: Error>(
        listOf count: Int, _ gil: borrowing GIL, item: (Int) throws(Failure) -> PythonReference
    ) throws(ForEachError<Failure>) {
        let list: PythonReference
        do { list = try PythonReference(checking: PyList_New(count), gil) } catch { throw .python(error) }
        // A list with empty slots is safe to drop: list deallocation skips NULL items.
        for index in 0..<count {
            do { CPythonShim_PyList_SET_ITEM(list.pointer, index, try item(index).release()) } catch { throw .body(error) }
        }
        self = list
    }

    /// An empty `dict`.
    ///
    /// The corresponding CPython function is `PyDict_New`.
    public static func dictionary(_ gil: borrowing GIL) throws(PythonError) -> PythonReference {
        try PythonReference(checking: PyDict_New(), gil)
    }

    /// `self[key] = value` for a `dict`.
    /// - Throws: `TypeError` if `key` is not hashable.
    ///
    /// The corresponding CPython function is `PyDict_SetItem`.
    public func setItem(
        _ key: borrowing PythonReference, _ value: borrowing PythonReference, _ gil: borrowing GIL
    ) throws(PythonError) {
        if PyDict_SetItem(pointer, key.pointer, value.pointer) != 0 { throw PythonError.fetch(gil) }
    }

    /// Calls `body` with each key and value of a `dict`, in order.
    /// - Precondition: ``kind(_:)`` is ``PythonKind/dict``.
    ///
    /// The corresponding CPython function is `PyDict_Next`.
    public func forEachEntry<Failure: Error>(
        _ gil: borrowing GIL,
        _ body: (borrowing PythonReference, borrowing PythonReference) throws(Failure) -> Void
    ) throws(Failure) {
        var position = 0
        var key: UnsafeMutablePointer<PyObject>?
        var value: UnsafeMutablePointer<PyObject>?
        while PyDict_Next(pointer, &position, &key, &value) != 0, let key, let value {
            // Strong references: body may run Python code that changes the dict.
            try body(PythonReference(borrowing: key), PythonReference(borrowing: value))
        }
    }

    /// The number of entries of a `dict`.
    /// - Precondition: ``kind(_:)`` is ``PythonKind/dict``.
    public func dictionaryCount(_ gil: borrowing GIL) -> Int {
        PyDict_Size(pointer)
    }

    /// A `bytes` object holding `bytes`.
    ///
    /// The corresponding CPython function is `PyBytes_FromStringAndSize`.
    public init(bytes: [UInt8], _ gil: borrowing GIL) throws(PythonError) {
        let result = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PyBytes_FromStringAndSize($0.baseAddress, buffer.count) }
        }
        try self.init(checking: result, gil)
    }

    /// The bytes of a `bytes`, `bytearray` or `memoryview` (a contiguous copy).
    /// - Throws: `BufferError`/`TypeError` if the object has no contiguous buffer.
    ///
    /// The corresponding CPython functions are `PyObject_GetBuffer` and `PyBuffer_Release`.
    public func bytesValue(_ gil: borrowing GIL) throws(PythonError) -> [UInt8] {
        var view = Py_buffer()
        if PyObject_GetBuffer(pointer, &view, PyBUF_C_CONTIGUOUS) != 0 { throw PythonError.fetch(gil) }
        defer { PyBuffer_Release(&view) }
        guard let start = view.buf else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: view.len))
    }
}
