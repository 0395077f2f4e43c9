internal import CPython
internal import CPythonShim

extension PythonError {
    /// Takes the exception raised in this thread (clearing it) and describes it.
    ///
    /// Called right after a C API call signalled failure. If, against the C API's contract,
    /// nothing was raised, the error says so instead of crashing.
    static func fetch(_ gil: borrowing GIL) -> PythonError {
        guard let raw = CPythonShim_FetchException() else {
            return PythonError(
                typeName: "SystemError", message: "a Python C API call failed without setting an exception",
                traceback: "")
        }
        let exception = PythonReference(stealing: raw)
        let type = PythonReference(borrowing: UnsafeMutablePointer(OpaquePointer(CPythonShim_Py_TYPE(raw))))
        let typeName = type.qualifiedTypeName(gil)
        let message = exception.describe(gil, using: PyObject_Str)
        return PythonError(typeName: typeName, message: message, traceback: formatTraceback(exception, gil))
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
}

extension PythonReference {
    /// `module.qualname` of a type object (`module` omitted for builtins); for error messages.
    func qualifiedTypeName(_ gil: borrowing GIL) -> String {
        let name = (try? attribute("__qualname__", gil).string(gil)) ?? "<unknown type>"
        guard let module = try? attribute("__module__", gil).string(gil), module != "builtins" else { return name }
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
