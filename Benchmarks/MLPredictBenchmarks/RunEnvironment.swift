import Foundation
import MLPredictPython

/// What the numbers depend on: the embedded Python's version and the processors available.
struct RunEnvironment {
    let pythonVersion: String
    /// The processors this process may use (`ProcessInfo.activeProcessorCount`: the CPU affinity
    /// mask, as `nproc` counts it, capped by a cgroup CPU quota if there is one).
    let processors: Int

    static func current() throws -> RunEnvironment {
        let version = try Interpreter.withGIL { gil throws(PythonError) in
            try Interpreter.importModule("platform", gil).attribute("python_version", gil).call(gil).string(gil)
        }
        return RunEnvironment(pythonVersion: version, processors: ProcessInfo.processInfo.activeProcessorCount)
    }
}
