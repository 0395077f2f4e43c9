/// A Python exception, captured when it crossed into Swift.
///
/// Carries the exception's qualified type name (`ValueError`, `mymodule.ModelError`), its
/// message (`str(exception)`) and the traceback formatted as Python prints it, chained
/// exceptions included.
public struct PythonError: Error, Sendable, CustomStringConvertible {
    /// The exception's type: its `__qualname__`, prefixed by its module unless that is `builtins`.
    public var typeName: String
    /// `str(exception)`.
    public var message: String
    /// The formatted traceback (`traceback.format_exception`), ending with `TypeName: message`.
    public var traceback: String

    public init(typeName: String, message: String, traceback: String) {
        self.typeName = typeName
        self.message = message
        self.traceback = traceback
    }

    /// The traceback as Python prints it.
    public var description: String {
        traceback.isEmpty ? "\(typeName): \(message)" : traceback
    }
}
