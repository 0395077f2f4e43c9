import Foundation

/// An `http://` or `https://` URL, normalized for comparison: scheme and host lowercased, the
/// default port made explicit, the path percent-decoded with `.` and `..` segments removed.
struct RemoteLocation: Sendable, Hashable, CustomStringConvertible {
    /// The URL as given, for fetching and for messages.
    let url: URL
    let scheme: String
    let host: String
    let port: Int
    /// The decoded path's segments, without `.` and `..`.
    let segments: [String]
    /// Whether the decoded path ended with `/`.
    let isDirectory: Bool

    init?(_ text: String) {
        guard let components = URLComponents(string: text), let url = components.url,
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        self.url = url
        self.scheme = scheme
        self.host = host
        port = components.port ?? (scheme == "https" ? 443 : 80)
        var segments: [String] = []
        for segment in components.path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(String(segment))
            }
        }
        self.segments = segments
        isDirectory = components.path.hasSuffix("/")
    }

    var description: String { url.absoluteString }

    /// Whether this URL is `root` or below it, by whole path segments on the same origin.
    func isInside(_ root: RemoteLocation) -> Bool {
        scheme == root.scheme && host == root.host && port == root.port && segments.starts(with: root.segments)
    }
}
