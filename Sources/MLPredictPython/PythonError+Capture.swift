internal import CPython
internal import CPythonShim

extension PythonError {
    /// Takes the exception raised in this thread (clearing it) and describes it.
    ///
    /// Called right after a C API call signalled failure. If, against the C API's contract,
    /// nothing was raised, the error says so instead of crashing. Describing an exception runs
    /// Python (`traceback.format_exception`, `__qualname__`, `__notes__`); if that itself fails, the
    /// nested capture uses only the C type name and `str()`, so a hostile model (one that replaced
    /// `builtins.isinstance`, say) can never make capture recurse.
    static func fetch(_ gil: borrowing GIL) -> PythonError {
        guard let raw = CPythonShim_FetchException() else {
            return PythonError(
                typeName: "SystemError", message: "a Python C API call failed without setting an exception",
                traceback: "")
        }
        let outermost = CPythonShim_BeginErrorCapture() != 0
        defer { CPythonShim_EndErrorCapture() }
        let exception = PythonReference(stealing: raw)
        let type = PythonReference(borrowing: UnsafeMutablePointer(OpaquePointer(CPythonShim_Py_TYPE(raw))))
        let message = exception.describe(gil, using: PyObject_Str)
        guard outermost else {
            return PythonError(typeName: String(cString: CPythonShim_Py_TYPE(raw).pointee.tp_name), message: message, traceback: "")
        }
        let typeName = type.qualifiedTypeName(gil)
        var error = PythonError(typeName: typeName, message: message, traceback: formatTraceback(exception, gil))
        error.notes = notes(of: exception, gil)
        error.typeHierarchy = hierarchy(of: type, gil)
        return error
    }

    /// `''.join(traceback.format_exception(exception))`, or "" when formatting itself fails.
    private static func formatTraceback(_ exception: borrowing PythonReference, _ gil: borrowing GIL) -> String {
        do {
            let format = try Interpreter.importModule("traceback", gil).attribute("format_exception", gil)
            let lines = try format.call(exception, gil)
            let empty = try PythonReference(string: "", gil)
            return try empty.attribute("join", gil).call(lines, gil).string(gil)
        } catch {
            return ""
        }
    }

    /// The qualified names of `type.__mro__`, the type first.
    private static func hierarchy(of type: borrowing PythonReference, _ gil: borrowing GIL) -> [String] {
        guard let mro = try? type.attribute("__mro__", gil), mro.kind(gil) == .tuple else { return [] }
        return (0..<mro.sequenceCount(gil)).compactMap { index in
            (try? mro.sequenceItem(index, gil))?.qualifiedTypeName(gil)
        }
    }

    /// The exception's PEP 678 notes (`__notes__`, added with `add_note`), as strings.
    private static func notes(of exception: borrowing PythonReference, _ gil: borrowing GIL) -> [String] {
        guard let notes = try? exception.attribute("__notes__", gil), notes.kind(gil) == .list else { return [] }
        return (0..<notes.sequenceCount(gil)).compactMap { index in
            guard let note = try? notes.sequenceItem(index, gil) else { return nil }
            return note.describe(gil, using: PyObject_Str)
        }
    }
}

extension PythonReference {
    /// `module.qualname` of a type object (`module` omitted for builtins); for error messages.
    /// pandas' DataFrame and Series are named as users write them (`pandas.DataFrame`, not
    /// `pandas.core.frame.DataFrame`); numpy's types already are (`numpy.ndarray`, `numpy.float32`).
    func qualifiedTypeName(_ gil: borrowing GIL) -> String {
        let name = (try? attribute("__qualname__", gil).string(gil)) ?? "<unknown type>"
        guard let module = try? attribute("__module__", gil).string(gil), module != "builtins" else { return name }
        if module.hasPrefix("pandas.core."), name == "DataFrame" || name == "Series" { return "pandas.\(name)" }
        return "\(module).\(name)"
    }

    /// `str()` or `repr()` of the object; never throws (a failing `__str__` is described instead).
    func describe(
        _ gil: borrowing GIL,
        using function: (UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>?
    ) -> String {
        guard let text = function(pointer) else {
            _ = CPythonShim_FetchException().map { PythonReference(stealing: $0) }
            return "<unprintable \(typeName(gil)) object>"
        }
        return (try? PythonReference(stealing: text).string(gil)) ?? "<unprintable \(typeName(gil)) object>"
    }
}
