import Foundation

/// The places models may come from: an allow-list of directories and URL prefixes.
///
/// A `CREATE MODEL` runs the code it names, so whoever can write a model definition (a shared
/// SQLite catalog, a `.sql` file) can run code in the host. With roots set, a model directory, an
/// archive, a `'python.archives'` entry, a `'python.executable'` and a URL outside them are refused
/// when the model is created and again when it loads. Paths are compared after resolving symlinks
/// and `..`, so neither `root/../elsewhere` nor a symlink inside a root escapes it; URLs are
/// compared by scheme, host, port and whole path segments.
///
/// ``environment`` reads `MLPREDICT_MODEL_ROOTS` (colon-separated, like `PATH`); ``unrestricted``
/// allows everything (today's behaviour when the variable is unset).
public struct ModelRoots: Sendable, Hashable, CustomStringConvertible {
    enum Root: Sendable, Hashable {
        /// An absolute directory, as given (resolved when compared).
        case directory(String)
        /// An `http(s)` URL prefix, normalized.
        case url(RemoteLocation)
    }

    enum Storage: Sendable, Hashable {
        case unrestricted
        case restricted([Root])
        /// A malformed `MLPREDICT_MODEL_ROOTS`: every model is refused with this message rather than
        /// silently allowed.
        case invalid(String)
    }

    let storage: Storage

    /// The environment variable ``environment`` reads.
    public static let environmentVariable = "MLPREDICT_MODEL_ROOTS"

    /// No restriction: models may come from anywhere.
    public static let unrestricted = ModelRoots(storage: .unrestricted)

    private init(storage: Storage) {
        self.storage = storage
    }

    /// Models only from `roots`: absolute directories (or `file://` URLs of them) and `http://` or
    /// `https://` URL prefixes. An empty list allows nothing.
    ///
    /// - Throws: ``MLPredictError/Code/invalidArgument`` naming an entry that is neither.
    public init(_ roots: [String]) throws(MLPredictError) {
        storage = .restricted(try roots.map { root throws(MLPredictError) in try Self.root(root, what: "model root") })
    }

    /// The roots `MLPREDICT_MODEL_ROOTS` names in `environment` (default: this process's):
    /// ``unrestricted`` when it is unset or empty. A malformed value does not throw here; it refuses every model, naming the variable.
    public static func environment(_ environment: [String: String]? = nil) -> ModelRoots {
        let environment = environment ?? ProcessInfo.processInfo.environment
        guard let value = environment[environmentVariable], !value.trimmingWhitespace.isEmpty else { return .unrestricted }
        do {
            return try ModelRoots(parsing: value)
        } catch {
            return ModelRoots(storage: .invalid(error.message))
        }
    }

    /// Roots from a colon-separated list as `MLPREDICT_MODEL_ROOTS` holds it:
    /// `/srv/models:https://models.example.com/team/`. A URL's own colons (`https://`, a port) do not
    /// separate entries; empty entries are skipped.
    public init(parsing list: String) throws(MLPredictError) {
        var roots: [Root] = []
        for entry in Self.split(list) {
            roots.append(try Self.root(entry, what: "\(Self.environmentVariable) entry"))
        }
        storage = .restricted(roots)
    }

    /// Whether models are restricted to the roots.
    public var isRestricted: Bool {
        if case .unrestricted = storage { return false }
        return true
    }

    /// The roots, as directories and URL prefixes (empty when unrestricted).
    public var entries: [String] {
        guard case .restricted(let roots) = storage else { return [] }
        return roots.map { root in
            switch root {
            case .directory(let path): path
            case .url(let location): location.description
            }
        }
    }

    public var description: String {
        switch storage {
        case .unrestricted: "unrestricted"
        case .restricted(let roots) where roots.isEmpty: "none (nothing is allowed)"
        case .restricted: entries.joined(separator: ", ")
        case .invalid(let message): "invalid (\(message))"
        }
    }

