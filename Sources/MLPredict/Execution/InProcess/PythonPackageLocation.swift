import Foundation

/// Where the `mlpredict` Python package that matches this library lives.
///
/// SwiftPM keeps a dependency's sources in its checkout, so the package is found next to this
/// file's source (`<checkout>/python/src`), whether MLPredict is the root package or a dependency
/// of another. `MLPREDICT_PYTHON_PATH` overrides it (e.g. for a relocated binary); without either,
/// `mlpredict` must be installed in the Python environment (`pip install <checkout>/python`).
enum PythonPackageLocation {
    static let sourceDirectory: String? = {
        if let override = ProcessInfo.processInfo.environment["MLPREDICT_PYTHON_PATH"], !override.isEmpty {
            return override
        }
        let checkout = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // InProcess
            .deletingLastPathComponent()  // Execution
            .deletingLastPathComponent()  // MLPredict
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
        let directory = checkout.appendingPathComponent("python/src").path
        let marker = directory + "/mlpredict/__init__.py"
        return FileManager.default.fileExists(atPath: marker) ? directory : nil
    }()
}
