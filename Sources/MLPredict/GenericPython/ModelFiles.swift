import Foundation

/// A `generic-python` model's files as its options name them, checked against the model roots but
/// not fetched: the model directory or package (`'model-directory-path'`, `'model-sha256'`),
/// Flink's `'python.archives'`, and the environment options whose paths are relative to the model
/// directory. ``resolve(model:)`` fetches and unpacks what is not local.
struct ModelFiles: Sendable, Hashable {
    /// The directory, archive or URL `'model-directory-path'` names.
    let source: PackageSource
    /// How the statement spells that option (`'model-directory-path'` or `'model'`).
    let optionKey: String
    /// Whether ``source`` is an archive or URL (else a directory).
    let isPackage: Bool
    /// `'model-sha256'`, lowercase.
    let sha256: String?
    /// `'python.archives'`, in the order given.
    let archives: [PythonArchive]
    /// `'python.requirements'` and `'python.files'` as given: checked against the package's
    /// directory once it is unpacked (a local directory's are checked when the model is created).
    let environmentOptions: [String: String]
    let cache: ModelPackageCache
    let roots: ModelRoots

    /// One `'python.archives'` entry: `archive.zip#target`.
    struct PythonArchive: Sendable, Hashable {
        let source: PackageSource
        /// The directory name the model sees it under.
        let target: String
    }

    /// The files after fetching: the model directory, each archive's directory by target name, and
    /// the environment resolved against the directory.
    struct Resolved: Sendable, Hashable {
        let directory: String
        let archives: [String: String]
        let dependencies: PythonDependencies
    }

    /// Parses and checks the options: each path or URL must be allowed by `context`'s roots, a local
    /// one must exist, and a file must be an archive.
    init(_ context: ModelProviderContext) throws(MLPredictError) {
        let model = context.modelName
        let option =
            context.option(GenericPythonOptions.modelDirectoryPath, aliases: [GenericPythonOptions.model])
            ?? (GenericPythonOptions.modelDirectoryPath, "")
        optionKey = option.key
        cache = context.packageCache
        roots = context.modelRoots
        func invalid(_ key: String, _ message: String) -> MLPredictError {
            MLPredictError(.invalidOption, "model '\(model)': option '\(key)' \(message)", model: model)
        }
        let expected = "must name an existing directory, a .zip, .tar.gz (.tgz) or .tar archive, or a file:// or http(s):// URL"
        guard !option.value.isEmpty else { throw invalid(option.key, "\(expected), but it is empty") }
        switch PackageSource.parse(option.value, baseDirectory: context.baseDirectory) {
        case .success(let source): self.source = source
        case .failure(let failure): throw invalid(option.key, "\(expected), but '\(option.value)': \(failure.message)")
        }
        try source.check(roots, model: model, option: option.key)
        switch source.kind {
        case .missing:
            throw invalid(option.key, "\(expected), but '\(option.value)' (\(source)) does not exist")
        case .directory:
            isPackage = false
        case .file:
            isPackage = true
            if case .local(let path) = source, ArchiveFormat.of(URL(fileURLWithPath: path)) == nil {
                throw invalid(option.key, "\(expected), but '\(option.value)' (\(source)) is a file of none of these formats")
            }
        }
        if let text = context.options[GenericPythonOptions.modelSHA256] {
            let digest = text.trimmingWhitespace.lowercased()
            guard PackageStore.isDigest(digest) else {
                throw invalid(GenericPythonOptions.modelSHA256, "must be a SHA-256 as 64 hexadecimal digits, but is '\(text)'")
            }
            guard isPackage else {
                throw invalid(
                    GenericPythonOptions.modelSHA256,
                    "applies only when '\(option.key)' names an archive or URL, but '\(option.value)' is a directory")
            }
            sha256 = digest
        } else {
            sha256 = nil
        }
        archives = try Self.archives(context, roots: roots)
        environmentOptions = context.options.filter { GenericPythonOptions.environmentOptions.contains($0.key) }
    }

