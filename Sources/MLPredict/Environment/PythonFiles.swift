import Crypto
import Foundation

/// The `sys.path` entries of `'python.files'`, made as Flink's Python environment manager makes
/// them: a directory, `.whl` or `.egg` file is the entry itself; a `.py` file gets a directory of
/// its own holding a link to it, so that only this module becomes importable, not its neighbours;
/// a `.zip` file is extracted (not every zip is importable as it is) with Python's `zipfile`,
/// which keeps members inside the target. Those directories are made once, in the cache's `files`
/// folder, keyed by SHA-256 of the `.py` file's path or of the `.zip` file's bytes, and published
/// by an atomic rename.
enum PythonFiles {
    /// The suffixes of the files `'python.files'` accepts besides directories.
    static let fileSuffixes = [".py", ".zip", ".whl", ".egg"]

    /// The entries for `files` (absolute paths, checked when the model was created), in order.
    /// `python` extracts zip files.
    static func entries(_ files: [String], python: String, model: String) throws(MLPredictError) -> [String] {
        var entries: [String] = []
        for file in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
                throw MLPredictError(
                    .pythonEnvironment, "model '\(model)': option 'python.files': \(file) does not exist (any more)",
                    model: model)
            }
            if isDirectory.boolValue || file.hasSuffix(".whl") || file.hasSuffix(".egg") {
                entries.append(file)
            } else if file.hasSuffix(".py") {
                entries.append(try prepared("py", identity: Data(file.utf8), file, model) { directory throws in
                    let name = URL(fileURLWithPath: file).lastPathComponent
                    try FileManager.default.createSymbolicLink(atPath: directory + "/" + name, withDestinationPath: file)
                })
            } else {
                guard let bytes = FileManager.default.contents(atPath: file) else {
                    throw MLPredictError(
                        .pythonEnvironment, "model '\(model)': option 'python.files': cannot read \(file)", model: model)
                }
                entries.append(try prepared("zip", identity: bytes, file, model) { directory throws in
                    try extract(file, into: directory, python: python)
                })
            }
        }
        return entries
    }

    /// `files/<key>`, made by `make` in a directory of its own unless it exists.
    private static func prepared(
        _ kind: String, identity: Data, _ file: String, _ model: String, _ make: (String) throws -> Void
    ) throws(MLPredictError) -> String {
        var hash = SHA256()
        hash.update(data: Data("mlpredict \(kind) 1\n".utf8))
        hash.update(data: identity)
        let key = hash.finalize().prefix(16).map { String(format: "%02x", $0) }.joined()
        do {
            let root = try CacheDirectory.folder("files")
            let target = root.appendingPathComponent(key).path
            if FileManager.default.fileExists(atPath: target) { return target }
            let building = root.appendingPathComponent(key + "." + UUID().uuidString).path
            try FileManager.default.createDirectory(atPath: building, withIntermediateDirectories: false)
            defer { try? FileManager.default.removeItem(atPath: building) }
            try make(building)
            // Another process may have published it meanwhile: then its copy is used and ours dropped.
            if rename(building, target) != 0, !FileManager.default.fileExists(atPath: target) {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
            return target
        } catch {
            throw MLPredictError(
                .pythonEnvironment, "model '\(model)': option 'python.files': cannot prepare \(file): \(error)",
                model: model)
        }
    }

    /// `python -m zipfile -e file directory`.
    private static func extract(_ file: String, into directory: String, python: String) throws {
        let log = URL(fileURLWithPath: directory + ".log")
        defer { try? FileManager.default.removeItem(at: log) }
        let outcome = try ChildProcess.run(
            python, ["-m", "zipfile", "-e", file, directory], environment: ChildProcess.pythonEnvironment(), log: log)
        guard outcome.succeeded else {
            throw ExtractionError(description: "extracting it failed (\(outcome.description)): \(ChildProcess.tail(of: log))")
        }
    }

    private struct ExtractionError: Error, CustomStringConvertible {
        var description: String
    }
}
