import Crypto
import Foundation

/// The package cache on disk: fetches an archive once, verifies it, unpacks it safely and keeps it
/// under the SHA-256 of its bytes.
///
/// ```
/// <cache>/<sha256>/         an unpacked archive, renamed into place complete (never written after)
/// <cache>/by-url/<key>      for a URL fetched without 'model-sha256': the sha256 its bytes had
/// <cache>/locks/<key>.lock  one lock per source (flock), so concurrent loads fetch it once
/// <cache>/partial/<key>.*   a download or unpack in progress; removed when it fails
/// ```
/// `<key>` is the SHA-256 of the source (its absolute path or URL). Every step that can wait
/// (the lock, the download, the unpack) blocks the calling thread: call it off the cooperative pool.
struct PackageStore {
    let cache: ModelPackageCache
    /// Redirects of a download must stay inside them too.
    let roots: ModelRoots

    /// The directory an archive (a local file or a URL) unpacks to, fetching and unpacking it unless
    /// the cache has it: at once when `sha256` (lowercase hex) names an entry, or for a URL the
    /// cache fetched before (not fetched again: URLs are assumed immutable).
    func unpacked(_ source: PackageSource, sha256: String?) throws(PackageFailure) -> URL {
        let folder: URL
        do {
            folder = try cache.folder()
        } catch {
            throw PackageFailure("cannot create the package cache: \(error.localizedDescription)")
        }
        let key = Self.hex(SHA256.hash(data: Data(source.description.utf8)))
        if let entry = cached(folder, key, source, sha256) { return entry }
        let lock = folder.appendingPathComponent("locks/\(key).lock")
        do {
            try FileManager.default.createDirectory(
                at: lock.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("partial"), withIntermediateDirectories: true)
            return try FileLock.withLock(at: lock) {
                // Another process may have finished it while this one waited.
                if let entry = cached(folder, key, source, sha256) { return entry }
                return try fetch(source, sha256: sha256, into: folder, key: key)
            }
        } catch let failure as PackageFailure {
            throw failure
        } catch {
            throw PackageFailure("the package cache at \(folder.path) failed: \(error.localizedDescription)")
        }
    }

    private func cached(_ folder: URL, _ key: String, _ source: PackageSource, _ sha256: String?) -> URL? {
        if let sha256 {
            let entry = folder.appendingPathComponent(sha256, isDirectory: true)
            return FileManager.default.fileExists(atPath: entry.path) ? entry : nil
        }
        guard case .remote = source,
            let known = try? String(contentsOf: folder.appendingPathComponent("by-url/\(key)"), encoding: .utf8),
            Self.isDigest(known)
        else { return nil }
        let entry = folder.appendingPathComponent(known, isDirectory: true)
        return FileManager.default.fileExists(atPath: entry.path) ? entry : nil
    }

    /// Under the source's lock: fetch (or read), verify, unpack into `partial/`, rename into place.
    private func fetch(_ source: PackageSource, sha256: String?, into folder: URL, key: String) throws(PackageFailure) -> URL {
        let partial = folder.appendingPathComponent("partial", isDirectory: true)
        let download = partial.appendingPathComponent("\(key).download")
        let unpacking = partial.appendingPathComponent("\(key).unpack", isDirectory: true)
        // Leftovers of a process killed while holding this lock.
        try? FileManager.default.removeItem(at: download)
        try? FileManager.default.removeItem(at: unpacking)
        defer {
            try? FileManager.default.removeItem(at: download)
            try? FileManager.default.removeItem(at: unpacking)
        }
        let archive: URL
        let digest: String
        switch source {
        case .local(let path):
            archive = URL(fileURLWithPath: path)
            digest = try Self.digest(of: archive)
        case .remote(let location):
            archive = download
            let roots = self.roots
            digest = try Downloader.download(location.url, to: download, limits: cache.limits) { url in
                roots.refusal(redirectingTo: url)
            }
        }
        if let sha256, sha256 != digest { throw PackageFailure.mismatch(expected: sha256, found: digest) }
        let entry = folder.appendingPathComponent(digest, isDirectory: true)
        if !FileManager.default.fileExists(atPath: entry.path) {
            guard let format = ArchiveFormat.of(archive) else {
                throw PackageFailure("it is not a .zip, .tar.gz (.tgz) or .tar archive, nor a directory")
            }
            guard mkdir(unpacking.path, 0o755) == 0 else {
                throw PackageFailure("cannot create \(unpacking.path): \(String(cString: strerror(errno)))")
            }
            try ArchiveUnpacker.unpack(
                archive, format: format, into: UnpackTarget(root: unpacking, limits: cache.limits), limits: cache.limits)
            // Atomic: readers see the whole entry or none. Another source with the same bytes may have
            // won the race (the entry then exists and is not empty): its entry serves.
            if rename(unpacking.path, entry.path) != 0, errno != ENOTEMPTY, errno != EEXIST {
                throw PackageFailure("cannot move the unpacked package into \(entry.path): \(String(cString: strerror(errno)))")
            }
        }
        if case .remote = source { try record(digest, for: key, in: folder) }
        return entry
    }

    /// Notes which bytes a URL had, so the next load of that URL does not fetch it again.
    private func record(_ digest: String, for key: String, in folder: URL) throws(PackageFailure) {
        let index = folder.appendingPathComponent("by-url", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: index, withIntermediateDirectories: true)
            try Data(digest.utf8).write(to: index.appendingPathComponent(key), options: .atomic)
        } catch {
            throw PackageFailure("cannot record the download in \(index.path): \(error.localizedDescription)")
        }
    }

    /// A directory of symbolic links, `name -> target`, made once per set of links (under the SHA-256
    /// of the set) and renamed into place complete.
    func workingDirectory(links: [String: String]) throws(PackageFailure) -> URL {
        let description = links.keys.sorted().map { "\($0)\u{0}\(links[$0]!)" }.joined(separator: "\n")
        let key = Self.hex(SHA256.hash(data: Data(description.utf8)))
        do {
            let folder = try cache.folder()
            let directory = folder.appendingPathComponent("workdirs/\(key)", isDirectory: true)
            if FileManager.default.fileExists(atPath: directory.path) { return directory }
            let partial = folder.appendingPathComponent("partial/\(key).\(getpid()).\(UInt64.random(in: 0...UInt64.max))")
            defer { try? FileManager.default.removeItem(at: partial) }
            try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
            for (name, target) in links {
                try FileManager.default.createSymbolicLink(atPath: partial.appendingPathComponent(name).path, withDestinationPath: target)
            }
            if rename(partial.path, directory.path) != 0, errno != ENOTEMPTY, errno != EEXIST {
                throw PackageFailure("cannot move \(partial.path) to \(directory.path): \(String(cString: strerror(errno)))")
            }
            return directory
        } catch let failure as PackageFailure {
            throw failure
        } catch {
            throw PackageFailure(error.localizedDescription)
        }
    }

    /// The SHA-256 of a file's bytes, lowercase hex.
    static func digest(of file: URL) throws(PackageFailure) -> String {
        let source = try FileSource(file)
        var hasher = SHA256()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = try source.read(into: chunk)
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: chunk[..<count]))
        }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `text` is a SHA-256 in lowercase hex.
    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
