import Foundation
import Synchronization
import Testing

@testable import MLPredict

/// `'model-directory-path'` naming an archive or URL: fetched once into the package cache, checked
/// against `'model-sha256'`, unpacked safely, reused.
@Suite("model packages: archives, URLs, sha256, safe unpacking")
struct ModelPackageTests {
    @Test(arguments: ["zip", "tar.gz", "tar"])
    func archiveLoadsAndPredicts(format: String) throws {
        let scratch = try PackageScratch()
        let archive = try scratch.archive("packaged.\(format)", format: format)
        let registry = scratch.registry()
        #expect(try PackageFixtures.predict(registry, archive) == [PackageFixtures.greeting, nil, nil])
        let entries = try scratch.cacheEntries()
        #expect(entries == [try PackageFixtures.sha256(archive)])
        #expect(try scratch.cacheContents() == entries)  // nothing half-done left over
        // The model directory is the unpacked entry, inside the cache.
        let function = try #require(
            try registry.createProvider(context(archive)) as? GenericPythonModelProvider
        ).pythonPredictFunction as! GenericPythonPredictFunction
        #expect(function.modelDirectory == archive && !function.isResolved)
        let resolved = try function.resolved()
        #expect(resolved.modelDirectory == scratch.cache.appendingPathComponent(entries[0]).path)
    }

    @Test(arguments: ["zip", "tar.gz"])
    func aSingleTopLevelDirectoryIsTheModelDirectory(format: String) throws {
        let scratch = try PackageScratch()
        let archive = try scratch.archive("packaged-1.0.\(format)", format: format, top: "packaged-1.0")
        let registry = scratch.registry()
        #expect(try PackageFixtures.predict(registry, archive) == [PackageFixtures.greeting, nil, nil])
        let function = try #require(
            try registry.createProvider(context(archive)) as? GenericPythonModelProvider
        ).pythonPredictFunction as! GenericPythonPredictFunction
        #expect(try function.resolved().modelDirectory.hasSuffix("/packaged-1.0"))
    }

    @Test func aPackagesEnvironmentIsRelativeToItsUnpackedDirectory() throws {
        let scratch = try PackageScratch()
        let archive = try scratch.archive("packaged.zip", format: "zip", top: "packaged-1.0")
        let registry = scratch.registry()
        func function(_ options: [String: String]) throws -> GenericPythonPredictFunction {
            try #require(try registry.createProvider(context(archive, options)) as? GenericPythonModelProvider)
                .pythonPredictFunction as! GenericPythonPredictFunction
        }
        // Nothing is checked or resolved before the package is unpacked...
        let packaged = try function(["python.files": "greeting.py"])
        #expect(packaged.pythonDependencies.isEmpty)
        // ...then the paths are the package's own.
        let resolved = try packaged.resolved()
        #expect(resolved.pythonDependencies.files == [resolved.modelDirectory + "/greeting.py"])
        let missing = try #require(Fixtures.error { _ = try function(["python.files": "lib"]).resolved() })
        #expect(missing.code == .invalidOption)
        #expect(
            missing.message.hasPrefix("model 'packaged': option 'python.files' must list directories and ")
                && missing.message.hasSuffix("but 'lib' (\(resolved.modelDirectory)/lib) does not exist"))
        // The model runs with them, in a worker whose PYTHONPATH has the package's file.
        let row = try PackageFixtures.predict(
            registry, archive, options: ["python.files": "greeting.py", "execution-mode": "process", "workers": "1"])
        #expect(row == [PackageFixtures.greeting, nil, nil])
    }

    @Test func fileURLsNameArchivesAndDirectories() throws {
        let scratch = try PackageScratch()
        let archive = try scratch.archive("packaged.tgz", format: "tar.gz")
        let registry = scratch.registry()
        #expect(try PackageFixtures.predict(registry, "file://\(archive)") == [PackageFixtures.greeting, nil, nil])
        #expect(try PackageFixtures.predict(registry, "file://\(Fixtures.directory("packaged"))") == [PackageFixtures.greeting, nil, nil])
        #expect(try scratch.cacheEntries().count == 1)  // a directory is used where it is
    }

    @Test func httpPackageIsFetchedOnceAndReused() throws {
        let scratch = try PackageScratch()
        _ = try scratch.archive("packaged.zip", format: "zip")
        let server = try PackageServer(serving: scratch.directory.path)
        let url = server.url("packaged.zip")
        #expect(try PackageFixtures.predict(scratch.registry(), url) == [PackageFixtures.greeting, nil, nil])
        // A new registry (as a new process would have) finds the URL in the cache: no second GET.
        #expect(try PackageFixtures.predict(scratch.registry(), url) == [PackageFixtures.greeting, nil, nil])
        #expect(server.requests == ["GET /packaged.zip 200"])
        // With 'model-sha256' the entry is found by its digest, before any request.
        let sha = try PackageFixtures.sha256(scratch.path("packaged.zip"))
        #expect(
            try PackageFixtures.predict(scratch.registry(), server.url("packaged.zip?copy"), options: ["model-sha256": sha])
                == [PackageFixtures.greeting, nil, nil])
        #expect(server.requests == ["GET /packaged.zip 200"])
    }

    @Test func httpErrorsNameTheModelAndTheURL() throws {
        let scratch = try PackageScratch()
        let server = try PackageServer(serving: scratch.directory.path)
        let missing = server.url("missing.zip")
        let notFound = try #require(Fixtures.error { _ = try PackageFixtures.predict(scratch.registry(), missing) })
        #expect(notFound.code == .modelPackageFailed)
        #expect(notFound.message.contains("model 'packaged'") && notFound.message.contains("'\(missing)'"))
        #expect(notFound.message.contains("HTTP 404"))

        let refused = "http://127.0.0.1:\(PackageServer.closedPort())/packaged.zip"
        let error = try #require(Fixtures.error { _ = try PackageFixtures.predict(scratch.registry(), refused) })
        #expect(error.code == .modelPackageFailed)
        #expect(error.message.contains("model 'packaged'") && error.message.contains("'\(refused)'"))
        #expect(error.message.lowercased().contains("connection refused"), "\(error.message)")
        #expect(try scratch.cacheContents() == [])
    }

    @Test func sha256MatchLoadsAndMismatchCachesNothing() throws {
        let scratch = try PackageScratch()
        let archive = try scratch.archive("packaged.zip", format: "zip")
        let sha = try PackageFixtures.sha256(archive)
        let wrong = String(repeating: "ab", count: 32)
        let error = try #require(
            Fixtures.error { _ = try PackageFixtures.predict(scratch.registry(), archive, options: ["model-sha256": wrong.uppercased()]) })
        #expect(error.code == .modelPackageFailed)
        #expect(
            error.message
                == "model 'packaged': option 'model-sha256' expects the package '\(archive)' to have SHA-256 \(wrong), "
                + "but its bytes have \(sha); nothing was cached")
        #expect(try scratch.cacheContents() == [])
        // Hexadecimal in either case.
        #expect(
            try PackageFixtures.predict(scratch.registry(), archive, options: ["model-sha256": sha.uppercased()])
                == [PackageFixtures.greeting, nil, nil])
        #expect(try scratch.cacheEntries() == [sha])
    }

    @Test func badSha256AndShaOfADirectoryAreRefusedWhenCreated() throws {
        let scratch = try PackageScratch()
        let archive = try scratch.archive("packaged.zip", format: "zip")
        let short = try #require(
            Fixtures.error { _ = try scratch.registry().createProvider(context(archive, ["model-sha256": "abc"])) })
        #expect(short.code == .invalidOption)
        #expect(short.message.contains("option 'model-sha256' must be a SHA-256 as 64 hexadecimal digits, but is 'abc'"))
        let directory = try #require(
            Fixtures.error {
                _ = try scratch.registry().createProvider(
                    context(Fixtures.directory("packaged"), ["model-sha256": String(repeating: "0", count: 64)]))
            })
        #expect(directory.message.contains("applies only when 'model-directory-path' names an archive or URL"))
        let notAnArchive = try #require(
            Fixtures.error { _ = try scratch.registry().createProvider(context(Fixtures.directory("packaged") + "/greeting.txt")) })
        #expect(notAnArchive.code == .invalidOption)
        #expect(notAnArchive.message.contains("is a file of none of these formats"))
        let scheme = try #require(Fixtures.error { _ = try scratch.registry().createProvider(context("s3://bucket/m.zip")) })
        #expect(scheme.message.contains("'s3://' URLs are not supported"))
    }

    @Test(arguments: [
        ("dotdot", "entry '../evil.txt' escapes the package with '..'"),
        ("absolute", "entry '/tmp/evil.txt' has an absolute path"),
        ("symlink-out", "entry 'evil' is a symbolic link to '../../../etc', outside the package"),
        ("symlink-chain", "entry 'evil' is a symbolic link to 'd/here/..', which leads outside the package"),
        ("hardlink-out", "entry 'evil' is a hard link to '/etc/passwd', outside the package"),
        ("device", "entry 'evil' is a character device"),
        ("fifo", "entry 'evil' is a FIFO"),
        ("zip-dotdot", "entry '../evil.txt' escapes the package with '..'"),
        ("zip-symlink-out", "entry 'evil' is a symbolic link to '/etc', outside the package"),
        ("zip-crc", "entry 'evil.txt' is corrupt: its bytes have CRC-32"),
    ])
    func hostileArchivesAreRefusedNamingTheEntry(kind: String, message: String) throws {
        let scratch = try PackageScratch()
        let archive = try scratch.hostileArchive(kind)
        let error = try #require(Fixtures.error { _ = try PackageFixtures.predict(scratch.registry(), archive) })
        #expect(error.code == .modelPackageFailed)
        #expect(error.message.contains("model 'packaged': option 'model-directory-path' names '\(archive)'"))
        #expect(error.message.contains(message), "\(error.message)")
        #expect(try scratch.cacheContents() == [])
        #expect(!FileManager.default.fileExists(atPath: scratch.cache.deletingLastPathComponent().appendingPathComponent("evil.txt").path))
    }

    @Test func limitsBoundWhatAPackageUnpacksTo() throws {
        let scratch = try PackageScratch()
        let archive = try scratch.archive("packaged.tar.gz", format: "tar.gz")
        let bytes = try #require(
            Fixtures.error {
                _ = try PackageFixtures.predict(scratch.registry(limits: ModelPackageLimits(maximumUnpackedBytes: 100)), archive)
            })
        #expect(bytes.message.contains("unpacks to more than 100 bytes") || bytes.message.contains("inflates to more than 100 bytes"))
        let entries = try #require(
            Fixtures.error { _ = try PackageFixtures.predict(scratch.registry(limits: ModelPackageLimits(maximumEntries: 2)), archive) })
        #expect(entries.message.contains("has more than 2 entries"))
        #expect(try scratch.cacheContents() == [])
        // The process keeps working: the same archive loads with the default limits.
        #expect(try PackageFixtures.predict(scratch.registry(), archive) == [PackageFixtures.greeting, nil, nil])
    }

    @Test func downloadLimitStopsALargeDownload() throws {
        let scratch = try PackageScratch()
        _ = try scratch.archive("packaged.zip", format: "zip")
        let server = try PackageServer(serving: scratch.directory.path)
        let error = try #require(
            Fixtures.error {
                _ = try PackageFixtures.predict(
                    scratch.registry(limits: ModelPackageLimits(maximumDownloadBytes: 64)), server.url("packaged.zip"))
            })
        #expect(error.code == .modelPackageFailed)
        #expect(error.message.contains("more than") && error.message.contains("64"))
        #expect(try scratch.cacheContents() == [])
    }

    @Test(arguments: [
        ("truncated.tar.gz", "the gzip stream is truncated"),
        ("garbage.tar.gz", "the gzip stream is corrupt"),
        ("garbage.zip", "cannot read the zip archive"),
        ("truncated.tar", "the archive is truncated"),
    ])
    func corruptArchivesAreRefusedAndTheProcessKeepsWorking(name: String, message: String) throws {
        let scratch = try PackageScratch()
        let format = String(name.split(separator: ".", maxSplits: 1)[1])
        let whole = try scratch.archive("whole.\(format)", format: format)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let corrupt: Data =
            switch name {
            // A gzip header, then deflate blocks of the reserved type 3.
            case "garbage.tar.gz": Data([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]) + Data(repeating: 0xff, count: 600)
            case "garbage.zip": Data([0x50, 0x4b, 0x03, 0x04]) + Data(repeating: 0x5a, count: 600)
            default: bytes.prefix(bytes.count / 2)
            }
        let archive = scratch.path(name)
        try corrupt.write(to: URL(fileURLWithPath: archive))
        let error = try #require(Fixtures.error { _ = try PackageFixtures.predict(scratch.registry(), archive) })
        #expect(error.code == .modelPackageFailed)
        #expect(error.message.hasPrefix("model 'packaged': option 'model-directory-path' names '\(archive)', which cannot be used: "))
        #expect(error.message.contains(message), "\(error.message)")
        #expect(try scratch.cacheContents() == [])
        #expect(try PackageFixtures.predict(scratch.registry(), whole) == [PackageFixtures.greeting, nil, nil])
    }

    @Test func concurrentFirstLoadsFetchAndUnpackOnce() throws {
        let scratch = try PackageScratch()
        _ = try scratch.archive("packaged.tar.gz", format: "tar.gz")
        // The server answers late, so both loads start before either has the package.
        let server = try PackageServer(serving: scratch.directory.path, delay: 0.5)
        let url = server.url("packaged.tar.gz")
        // Two registries, as two processes have: each takes the source's lock on its own descriptor.
        let registries = [scratch.registry(), scratch.registry()]
        let results = Mutex<[Result<Row, MLPredictError>?]>([nil, nil])
        let finished = DispatchSemaphore(value: 0)
        for (index, registry) in registries.enumerated() {
            Thread {
                let result = Result { () throws(MLPredictError) -> Row in
                    let model = try registry.createModel(fromDDL: PackageFixtures.ddl(url))
                    defer { try? model.close() }
                    return try model.predict([""])[0]
                }
                results.withLock { $0[index] = result }
                finished.signal()
            }.start()
        }
        finished.wait()
        finished.wait()
        let rows = results.withLock { $0 }.map { try? $0?.get() }
        #expect(rows == [[PackageFixtures.greeting, nil, nil], [PackageFixtures.greeting, nil, nil]])
        #expect(server.requests == ["GET /packaged.tar.gz 200"])
        #expect(try scratch.cacheEntries().count == 1)
    }

    @Test func leftoversOfAnInterruptedUnpackAreNeverUsed() throws {
        let scratch = try PackageScratch()
        let archive = try scratch.archive("packaged.zip", format: "zip")
        // What a process killed while unpacking leaves: half a package and a download under
        // partial/ (named by the SHA-256 of the source), never under the package's digest.
        let key = try PackageFixtures.sha256(text: archive, in: scratch.path("key.txt"))
        let partial = scratch.cache.appendingPathComponent("partial")
        try FileManager.default.createDirectory(at: partial.appendingPathComponent("\(key).unpack"), withIntermediateDirectories: true)
        try Data("half".utf8).write(to: partial.appendingPathComponent("\(key).unpack/greeting.txt"))
        try Data("half".utf8).write(to: partial.appendingPathComponent("\(key).download"))
        #expect(try PackageFixtures.predict(scratch.registry(), archive) == [PackageFixtures.greeting, nil, nil])
        #expect(try scratch.cacheContents() == [try PackageFixtures.sha256(archive)])
    }

    private func context(_ source: String, _ options: [String: String] = [:]) -> ModelProviderContext {
        ModelProviderContext(
            modelName: "packaged", inputSchema: Schema([Column("text", .string)]),
            outputSchema: Schema([Column("greeting", .string), Column("by_path", .string), Column("relative", .string)]),
            options: [
                "provider": "generic-python", "model-directory-path": source,
                "python-predict-class": "packaged.PackagedPredictFunction",
            ].merging(options) { $1 },
            baseDirectory: FileManager.default.currentDirectoryPath)
    }
}
