/// The `WITH` options of the `generic-python` provider.
public enum GenericPythonOptions {
    /// Directory holding the model's Python module(s) and files. Required.
    public static let modelDirectoryPath = "model-directory-path"
    /// The `PredictFunction` subclass, `module.Class` (or `package.module.Class`). Required.
    public static let pythonPredictClass = "python-predict-class"
    /// Prefix of the options handed to Python, without the prefix, as `properties`.
    public static let propertiesPrefix = "properties."

    /// Whether `name` is a dotted Python name with at least one dot: `module.Class`.
    static func isQualifiedClassName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy(isIdentifier)
    }

    private static func isIdentifier(_ part: Substring) -> Bool {
        guard let first = part.first, first == "_" || first.isLetter else { return false }
        return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }
}
