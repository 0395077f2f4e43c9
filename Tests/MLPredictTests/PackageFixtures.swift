import Foundation
import MLPredict
import Testing

/// Model packages for the tests: archives of the `packaged` fixture model built by
/// `Fixtures/packages/make_archive.py` (with Debian's Python, the one scripts/setup installs), a
/// scratch directory and package cache per test, and a DDL for the `packaged` model.
struct PackageScratch: ~Copyable {
    let directory: URL
    /// This test's package cache (`ModelPackageCache.directory`).
    let cache: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-packages-\(UUID().uuidString)")
        cache = directory.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A registry whose packages go to this test's cache, allowing models from `roots`.
    func registry(roots: ModelRoots = .unrestricted, limits: ModelPackageLimits = ModelPackageLimits()) -> ModelRegistry {
        ModelRegistry(modelRoots: roots, packageCache: ModelPackageCache(directory: cache.path, limits: limits))
    }

    /// `name` in the scratch directory.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// An archive of the `packaged` fixture model: `format` is `zip`, `tar.gz` or `tar`; with `top`,
    /// every file is under that one directory.
    func archive(_ name: String, format: String, top: String? = nil) throws -> String {
        try PackageFixtures.python(["make_archive.py", path(name), format, Fixtures.directory("packaged")] + (top.map { ["--top", $0] } ?? []))
        return path(name)
    }

    /// A `.tar.gz` (or `.zip` for `zip-` kinds) holding one hostile entry of `kind`.
    func hostileArchive(_ kind: String) throws -> String {
        let name = "\(kind).\(kind.hasPrefix("zip-") ? "zip" : "tar.gz")"
        try PackageFixtures.python(["make_archive.py", path(name), "tar.gz", "--hostile", kind])
        return path(name)
    }

    /// A `.zip` holding `data.txt` with `text`, for `'python.archives'`.
    func dataArchive(_ name: String, text: String) throws -> String {
        let source = directory.appendingPathComponent("\(name).source")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: source.appendingPathComponent("data.txt"))
        try PackageFixtures.python(["make_archive.py", path(name), "zip", source.path])
        return path(name)
    }

    /// What the cache holds besides its locks: unpacked entries, downloads, partial work.
    func cacheContents() throws -> [String] {
        guard FileManager.default.fileExists(atPath: cache.path) else { return [] }
        let top = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0 != "locks" && $0 != "partial" }
        let partial = cache.appendingPathComponent("partial").path
        let inProgress = (try? FileManager.default.contentsOfDirectory(atPath: partial)) ?? []
        return (top + inProgress.map { "partial/\($0)" }).sorted()
    }

    /// The unpacked entries (named by their SHA-256) in the cache.
    func cacheEntries() throws -> [String] {
        try cacheContents().filter { $0.count == 64 }
    }
}

enum PackageFixtures {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/packages")

    /// A `CREATE MODEL` for the `packaged` model at `source` (a path or URL), with more options.
    static func ddl(_ source: String, name: String = "packaged", options: [String: String] = [:]) -> String {
        let extra = options.sorted { $0.key < $1.key }.map { ", '\($0.key)' = '\($0.value)'" }.joined()
        return """
            CREATE MODEL \(name) INPUT (text STRING) OUTPUT (greeting STRING, by_path STRING, relative STRING)
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(source)',
                  'python-predict-class' = 'packaged.PackagedPredictFunction'\(extra))
            """
    }

    /// Loads the `packaged` model from `source` with `registry`, predicts `text` and closes it.
    static func predict(_ registry: ModelRegistry, _ source: String, text: String = "", options: [String: String] = [:]) throws -> Row {
        let model = try registry.createModel(fromDDL: ddl(source, options: options))
        defer { try? model.close() }
        let rows = try model.predict([.string(text)])
        return try #require(rows.first)
    }

    /// The greeting the `packaged` model reads from its own directory.
    static let greeting: Value = "hello from the package"

    /// Runs a script of `Fixtures/packages` with Debian's Python; fails the test if it fails.
    static func python(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [scripts.appendingPathComponent(arguments[0]).path] + arguments.dropFirst()
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(arguments) failed")
    }

    /// The SHA-256 of `text`'s UTF-8 bytes, written to the scratch file `file` first.
    static func sha256(text: String, in file: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return try sha256(file)
    }

    /// The SHA-256 of a file, lowercase hex, by `sha256sum`.
    static func sha256(_ path: String) throws -> String {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}

/// `Fixtures/packages/serve.py`: an HTTP server on 127.0.0.1 serving a directory, with its request log.
final class PackageServer {
    let port: Int
    private let process: Process
    private let log: URL

    /// Serves `directory`; with `delay`, every answer waits that long (so concurrent loads overlap).
    init(serving directory: String, delay: Double? = nil) throws {
        log = URL(fileURLWithPath: directory).appendingPathComponent("requests-\(UUID().uuidString).log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [PackageFixtures.scripts.appendingPathComponent("serve.py").path, directory] + (delay.map { ["--delay", "\($0)"] } ?? [])
        process.standardOutput = try FileHandle(forWritingTo: log)
        try process.run()
        var port: Int?
        for _ in 0..<500 where port == nil {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").first.flatMap { $0.hasPrefix("port ") ? Int($0.dropFirst(5)) : nil }
            if port == nil { usleep(20_000) }
        }
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw MLPredictError(.invalidArgument, "serve.py did not start")
        }
        self.port = port
    }

    deinit {
        // SIGKILL: the server inherits the spawning thread's signal mask, where SIGTERM may be blocked.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }

    /// `http://127.0.0.1:PORT/name`.
    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }

    /// The requests served so far, as `GET /path STATUS`.
    var requests: [String] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().map(String.init)
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, then closed).
    static func closedPort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length)
                return getsockname(socket, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
