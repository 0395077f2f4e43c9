import Foundation
import Testing

@testable import MLPredict

/// The allow-list of model roots: a `CREATE MODEL` runs code, so with roots set, paths and URLs
/// outside them are refused when the model is created and when it loads.
@Suite("model roots: where models may come from")
struct ModelTrustTests {
    /// A scratch root holding a copy of the `packaged` model, and an outside copy.
    private func roots(_ scratch: borrowing PackageScratch) throws -> (root: String, inside: String, outside: String) {
        let root = scratch.path("root")
        let outside = scratch.path("outside/packaged")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.path("outside"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.directory("packaged"), toPath: root + "/packaged")
        try FileManager.default.copyItem(atPath: Fixtures.directory("packaged"), toPath: outside)
        return (root, root + "/packaged", outside)
    }

    @Test func insideIsAllowedOutsideIsRefused() throws {
        let scratch = try PackageScratch()
        let (root, inside, outside) = try roots(scratch)
        let registry = scratch.registry(roots: try ModelRoots([root]))
        #expect(try PackageFixtures.predict(registry, inside) == [PackageFixtures.greeting, nil, nil])
        let error = try #require(Fixtures.error { _ = try PackageFixtures.predict(registry, outside) })
        #expect(error.code == .modelNotAllowed)
        #expect(
            error.message
                == "model 'packaged': option 'model-directory-path' names '\(outside)', which is outside the allowed "
                + "model roots (\(root)); models may come only from inside them")
    }

    @Test func environmentPathsOutsideTheModelAndTheRootsAreRefused() throws {
        let scratch = try PackageScratch()
        let (root, inside, outside) = try roots(scratch)
        let registry = scratch.registry(roots: try ModelRoots([root]))
        // Inside the model directory, or elsewhere inside a root: allowed.
        for files in ["greeting.py", "\(root)/packaged/greeting.py"] {
            #expect(throws: Never.self) { _ = try registry.createProvider(context(inside, ["python.files": files])) }
        }
        for (key, value) in [("python.files", "\(outside)/greeting.py"), ("python.requirements", "../../outside/packaged/greeting.txt")] {
            let error = try #require(Fixtures.error { _ = try registry.createProvider(context(inside, [key: value])) })
            #expect(error.code == .modelNotAllowed, "\(key) = \(value)")
            #expect(error.message.contains("option '\(key)' names '\(outside)/greeting."), "\(error.message)")
        }
        // A package's are checked once it is unpacked, against the same roots.
        let archive = try scratch.archive("root/packaged.zip", format: "zip")
        let provider = try #require(
            try registry.createProvider(context(archive, ["python.files": "\(outside)/greeting.py"])) as? GenericPythonModelProvider)
        let function = provider.pythonPredictFunction as! GenericPythonPredictFunction
        #expect(Fixtures.error { _ = try function.resolved() }?.code == .modelNotAllowed)
    }

    @Test func dotDotAndSymlinksDoNotEscapeARoot() throws {
        let scratch = try PackageScratch()
        let (root, _, outside) = try roots(scratch)
        let registry = scratch.registry(roots: try ModelRoots([root]))
        let dotDot = "\(root)/../outside/packaged"
        #expect(Fixtures.error { _ = try PackageFixtures.predict(registry, dotDot) }?.code == .modelNotAllowed)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: outside)
        let link = try #require(Fixtures.error { _ = try PackageFixtures.predict(registry, root + "/link") })
        #expect(link.code == .modelNotAllowed)
        #expect(link.message.contains("'\(root)/link' (\(PhysicalPath.resolve(outside)!))"))
        // A relative path is resolved against the base directory before the check.
        let relative = try #require(
            Fixtures.error {
                _ = try registry.createModel(fromDDL: PackageFixtures.ddl("../outside/packaged"), relativeTo: root)
            })
        #expect(relative.code == .modelNotAllowed)
    }

    @Test func archivesAndPythonArchivesAreChecked() throws {
        let scratch = try PackageScratch()
        let (root, inside, _) = try roots(scratch)
        let archive = try scratch.archive("packaged.zip", format: "zip")  // outside the root
        let data = try scratch.dataArchive("data.zip", text: "archive data")
        let registry = scratch.registry(roots: try ModelRoots([root]))
        #expect(Fixtures.error { _ = try PackageFixtures.predict(registry, archive) }?.code == .modelNotAllowed)
        let archives = try #require(
            Fixtures.error { _ = try PackageFixtures.predict(registry, inside, options: ["python.archives": "\(data)#data"]) })
        #expect(archives.code == .modelNotAllowed)
        #expect(archives.message.contains("option 'python.archives' names '\(data)'"))
        let executable = try #require(
            Fixtures.error {
                _ = try PackageFixtures.predict(
                    registry, inside, options: ["execution-mode": "process", "python.executable": "/usr/bin/python3"])
            })
        #expect(executable.code == .modelNotAllowed)
        #expect(try scratch.cacheContents() == [])
    }

    @Test func urlRootsMatchWholeSegmentsOfTheSameOrigin() throws {
        let scratch = try PackageScratch()
        let registry = scratch.registry(roots: try ModelRoots(["https://models.example.com/team/"]))
        func refused(_ url: String) -> Bool {
            Fixtures.error { _ = try registry.createProvider(context(url)) }?.code == .modelNotAllowed
        }
        // Allowed URLs are only checked here (createProvider fetches nothing).
        #expect(!refused("https://models.example.com/team/m.zip"))
        #expect(!refused("https://MODELS.example.com:443/team/sub/m.tar.gz"))
        #expect(refused("https://models.example.com/team-evil/m.zip"))
        #expect(refused("https://models.example.com/team/../other/m.zip"))
        #expect(refused("https://models.example.com.evil.org/team/m.zip"))
        #expect(refused("https://models.example.com@evil.org/team/m.zip"))
        #expect(refused("http://models.example.com/team/m.zip"))
        #expect(refused("https://models.example.com:8443/team/m.zip"))
        #expect(refused(Fixtures.directory("packaged")))
    }

    @Test func redirectsMustStayInsideTheRoots() throws {
        let scratch = try PackageScratch()
        _ = try scratch.archive("packaged.zip", format: "zip")
        let server = try PackageServer(serving: scratch.directory.path)
        let target = server.url("packaged.zip")
        let redirect = server.url("redirect?to=\(target)")
        // Only the redirecting path is a root: the URL it leads to is refused before it is requested.
        let narrow = scratch.registry(roots: try ModelRoots([server.url("redirect")]))
        let error = try #require(Fixtures.error { _ = try PackageFixtures.predict(narrow, redirect) })
        #expect(error.code == .modelPackageFailed)
        #expect(error.message.contains("it redirects to \(target), which is outside the allowed model roots"), "\(error.message)")
        #expect(server.requests == ["GET /redirect?to=\(target) 302"])
        #expect(try scratch.cacheContents() == [])
        // With the whole server allowed the redirect is followed.
        let wide = scratch.registry(roots: try ModelRoots([server.url("")]))
        #expect(try PackageFixtures.predict(wide, redirect) == [PackageFixtures.greeting, nil, nil])
        #expect(server.requests.last == "GET /packaged.zip 200")
    }

    @Test func sessionsRefuseAtCreateAndAtLoad() throws {
        let scratch = try PackageScratch()
        let (root, inside, outside) = try roots(scratch)
        let registry = scratch.registry(roots: try ModelRoots([root]))
        let session = Session(registry: registry)
        #expect(Fixtures.error { _ = try session.execute(PackageFixtures.ddl(outside)) }?.code == .modelNotAllowed)
        #expect(try session.execute("SHOW MODELS").rows.isEmpty)
        // Created while allowed, then the roots shrink: loading refuses it.
        try session.execute(PackageFixtures.ddl(inside))
        registry.modelRoots = try ModelRoots([scratch.path("elsewhere")])
        session.registerTable("t", Table(schema: Schema([Column("text", .string)]), rows: [[""]]))
        let load = try #require(
            Fixtures.error { _ = try session.execute("SELECT * FROM ML_PREDICT(TABLE t, MODEL packaged, DESCRIPTOR(text))") })
        #expect(load.code == .modelNotAllowed)
    }

    @Test func environmentVariableParsing() throws {
        #expect(!ModelRoots.environment([:]).isRestricted)
        #expect(!ModelRoots.environment(["MLPREDICT_MODEL_ROOTS": "  "]).isRestricted)
        let roots = ModelRoots.environment([
            "MLPREDICT_MODEL_ROOTS": "/srv/models:https://models.example.com:8443/team/::file:///opt/models/:http://h/x"
        ])
        #expect(roots.isRestricted)
        #expect(
            roots.entries == ["/srv/models", "https://models.example.com:8443/team/", "/opt/models", "http://h/x"])
        let invalid = ModelRoots.environment(["MLPREDICT_MODEL_ROOTS": "/srv/models:relative/dir"])
        let registry = ModelRegistry(modelRoots: invalid)
        let error = try #require(
            Fixtures.error { _ = try registry.createProvider(context(Fixtures.directory("packaged"))) })
        #expect(error.code == .modelNotAllowed)
        #expect(
            error.message
                == "model 'packaged' is refused: MLPREDICT_MODEL_ROOTS entry 'relative/dir' must be an absolute "
                + "directory, a file:// URL or an http(s):// URL prefix")
        #expect(throws: MLPredictError.self) { try ModelRoots(["ftp://x/"]) }
        #expect(try ModelRoots([]).description == "none (nothing is allowed)")
    }

    private func context(_ source: String, _ options: [String: String] = [:]) -> ModelProviderContext {
        ModelProviderContext(
            modelName: "packaged", inputSchema: Schema([Column("text", .string)]),
            outputSchema: Schema([Column("greeting", .string)]),
            options: [
                "provider": "generic-python", "model-directory-path": source,
                "python-predict-class": "packaged.PackagedPredictFunction",
            ].merging(options) { $1 },
            baseDirectory: FileManager.default.currentDirectoryPath)
    }
}

