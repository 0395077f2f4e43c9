import Crypto
import Foundation
import Logging

/// A virtual environment with a `'python.requirements'` file installed, in the cache's
/// `environments` folder: built by the first load that needs it, in any process, and reused by
/// every later one without running pip.
///
/// Keyed by SHA-256 (swift-crypto; Foundation has no hash on Linux) of the interpreter's
/// identity, the requirements cache directory (its path and file names) and the requirements
/// file's bytes. `environments/<key>` is a symbolic link to the directory the environment was
/// built in, `<key>.<id>`: a venv names its own path (scripts' `#!` lines, `bin/activate`), so it
/// is built where it stays and published by renaming a new link into place (atomic), only after
/// pip succeeded and the manifest was written. A build killed halfway leaves a `<key>.<id>` that no
/// link names: never used, and removed by the next build of that key. Builds of one key take
/// turns through `<key>.lock` (``FileLock``), so a second process waits and then reuses the first's.
struct VirtualEnvironment: Sendable {
    /// The environment's directory (a real path).
    let directory: String
    /// Its `bin/python`.
    var python: String { directory + "/bin/python" }
    /// Its `lib/pythonX.Y/site-packages`.
    let sitePackages: String
    /// The `*.dist-info` directories `venv` put in site-packages before the requirements were
    /// installed (pip, setuptools) and that are still there: left out of the conflict check.
    let seed: [String]

    /// What the environment records about itself (`mlpredict-environment.json`); written last.
    struct Manifest: Codable {
        var requirements: String
        var interpreter: String
        var version: String
        var seed: [String]
    }

    static let manifestName = "mlpredict-environment.json"
    private static let logger = Logger(label: "mlpredict.environment")

    /// The environment for `requirements` (and `cacheDirectory`) under `interpreter`, built unless
    /// the cache has it. Blocks while it builds (creating it and running pip take seconds to
    /// minutes), and while another process builds the same one.
    static func prepare(
        requirements file: String, cacheDirectory: String?, interpreter: InterpreterIdentity, model: String
    ) throws(MLPredictError) -> VirtualEnvironment {
        let failure = Failure(model: model, file: file, interpreter: interpreter)
        let key = try Self.key(requirements: file, cacheDirectory: cacheDirectory, interpreter: interpreter, failure)
        let root: URL
        do {
            root = try CacheDirectory.folder("environments")
        } catch {
            throw failure("cannot create the cache directory \(CacheDirectory.root.path) (MLPREDICT_CACHE): \(error)")
        }
        let link = root.appendingPathComponent(key)
        if let ready = published(link, interpreter) { return ready }
        do {
            return try FileLock.withLock(at: root.appendingPathComponent(key + ".lock")) { () throws -> VirtualEnvironment in
                if let ready = published(link, interpreter) { return ready }
                removeStaleBuilds(key, in: root)
                return try build(key, in: root, file: file, cacheDirectory: cacheDirectory, interpreter, failure)
            }
        } catch let error as MLPredictError {
            throw error
        } catch {
            throw failure("cannot lock \(root.appendingPathComponent(key + ".lock").path): \(error)")
        }
    }