    /// Refuses the local `path` (absolute) unless it is inside a root, after resolving symlinks and `..`.
    func check(path: String, model: String, option: String) throws(MLPredictError) {
        let roots = try restrictedRoots(model: model)
        guard let roots else { return }
        for case .directory(let root) in roots where PhysicalPath.isInside(path, root) { return }
        let resolved = PhysicalPath.resolve(path) ?? "a symlink loop"
        throw refusal(model: model, option: option, what: "'\(path)'" + (resolved == path ? "" : " (\(resolved))"))
    }

    /// Refuses `location` unless it is under a URL root.
    func check(url location: RemoteLocation, model: String, option: String) throws(MLPredictError) {
        guard let roots = try restrictedRoots(model: model) else { return }
        for case .url(let root) in roots where location.isInside(root) { return }
        throw refusal(model: model, option: option, what: "'\(location)'")
    }

    /// Why a download may not follow a redirect to `url`, or nil when it may.
    func refusal(redirectingTo url: URL) -> String? {
        guard case .restricted(let roots) = storage else { return nil }
        if let location = RemoteLocation(url.absoluteString) {
            for case .url(let root) in roots where location.isInside(root) { return nil }
        }
        return "is outside the allowed model roots (\(description))"
    }

    /// nil when unrestricted; throws for an invalid configuration.
    private func restrictedRoots(model: String) throws(MLPredictError) -> [Root]? {
        switch storage {
        case .unrestricted: return nil
        case .restricted(let roots): return roots
        case .invalid(let message):
            throw MLPredictError(.modelNotAllowed, "model '\(model)' is refused: \(message)", model: model)
        }
    }

    private func refusal(model: String, option: String, what: String) -> MLPredictError {
        MLPredictError(
            .modelNotAllowed,
            "model '\(model)': option '\(option)' names \(what), which is outside the allowed model roots "
                + "(\(description)); models may come only from inside them",
            model: model)
    }

    private static func root(_ text: String, what: String) throws(MLPredictError) -> Root {
        let entry = text.trimmingWhitespace
        let lowered = entry.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            guard let location = RemoteLocation(entry) else {
                throw MLPredictError(.invalidArgument, "\(what) '\(entry)' is not a valid http(s) URL")
            }
            return .url(location)
        }
        var path = entry
        if lowered.hasPrefix("file://") {
            guard let url = URL(string: entry), url.isFileURL, (url.host ?? "").isEmpty || url.host == "localhost" else {
                throw MLPredictError(.invalidArgument, "\(what) '\(entry)' is not a valid file:// URL")
            }
            path = url.path
        }
        guard path.hasPrefix("/") else {
            throw MLPredictError(
                .invalidArgument,
                "\(what) '\(entry)' must be an absolute directory, a file:// URL or an http(s):// URL prefix")
        }
        return .directory(URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    /// Splits a colon-separated list whose URL entries keep their scheme's and port's colons.
    static func split(_ list: String) -> [String] {
        var entries: [String] = []
        var rest = Substring(list)
        while !rest.isEmpty {
            let lowered = rest.lowercased()
            var end = rest.endIndex
            if let scheme = ["http://", "https://", "file://"].first(where: { lowered.hasPrefix($0) }) {
                // After the authority (and its ':port'), the entry ends at the next colon.
                let authorityStart = rest.index(rest.startIndex, offsetBy: scheme.count)
                var index = authorityStart
                while index < rest.endIndex, rest[index] != "/", rest[index] != ":" { index = rest.index(after: index) }
                if index < rest.endIndex, rest[index] == ":" {
                    let digits = rest[rest.index(after: index)...].prefix { $0.isASCII && $0.isNumber }
                    if !digits.isEmpty { index = digits.endIndex }
                }
                end = rest[index...].firstIndex(of: ":") ?? rest.endIndex
            } else {
                end = rest.firstIndex(of: ":") ?? rest.endIndex
            }
            let entry = rest[..<end].trimmingWhitespace
            if !entry.isEmpty { entries.append(entry) }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
        }
        return entries
    }
}