/// Flink's `'python.archives'`: each archive unpacked once and given to the model by name.
@Suite("python.archives")
struct PythonArchivesTests {
    @Test func inProcessModelsGetTheUnpackedPaths() throws {
        let scratch = try PackageScratch()
        let data = try scratch.dataArchive("data.zip", text: "archive data")
        let registry = scratch.registry()
        let options = ["python.archives": "\(data)#data"]
        // In-process the current directory is the host's: only the absolute path works.
        #expect(try PackageFixtures.predict(registry, Fixtures.directory("packaged"), text: "data", options: options)
            == [PackageFixtures.greeting, "archive data", nil])
        // Without '#name' the target is the archive's file name, as in Flink.
        #expect(
            try PackageFixtures.predict(
                registry, Fixtures.directory("packaged"), text: "data.zip", options: ["python.archives": data])
                == [PackageFixtures.greeting, "archive data", nil])
    }

    @Test func workersStartInADirectoryHoldingTheArchives() throws {
        let scratch = try PackageScratch()
        let data = try scratch.dataArchive("data.zip", text: "archive data")
        let other = try scratch.dataArchive("other.zip", text: "other data")
        let archive = try scratch.archive("packaged.tar.gz", format: "tar.gz")
        let options = ["execution-mode": "process", "python.archives": "\(data)#data, \(other)"]
        let registry = scratch.registry()
        #expect(try PackageFixtures.predict(registry, archive, text: "data", options: options)
            == [PackageFixtures.greeting, "archive data", "archive data"])
        #expect(try PackageFixtures.predict(registry, archive, text: "other.zip", options: options)
            == [PackageFixtures.greeting, "other data", "other data"])
    }

    @Test func badEntriesAreRefusedWhenCreated() throws {
        let scratch = try PackageScratch()
        let data = try scratch.dataArchive("data.zip", text: "archive data")
        func error(_ value: String) -> MLPredictError? {
            Fixtures.error {
                _ = try scratch.registry().createModel(
                    fromDDL: PackageFixtures.ddl(Fixtures.directory("packaged"), options: ["python.archives": value]))
            }
        }
        #expect(error("\(data)#a/b")?.message.contains("needs a target directory name (one path component)") == true)
        #expect(error("\(data)#..")?.message.contains("needs a target directory name") == true)
        #expect(error("\(data)#x, \(data)#x")?.message.contains("names the target directory 'x' twice") == true)
        #expect(error(scratch.path("missing.zip"))?.message.contains("which does not exist") == true)
        #expect(error(Fixtures.directory("packaged"))?.message.contains("a directory; it takes .zip") == true)
    }
}
