/// How the embedded interpreter is started: which Python environment it sees and where it looks
/// for modules. Compared as a whole: a process has one interpreter, started once.
public struct InterpreterConfiguration: Sendable, Hashable {
    /// The virtual environment whose site-packages are added to `sys.path` (it must have been made
    /// by the same Python minor version as the linked libpython, e.g. `/usr/bin/python3 -m venv`).
    /// `nil`: the system's site-packages are used instead.
    public var virtualEnvironment: String?
    /// Directories put first on `sys.path`, in order.
    public var searchPaths: [String]
    /// The Python home (prefix of the standard library). `nil`: found from the linked libpython.
    public var pythonHome: String?

    public init(virtualEnvironment: String? = nil, searchPaths: [String] = [], pythonHome: String? = nil) {
        self.virtualEnvironment = virtualEnvironment
        self.searchPaths = searchPaths
        self.pythonHome = pythonHome
    }

    /// The configuration taken from the process environment: the virtual environment named by
    /// `VIRTUAL_ENV`, if set and not empty.
    public static func fromEnvironment() -> InterpreterConfiguration {
        let venv = ProcessEnvironment.value(of: "VIRTUAL_ENV")
        return InterpreterConfiguration(virtualEnvironment: venv?.isEmpty == false ? venv : nil)
    }
}
