import Foundation

/// Why a package could not be fetched or unpacked; the resolver adds the model, option and package.
struct PackageFailure: Error, Sendable {
    let message: String
    /// The expected and found SHA-256 when the bytes are not the ones `'model-sha256'` names.
    let mismatch: (expected: String, found: String)?

    init(_ message: String) {
        self.message = message
        mismatch = nil
    }

    /// The archive's bytes are not the ones `'model-sha256'` names.
    static func mismatch(expected: String, found: String) -> PackageFailure {
        PackageFailure(expected: expected, found: found)
    }

    private init(expected: String, found: String) {
        message = "its SHA-256 is \(found), but \(expected) was expected; nothing was cached"
        mismatch = (expected, found)
    }
}

/// The directory an archive is unpacked into, and the only way entries get written there: every
/// entry's name is checked (no absolute path, no `..`), nothing is written through a symbolic link,
/// links must stay inside, device files and FIFOs are refused, and the entry count and bytes are
/// bounded. Permissions keep the execute bits but never setuid, setgid or world-writable.
final class UnpackTarget {
    let root: URL
    private let limits: ModelPackageLimits
    private var entries = 0
    private var bytes: Int64 = 0
    private var symlinks: [String] = []

    init(root: URL, limits: ModelPackageLimits) {
        self.root = root
        self.limits = limits
    }

