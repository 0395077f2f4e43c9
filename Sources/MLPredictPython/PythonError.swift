/// A Python exception, captured when it crossed into Swift.
///
/// Carries the exception's qualified type name (`ValueError`, `mymodule.ModelError`), its
/// message (`str(exception)`), its notes (PEP 678) and the traceback formatted as Python prints
/// it, chained exceptions included.
public struct PythonError: Error, Sendable, CustomStringConvertible {
    /// The exception's type: its `__qualname__`, prefixed by its module unless that is `builtins`.
    public var typeName: String
    /// `str(exception)`.
    public var message: String
    /// The formatted traceback (`traceback.format_exception`), ending with `TypeName: message`.
    public var traceback: String
    /// The notes added with `add_note` (`__notes__`), which `str(exception)` leaves out.
    public var notes: [String]
    /// The qualified names of the exception's type and of its bases, in method resolution order
    /// (`__mro__`): ``isInstance(of:)`` answers from them after the exception object is gone.
    public var typeHierarchy: [String]

    public init(typeName: String, message: String, traceback: String, notes: [String] = [], typeHierarchy: [String] = []) {
        self.typeName = typeName
        self.message = message
        self.traceback = traceback
        self.notes = notes
        self.typeHierarchy = typeHierarchy.isEmpty ? [typeName] : typeHierarchy
    }

    /// Whether the exception was an instance of the class with this qualified name
    /// (`mlpredict._exceptions.NonRetryableError`).
    public func isInstance(of qualifiedTypeName: String) -> Bool {
        typeHierarchy.contains(qualifiedTypeName)
    }

    /// `TypeName: message`, followed by the notes in parentheses.
    public var summary: String {
        notes.isEmpty ? "\(typeName): \(message)" : "\(typeName): \(message) (\(notes.joined(separator: "; ")))"
    }

    /// The traceback as Python prints it.
    public var description: String {
        traceback.isEmpty ? summary : traceback
    }
}
