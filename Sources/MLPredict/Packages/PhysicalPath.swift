import Foundation

/// Where a path really leads: symlinks followed and `..` applied component by component, as the
/// kernel walks it (Python's `os.path.realpath`): a component that does not exist is kept as
/// written, so a missing file is placed where it would be created.
///
/// Hand-written because Foundation's `resolvingSymlinksInPath` applies `..` before following the
/// symlink in front of it, which is exactly the escape (`link/..` when `link` points elsewhere)
/// that the trust and unpacking checks must see.
enum PhysicalPath {
    /// The resolved absolute path, or nil when symlinks loop (more than 40 followed).
    static func resolve(_ path: String) -> String? {
        var budget = 40
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return resolve(absolute, from: [], budget: &budget).map { "/" + $0.joined(separator: "/") }
    }

    /// Whether `path`, resolved, is `directory` (resolved) or inside it.
    static func isInside(_ path: String, _ directory: String) -> Bool {
        guard let path = resolve(path), let directory = resolve(directory) else { return false }
        return path == directory || path.hasPrefix(directory == "/" ? "/" : directory + "/")
    }

    private static func resolve(_ path: String, from base: [String], budget: inout Int) -> [String]? {
        var resolved = path.hasPrefix("/") ? [] : base
        for component in path.split(separator: "/") {
            switch component {
            case ".":
                continue
            case "..":
                _ = resolved.popLast()
            default:
                let candidate = resolved + [String(component)]
                let text = "/" + candidate.joined(separator: "/")
                var status = stat()
                guard lstat(text, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else {
                    resolved = candidate
                    continue
                }
                budget -= 1
                guard budget >= 0, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: text),
                    let followed = resolve(target, from: resolved, budget: &budget)
                else { return nil }
                resolved = followed
            }
        }
        return resolved
    }
}
