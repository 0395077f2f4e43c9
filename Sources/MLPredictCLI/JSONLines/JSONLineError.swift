/// A JSON Lines line that cannot be read as an input row, or a row that cannot be written as a
/// line; the run command prefixes the file and line number.
struct JSONLineError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
