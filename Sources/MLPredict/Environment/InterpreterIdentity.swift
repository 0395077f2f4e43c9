import Foundation
import Synchronization

/// The Python a model's environment is made from, and keyed by: the real path of its base
/// executable (the interpreter itself, or the one a virtual environment was made from) and its
/// version. `mlpredict._environments.interpreter_identity` computes it, in the embedded
/// interpreter for in-process models and in `'python.executable'` for process-mode ones.
struct InterpreterIdentity: Sendable, Hashable {
    /// The real path of the interpreter, such as `/usr/bin/python3.11`.
    var executable: String
    /// Its full version, such as `3.11.2`.
    var version: String

    /// `major.minor`, as in an environment's `lib/python3.11`.
    var minorVersion: String { version.split(separator: ".").prefix(2).joined(separator: ".") }

    /// `/usr/bin/python3.11 (3.11.2)`.
    var description: String { "\(executable) (\(version))" }

    private static let asked = Mutex<[String: InterpreterIdentity]>([:])

    /// The identity of the Python `executable` runs, asked once per path
    /// (`executable -m mlpredict._environments`).
    static func of(executable: String, model: String) throws(MLPredictError) -> InterpreterIdentity {
        if let known = asked.withLock({ $0[executable] }) { return known }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-python-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var extra: [String: String] = [:]
        if let package = PythonPackageLocation.sourceDirectory { extra["PYTHONPATH"] = package }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(
                executable, ["-m", "mlpredict._environments"], environment: ChildProcess.pythonEnvironment(extra),
                log: scratch)
        } catch {
            throw MLPredictError(
                .pythonEnvironment, "model '\(model)': cannot run the Python '\(executable)' to build its environment: \(error)",
                model: model)
        }
        let output = (try? String(contentsOf: scratch, encoding: .utf8)) ?? ""
        guard outcome.succeeded, let line = output.split(whereSeparator: \.isNewline).last,
            let fields = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
            let path = fields["executable"], let version = fields["version"]
        else {
            throw MLPredictError(
                .pythonEnvironment,
                "model '\(model)': the Python '\(executable)' could not say which interpreter it is "
                    + "(\(outcome.description)); its output ends with:\n\(ChildProcess.tail(of: scratch))",
                model: model)
        }
        let identity = InterpreterIdentity(executable: path, version: version)
        asked.withLock { $0[executable] = identity }
        return identity
    }
}
