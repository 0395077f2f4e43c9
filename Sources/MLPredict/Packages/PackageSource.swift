import Foundation

/// Where a model's files (`'model-directory-path'`) or one of its `'python.archives'` come from,
/// as the option names them: a local path (a directory or an archive file) or an `http(s)` URL.
enum PackageSource: Sendable, Hashable, CustomStringConvertible {
    /// An absolute local path: a directory, or an archive file.
    case local(String)
    case remote(RemoteLocation)

    /// The source `value` names: an `http://`/`https://` URL, a `file://` URL, or a path relative
    /// to `baseDirectory` (or absolute). Returns the reason when it is none of them.
    static func parse(_ value: String, baseDirectory: String) -> Result<PackageSource, PackageFailure> {
        let lowered = value.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            guard let location = RemoteLocation(value) else { return .failure(PackageFailure("it is not a valid http(s) URL")) }
            return .success(.remote(location))
        }
        if lowered.hasPrefix("file:") {
            guard let url = URL(string: value), url.isFileURL, (url.host ?? "").isEmpty || url.host == "localhost",
                url.path.hasPrefix("/")
            else {
                return .failure(PackageFailure("it is not a valid file:// URL (file:///absolute/path)"))
            }
            return .success(.local(url.standardizedFileURL.path))
        }
        if let colon = value.firstIndex(of: ":"), value[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
            value[colon...].hasPrefix("://")
        {
            return .failure(PackageFailure("'\(value[..<colon])://' URLs are not supported (only file://, http:// and https://)"))
        }
        let base = URL(fileURLWithPath: baseDirectory, isDirectory: true)
        return .success(.local(URL(fileURLWithPath: value, relativeTo: base).standardizedFileURL.path))
    }

    var description: String {
        switch self {
        case .local(let path): path
        case .remote(let location): location.description
        }
    }

    /// What the source is on disk now: a directory, a file, or nothing (always `.file` for a URL,
    /// which is fetched as an archive).
    var kind: Kind {
        guard case .local(let path) = self else { return .file }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .directory : .file
    }

    enum Kind {
        case directory, file, missing
    }

    /// Refuses the source unless `roots` allow it.
    func check(_ roots: ModelRoots, model: String, option: String) throws(MLPredictError) {
        switch self {
        case .local(let path): try roots.check(path: path, model: model, option: option)
        case .remote(let location): try roots.check(url: location, model: model, option: option)
        }
    }
}
