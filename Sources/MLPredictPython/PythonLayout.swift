internal import CPythonShim

/// Where the embedded interpreter's files are: its home (standard library), its `sys.executable`,
/// and the site-packages it uses. Computed and checked before CPython starts, so that a wrong
/// environment is reported clearly instead of failing inside Python.
struct PythonLayout {
    let home: String
    let executable: String
    let configuration: InterpreterConfiguration
    /// The virtual environment's site-packages, when one is configured.
    let venvSitePackages: String?
    /// Whether the system's site-packages are used too (no venv, or `include-system-site-packages`).
    let usesSystemSitePackages: Bool

    init(_ configuration: InterpreterConfiguration) throws(InterpreterError) {
        self.configuration = configuration
        let version = Interpreter.pythonVersion
        if let pythonHome = configuration.pythonHome {
            home = pythonHome
        } else {
            home = Self.discoverHome(version: version)
        }
        guard ProcessEnvironment.isFile("\(home)/lib/python\(version)/os.py") else {
            throw InterpreterError("\(home) is not a Python \(version) home: \(home)/lib/python\(version)/os.py is missing")
        }
        guard let venv = configuration.virtualEnvironment else {
            executable = "\(home)/bin/python\(version)"
            venvSitePackages = nil
            usesSystemSitePackages = true
            return
        }
        let settings = try Self.readVenvConfiguration(venv)
        let venvVersion = settings["version"] ?? settings["version_info"] ?? ""
        guard venvVersion == version || venvVersion.hasPrefix(version + ".") else {
            throw InterpreterError(
                "virtual environment \(venv) was made by Python \(venvVersion.isEmpty ? "of unknown version" : venvVersion)"
                    + " (home \(settings["home"] ?? "unknown")), but the embedded interpreter is Python \(version)"
                    + " (\(home)); recreate it with \(home)/bin/python\(version) -m venv \(venv)")
        }
        let sitePackages = "\(venv)/lib/python\(version)/site-packages"
        guard ProcessEnvironment.isDirectory(sitePackages) else {
            throw InterpreterError("virtual environment \(venv) has no \(sitePackages)")
        }
        executable = "\(venv)/bin/python"
        venvSitePackages = sitePackages
        usesSystemSitePackages = settings["include-system-site-packages"]?.lowercased() == "true"
    }

    /// Builds `sys.path` (search paths, then site-packages with their `.pth` files) and makes the
    /// `sys` module describe the virtual environment as a venv's own interpreter would.
    func configureSystemModule(_ gil: borrowing GIL) throws(PythonError) {
        let sys = try Interpreter.importModule("sys", gil)
        let site = try Interpreter.importModule("site", gil)
        let addSiteDirectory = try site.attribute("addsitedir", gil)
        if usesSystemSitePackages {
            let systemDirectories = try site.attribute("getsitepackages", gil).call(gil)
            do {
                try systemDirectories.forEachItem(gil) { (directory) throws(PythonError) in
                    if ProcessEnvironment.isDirectory(try directory.string(gil)) {
                        _ = try addSiteDirectory.call(directory, gil)
                    }
                }
            } catch {
                throw error.pythonError
            }
        }
        if let venvSitePackages, let venv = configuration.virtualEnvironment {
            _ = try addSiteDirectory.call(PythonReference(string: venvSitePackages, gil), gil)
            for name in ["prefix", "exec_prefix"] {
                try sys.setAttribute(name, PythonReference(string: venv, gil), gil)
            }
        }
        let path = try sys.attribute("path", gil)
        for (index, directory) in configuration.searchPaths.enumerated() {
            _ = try path.attribute("insert", gil).call(
                arguments: PythonReference(tupleOf: PythonReference(index, gil), PythonReference(string: directory, gil), gil),
                gil)
        }
    }

    /// The prefix above the linked libpython whose `lib/pythonX.Y/os.py` exists; `/usr` otherwise.
    private static func discoverHome(version: String) -> String {
        guard let library = CPythonShim_LibraryPath() else { return "/usr" }
        var directory = ProcessEnvironment.parent(of: String(cString: library))
        while directory != "/" {
            if ProcessEnvironment.isFile("\(directory)/lib/python\(version)/os.py") { return directory }
            directory = ProcessEnvironment.parent(of: directory)
        }
        return "/usr"
    }

    /// The `key = value` lines of `pyvenv.cfg`.
    private static func readVenvConfiguration(_ venv: String) throws(InterpreterError) -> [String: String] {
        guard let text = ProcessEnvironment.contents(of: "\(venv)/pyvenv.cfg") else {
            throw InterpreterError(
                "\(venv) is not a virtual environment: \(venv)/pyvenv.cfg is missing (VIRTUAL_ENV or the configured venv)")
        }
        var settings: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            settings[parts[0].trimmingSpaces] = parts[1].trimmingSpaces
        }
        return settings
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
