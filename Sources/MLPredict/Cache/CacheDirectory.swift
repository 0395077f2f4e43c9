import Foundation

/// Where MLPredict keeps what it builds or fetches once and reuses: per-model virtual environments
/// and unpacked model packages.
///
/// `MLPREDICT_CACHE` when set, else `$XDG_CACHE_HOME/mlpredict`, else `~/.cache/mlpredict`.
enum CacheDirectory {
    /// The cache's root directory (not created).
    static var root: URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["MLPREDICT_CACHE"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        if let path = environment["XDG_CACHE_HOME"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent("mlpredict", isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".cache", isDirectory: true)
            .appendingPathComponent("mlpredict", isDirectory: true)
    }

    /// `root/kind`, created if missing: `kind` is one cache's folder, such as `environments`.
    static func folder(_ kind: String) throws -> URL {
        let url = root.appendingPathComponent(kind, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
