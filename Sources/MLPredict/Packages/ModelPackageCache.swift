import Foundation

/// Where fetched and unpacked model packages are kept, and how large and slow a package may be.
///
/// A package (`'model-directory-path'` or a `'python.archives'` entry naming a `.zip`, `.tar.gz`,
/// `.tgz` or `.tar` archive, a `file://` URL or an `http(s)://` URL) is fetched once and unpacked
/// into `directory/<sha256 of the archive's bytes>`, so the same bytes are unpacked once whatever
/// names them (docs/model-packages.md).
public struct ModelPackageCache: Sendable, Hashable {
    /// The cache folder (an absolute path); nil: `models` in MLPredict's cache directory
    /// (`MLPREDICT_CACHE`, else `$XDG_CACHE_HOME/mlpredict`, else `~/.cache/mlpredict`), read
    /// when a package is needed.
    public var directory: String?
    public var limits: ModelPackageLimits

    /// The cache under `MLPREDICT_CACHE` with the default limits.
    public static let `default` = ModelPackageCache()

    public init(directory: String? = nil, limits: ModelPackageLimits = ModelPackageLimits()) {
        self.directory = directory
        self.limits = limits
    }

    /// The cache folder, created if missing.
    func folder() throws -> URL {
        guard let directory else { return try CacheDirectory.folder("models") }
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Bounds on a model package, so a hostile or broken one cannot fill the disk or hang a load.
public struct ModelPackageLimits: Sendable, Hashable {
    /// The most bytes one download may have (default 16 GiB).
    public var maximumDownloadBytes: Int64
    /// The most bytes an archive may unpack to (default 64 GiB; a gzip stream counts too).
    public var maximumUnpackedBytes: Int64
    /// The most entries an archive may have (default 1,000,000).
    public var maximumEntries: Int
    /// The longest a download may wait for its next bytes (default 60 s).
    public var idleTimeout: Duration
    /// The longest a download may take in all (default 1 hour).
    public var downloadTimeout: Duration

    public init(
        maximumDownloadBytes: Int64 = 16 << 30, maximumUnpackedBytes: Int64 = 64 << 30, maximumEntries: Int = 1_000_000,
        idleTimeout: Duration = .seconds(60), downloadTimeout: Duration = .seconds(3600)
    ) {
        self.maximumDownloadBytes = maximumDownloadBytes
        self.maximumUnpackedBytes = maximumUnpackedBytes
        self.maximumEntries = maximumEntries
        self.idleTimeout = idleTimeout
        self.downloadTimeout = downloadTimeout
    }
}