    /// A directory entry (`name` may be `./`, the root itself).
    func directory(_ name: String, mode: UInt32?) throws(PackageFailure) {
        let components = try self.components(name, allowingRoot: true)
        guard !components.isEmpty else { return }
        try count(name)
        let path = try parentChecked(components, name)
        var status = stat()
        if lstat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else { throw PackageFailure("entry '\(name)' appears twice in the archive") }
        } else if mkdir(path, 0o700) != 0 {
            throw failure(name, "cannot create the directory")
        }
        chmod(path, mode_t((mode ?? 0o755) & 0o755 | 0o700))
    }

    /// A regular file entry whose bytes `write` hands to the given sink, chunk by chunk.
    func file(_ name: String, mode: UInt32?, _ write: (_ sink: (UnsafeRawBufferPointer) throws(PackageFailure) -> Void) throws -> Void)
        throws(PackageFailure)
    {
        let components = try self.components(name, allowingRoot: false)
        try count(name)
        let path = try parentChecked(components, name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw errno == EEXIST ? PackageFailure("entry '\(name)' appears twice in the archive") : failure(name, "cannot create the file")
        }
        defer { close(descriptor) }
        do {
            try write { (chunk) throws(PackageFailure) in
                bytes += Int64(chunk.count)
                guard bytes <= limits.maximumUnpackedBytes else {
                    throw PackageFailure(
                        "the archive unpacks to more than \(limits.maximumUnpackedBytes) bytes (at entry '\(name)'); "
                            + "raise ModelPackageLimits.maximumUnpackedBytes if the model is that large")
                }
                var offset = 0
                while offset < chunk.count {
                    let written = Glibc.write(descriptor, chunk.baseAddress! + offset, chunk.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw failure(name, "cannot write the file")
                    }
                    offset += written
                }
            }
        } catch let error as PackageFailure {
            throw error
        } catch {
            throw PackageFailure("cannot read entry '\(name)' from the archive: \(error)")
        }
        fchmod(descriptor, mode_t((mode ?? 0o644) & 0o755 | 0o600))
    }

    /// A symbolic link entry: its target must be relative and lead inside the package (checked again,
    /// as the kernel resolves it, by ``finish()`` once every entry exists).
    func symlink(_ name: String, target: String) throws(PackageFailure) {
        let components = try self.components(name, allowingRoot: false)
        try count(name)
        guard !target.isEmpty, !target.hasPrefix("/"), !target.contains("\0"), isInside(components.dropLast(), target)
        else {
            throw PackageFailure("entry '\(name)' is a symbolic link to '\(target)', outside the package; links must stay inside it")
        }
        let path = try parentChecked(components, name)
        guard Glibc.symlink(target, path) == 0 else {
            throw errno == EEXIST ? PackageFailure("entry '\(name)' appears twice in the archive") : failure(name, "cannot create the link")
        }
        symlinks.append(name)
    }

    /// A hard link entry to `target`, an earlier regular file of the archive (a name inside it).
    func hardLink(_ name: String, target: String) throws(PackageFailure) {
        let components = try self.components(name, allowingRoot: false)
        let targetComponents: [String]
        do {
            targetComponents = try self.components(target, allowingRoot: false)
        } catch {
            throw PackageFailure("entry '\(name)' is a hard link to '\(target)', outside the package; links must stay inside it")
        }
        try count(name)
        let targetPath = try parentChecked(targetComponents, name, creating: false)
        var status = stat()
        guard lstat(targetPath, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw PackageFailure("entry '\(name)' is a hard link to '\(target)', which is not a file earlier in the archive")
        }
        let path = try parentChecked(components, name)
        guard link(targetPath, path) == 0 else {
            throw errno == EEXIST ? PackageFailure("entry '\(name)' appears twice in the archive") : failure(name, "cannot create the link")
        }
    }

    /// Checks every symbolic link as the kernel resolves it, now that all entries exist: a chain of
    /// links that each look inside (`a -> .`, `a/b -> ..`) must not lead out.
    func finish() throws(PackageFailure) {
        let base = root.path
        for name in symlinks {
            let path = base + "/" + (try components(name, allowingRoot: false)).joined(separator: "/")
            guard PhysicalPath.isInside(path, base) else {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                throw PackageFailure(
                    "entry '\(name)' is a symbolic link to '\(target)', which leads outside the package; links must stay inside it")
            }
        }
    }

    /// Refuses an entry that is neither a file, a directory nor a link.
    func refuse(_ name: String, kind: String) -> PackageFailure {
        PackageFailure("entry '\(name)' is \(kind); model packages may hold only files, directories and links inside them")
    }

    /// The entry's path components: no absolute path, no `..`, no NUL; `.` and empty ones dropped.
    private func components(_ name: String, allowingRoot: Bool) throws(PackageFailure) -> [String] {
        if name.hasPrefix("/") {
            throw PackageFailure("entry '\(name)' has an absolute path; entries must be relative to the package")
        }
        if name.contains("\0") { throw PackageFailure("entry '\(name)' has a NUL byte in its name") }
        let parts = name.split(separator: "/").filter { $0 != "." }.map(String.init)
        if parts.contains("..") {
            throw PackageFailure("entry '\(name)' escapes the package with '..'; entries must stay inside it")
        }
        if parts.isEmpty, !allowingRoot { throw PackageFailure("entry '\(name)' has an empty name") }
        return parts
    }

    /// Whether `target`, relative to the directory `parent` (components below the root), stays inside.
    private func isInside(_ parent: ArraySlice<String>, _ target: String) -> Bool {
        var depth = parent.count
        for part in target.split(separator: "/") where part != "." {
            depth += part == ".." ? -1 : 1
            if depth < 0 { return false }
        }
        return true
    }

    /// The entry's absolute path, after checking (and creating, unless `creating` is false) each
    /// parent directory: none may be a symbolic link or a file.
    private func parentChecked(_ components: [String], _ name: String, creating: Bool = true) throws(PackageFailure) -> String {
        var path = root.path
        for part in components.dropLast() {
            path += "/" + part
            var status = stat()
            if lstat(path, &status) != 0 {
                guard creating, mkdir(path, 0o755) == 0 else { throw failure(name, "cannot create its directory") }
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: continue
            case S_IFLNK:
                throw PackageFailure("entry '\(name)' goes through the symbolic link '\(part)'; links must not be written through")
            default:
                throw PackageFailure("entry '\(name)' is below '\(part)', which is not a directory")
            }
        }
        return path + "/" + (components.last ?? "")
    }

    private func count(_ name: String) throws(PackageFailure) {
        entries += 1
        guard entries <= limits.maximumEntries else {
            throw PackageFailure(
                "the archive has more than \(limits.maximumEntries) entries (at entry '\(name)'); "
                    + "raise ModelPackageLimits.maximumEntries if the model is that large")
        }
    }

    private func failure(_ name: String, _ what: String) -> PackageFailure {
        PackageFailure("entry '\(name)': \(what): \(String(cString: strerror(errno)))")
    }
}