    /// `'python.archives'`: comma-separated `path-or-URL[#target]`; the target defaults to the
    /// archive's file name, as in Flink.
    private static func archives(_ context: ModelProviderContext, roots: ModelRoots) throws(MLPredictError) -> [PythonArchive] {
        let model = context.modelName
        let key = GenericPythonOptions.pythonArchives
        guard let value = context.options[key] else { return [] }
        func invalid(_ message: String) -> MLPredictError {
            MLPredictError(.invalidOption, "model '\(model)': option '\(key)' \(message)", model: model)
        }
        var archives: [PythonArchive] = []
        for entry in value.split(separator: ",").map(\.trimmingWhitespace) where !entry.isEmpty {
            let hash = entry.lastIndex(of: "#")
            let location = hash.map { String(entry[..<$0]) } ?? entry
            let source: PackageSource
            switch PackageSource.parse(location, baseDirectory: context.baseDirectory) {
            case .success(let parsed): source = parsed
            case .failure(let failure): throw invalid("names '\(location)': \(failure.message)")
            }
            let target =
                hash.map { String(entry[entry.index(after: $0)...]) }
                ?? (source.description as NSString).lastPathComponent
            guard !target.isEmpty, target != ".", target != "..", !target.contains("/"), !target.contains("\0") else {
                throw invalid(
                    "entry '\(entry)' needs a target directory name (one path component) after '#', such as "
                        + "'\(location)#data', but has '\(target)'")
            }
            guard !archives.contains(where: { $0.target == target }) else {
                throw invalid("names the target directory '\(target)' twice; give each archive its own '#name'")
            }
            try source.check(roots, model: model, option: key)
            switch source.kind {
            case .missing: throw invalid("names '\(location)' (\(source)), which does not exist")
            case .directory:
                throw invalid("names '\(location)' (\(source)), a directory; it takes .zip, .tar.gz (.tgz) or .tar archives")
            case .file:
                if case .local(let path) = source, ArchiveFormat.of(URL(fileURLWithPath: path)) == nil {
                    throw invalid("names '\(location)' (\(source)), which is not a .zip, .tar.gz (.tgz) or .tar archive")
                }
            }
            archives.append(PythonArchive(source: source, target: target))
        }
        return archives
    }

    /// Fetches and unpacks the package and the archives (each once into the cache; later loads reuse
    /// it). An archive holding a single top-level directory and nothing else is that directory.
    func resolve(model: String) throws(MLPredictError) -> Resolved {
        let store = PackageStore(cache: cache, roots: roots)
        var directory = source.description
        if isPackage {
            do {
                directory = Self.singleDirectory(in: try store.unpacked(source, sha256: sha256)).path
            } catch {
                if let (expected, found) = error.mismatch {
                    throw MLPredictError(
                        .modelPackageFailed,
                        "model '\(model)': option '\(GenericPythonOptions.modelSHA256)' expects the package '\(source)' to "
                            + "have SHA-256 \(expected), but its bytes have \(found); nothing was cached",
                        model: model)
                }
                throw Self.failure(model, optionKey, source, error)
            }
        }
        var resolvedArchives: [String: String] = [:]
        for archive in archives {
            do {
                resolvedArchives[archive.target] = try store.unpacked(archive.source, sha256: nil).path
            } catch {
                throw Self.failure(model, GenericPythonOptions.pythonArchives, archive.source, error)
            }
        }
        let dependencies =
            isPackage
            ? try GenericPythonOptions.pythonDependencies(environmentOptions, modelDirectory: directory, roots: roots, model: model)
            : nil
        return Resolved(directory: directory, archives: resolvedArchives, dependencies: dependencies ?? PythonDependencies())
    }

    /// A working directory holding one symbolic link per archive (`target -> its directory`), for
    /// worker processes, which start there so relative paths (`open('data/x.txt')`) work as in Flink.
    func workingDirectory(_ archives: [String: String], model: String) throws(MLPredictError) -> String {
        do {
            return try PackageStore(cache: cache, roots: roots).workingDirectory(links: archives).path
        } catch {
            throw MLPredictError(
                .modelPackageFailed,
                "model '\(model)': option '\(GenericPythonOptions.pythonArchives)': cannot make the workers' working "
                    + "directory: \(error.message)", model: model)
        }
    }

    /// `entry`'s only item when that is a directory (a tarball's `name-1.0/`), else `entry`.
    private static func singleDirectory(in entry: URL) -> URL {
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: entry.path), items.count == 1 else { return entry }
        let only = entry.appendingPathComponent(items[0], isDirectory: true)
        var status = stat()
        guard lstat(only.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return entry }
        return only
    }

    private static func failure(_ model: String, _ option: String, _ source: PackageSource, _ error: PackageFailure) -> MLPredictError {
        MLPredictError(
            .modelPackageFailed, "model '\(model)': option '\(option)' names '\(source)', which cannot be used: \(error.message)",
            model: model)
    }
}
