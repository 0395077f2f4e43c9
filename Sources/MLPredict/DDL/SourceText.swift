/// SQL text as characters, with the error reporting that quotes the offending line.
///
/// Lines are separated by any newline character (`\n`, `\r\n`, `\r`, ...); columns count
/// characters, so a caret lines up under the character a ``MLPredictError/SourceLocation`` names.
struct SourceText: Sendable {
    let characters: [Character]

    init(_ sql: String) {
        // One character per Unicode scalar, so that a quote stays itself when a combining mark or
        // joiner follows it; CR LF stays one line break.
        var characters: [Character] = []
        for scalar in sql.unicodeScalars {
            if scalar == "\n", characters.last == "\r" {
                characters[characters.count - 1] = "\r\n"
            } else {
                characters.append(Character(scalar))
            }
        }
        self.characters = characters
    }

    /// The text of line `number` (1-based) without its line break, or `""` past the end.
    func line(_ number: Int) -> String {
        let lines = characters.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return lines.indices.contains(number - 1) ? String(lines[number - 1]) : ""
    }

    /// An error located at `location`, whose message reads `line L, column C: <message>`
    /// followed by the source line and a caret under column C.
    func error(
        _ code: MLPredictError.Code, _ message: String, at location: MLPredictError.SourceLocation,
        model: String? = nil
    ) -> MLPredictError {
        let text = line(location.line)
        // Keep tabs so the caret stays aligned however the terminal expands them.
        let indent = text.prefix(max(location.column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
        let padding = String(repeating: " ", count: max(location.column - 1 - text.count, 0))
        return MLPredictError(
            code, "\(location): \(message)\n\(text)\n\(indent)\(padding)^", model: model, location: location)
    }
}
