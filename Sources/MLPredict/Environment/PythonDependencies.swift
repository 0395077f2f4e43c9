/// What a model adds to the Python it runs in, as Flink's `'python.requirements'` and
/// `'python.files'` options say (docs/environments.md).
///
/// In-process, the environment is added to the interpreter every in-process model shares, unless
/// it conflicts with what is there; in process mode the model's workers run in it alone.
public struct PythonDependencies: Sendable, Hashable {
    /// `'python.requirements'`: the absolute path of a pip requirements file, installed into a
    /// virtual environment built once per file content and interpreter; nil for none.
    public var requirementsFile: String?
    /// The directory after `#` in `'python.requirements'` (Flink's requirements cache): pip
    /// installs from its files only (`--no-index --find-links`); nil to use the index pip is
    /// configured with.
    public var requirementsCacheDirectory: String?
    /// `'python.files'`: absolute paths of directories and of `.py`, `.zip`, `.whl` and `.egg`
    /// files, put on `sys.path` in this order.
    public var files: [String]

    public init(requirementsFile: String? = nil, requirementsCacheDirectory: String? = nil, files: [String] = []) {
        self.requirementsFile = requirementsFile
        self.requirementsCacheDirectory = requirementsCacheDirectory
        self.files = files
    }

    /// Whether the model adds nothing: it runs in the interpreter's own environment.
    public var isEmpty: Bool { requirementsFile == nil && files.isEmpty }
}
