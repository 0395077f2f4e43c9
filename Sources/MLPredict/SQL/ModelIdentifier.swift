/// A model's name as a statement writes it: `name`, `db.name` or `catalog.db.name`.
public struct ModelIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The catalog, when the statement named one.
    public var catalog: String?
    /// The database, when the statement named one.
    public var database: String?
    public var name: String

    public init(_ name: String, database: String? = nil, catalog: String? = nil) {
        self.name = name
        self.database = database
        self.catalog = catalog
    }

    /// The parts, dot-separated, back-ticked where needed.
    public var description: String {
        [catalog, database, name].compactMap { $0 }.map(quotedIdentifier).joined(separator: ".")
    }
}

/// `name` as is when it is a plain identifier, otherwise back-ticked with back-ticks doubled.
func quotedIdentifier(_ name: String) -> String {
    let plain = name.first.map { $0.isLetter || $0 == "_" } == true
        && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
    return plain ? name : "`" + name.doubling("`") + "`"
}