    /// The environment `link` names, if it is published and complete.
    private static func published(_ link: URL, _ interpreter: InterpreterIdentity) -> VirtualEnvironment? {
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != nil else { return nil }
        let directory = link.resolvingSymlinksInPath().path
        guard let data = FileManager.default.contents(atPath: directory + "/" + manifestName),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return nil }
        return VirtualEnvironment(
            directory: directory, sitePackages: sitePackages(of: directory, interpreter), seed: manifest.seed)
    }

    private static func build(
        _ key: String, in root: URL, file: String, cacheDirectory: String?, _ interpreter: InterpreterIdentity,
        _ failure: Failure
    ) throws(MLPredictError) -> VirtualEnvironment {
        let name = key + "." + String(UInt32.random(in: .min ... .max), radix: 16)
        let directory = root.appendingPathComponent(name).path
        let log = root.appendingPathComponent(name + ".log")
        defer { try? FileManager.default.removeItem(at: log) }
        logger.info(
            "building the Python environment of model '\(failure.model)' for \(file) in \(directory)",
            metadata: ["model": "\(failure.model)"])
        var published = false
        defer { if !published { try? FileManager.default.removeItem(atPath: directory) } }

        try run(interpreter.executable, ["-m", "venv", directory], log, failure) {
            "could not create a virtual environment with \(interpreter.description)"
        }
        let sitePackages = sitePackages(of: directory, interpreter)
        let seeded = Set(distributions(in: sitePackages))
        var install = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "-r", file]
        if let cacheDirectory { install += ["--no-index", "--find-links", cacheDirectory] }
        // From the file's directory, so relative paths in it mean what they mean to `pip install -r`.
        try run(directory + "/bin/python", install, log, failure, in: URL(fileURLWithPath: file).deletingLastPathComponent().path) {
            "pip could not install the requirements"
        }
        let seed = distributions(in: sitePackages).filter(seeded.contains)
        do {
            let manifest = Manifest(requirements: file, interpreter: interpreter.executable, version: interpreter.version, seed: seed)
            try JSONEncoder().encode(manifest).write(to: URL(fileURLWithPath: directory + "/" + manifestName))
            let temporaryLink = root.appendingPathComponent(name + ".link")
            try FileManager.default.createSymbolicLink(atPath: temporaryLink.path, withDestinationPath: name)
            guard rename(temporaryLink.path, root.appendingPathComponent(key).path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporaryLink.path])
            }
        } catch {
            throw failure("cannot publish the environment built in \(directory): \(error)")
        }
        published = true
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        return VirtualEnvironment(directory: real, sitePackages: Self.sitePackages(of: real, interpreter), seed: seed)
    }

    /// Runs one build step; a failure is an error with the step's output.
    private static func run(
        _ executable: String, _ arguments: [String], _ log: URL, _ failure: Failure, in directory: String? = nil,
        _ what: () -> String
    ) throws(MLPredictError) {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(
                executable, arguments, environment: ChildProcess.pythonEnvironment(), directory: directory, log: log)
        } catch {
            throw failure("\(what()): cannot run \(executable): \(error)")
        }
        guard outcome.succeeded else {
            throw failure("\(what()) (\(outcome.description)); its output ends with:\n\(ChildProcess.tail(of: log))")
        }
    }

    /// Removes what killed builds of `key` left (build directories no link names, temporary
    /// links). Called holding the key's lock, so no build of it is running. Best effort: a
    /// directory still being written by a killed build's orphaned pip may resist.
    private static func removeStaleBuilds(_ key: String, in root: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names where name.hasPrefix(key + ".") && name != key + ".lock" {
            let stale = root.appendingPathComponent(name)
            let moved = root.appendingPathComponent(".stale-" + UUID().uuidString)
            if (try? FileManager.default.moveItem(at: stale, to: moved)) != nil {
                try? FileManager.default.removeItem(at: moved)
            }
        }
    }

    private static func sitePackages(of directory: String, _ interpreter: InterpreterIdentity) -> String {
        "\(directory)/lib/python\(interpreter.minorVersion)/site-packages"
    }

    /// The names of the `*.dist-info` directories in `sitePackages`, sorted.
    private static func distributions(in sitePackages: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sitePackages)) ?? []).filter { $0.hasSuffix(".dist-info") }
            .sorted()
    }

    /// The cache key: SHA-256 of what decides the environment's contents, in hex (128 bits kept).
    private static func key(
        requirements file: String, cacheDirectory: String?, interpreter: InterpreterIdentity, _ failure: Failure
    ) throws(MLPredictError) -> String {
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw failure("cannot read the requirements file")
        }
        var hash = SHA256()
        hash.update(data: Data("mlpredict environment 1\n\(interpreter.executable)\n\(interpreter.version)\n".utf8))
        if let cacheDirectory {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory)) ?? []).sorted()
            hash.update(data: Data("find-links \(cacheDirectory)\n\(files.joined(separator: "\n"))\n".utf8))
        }
        hash.update(data: bytes)
        return hash.finalize().prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Makes the errors of one preparation: they name the model, the option, the file and the interpreter.
    struct Failure {
        let model: String
        let file: String
        let interpreter: InterpreterIdentity

        func callAsFunction(_ what: String) -> MLPredictError {
            MLPredictError(
                .pythonEnvironment,
                "model '\(model)': option 'python.requirements' (\(file)): building its environment for "
                    + "\(interpreter.description) failed: \(what)",
                model: model)
        }
    }
}
