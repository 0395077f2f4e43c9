/// Where a catalog keeps a model: its database and name.
public struct ModelPath: Sendable, Hashable, CustomStringConvertible {
    public var database: String
    public var name: String

    public init(database: String, name: String) {
        self.database = database
        self.name = name
    }

    /// `database.name`, back-ticked where needed.
    public var description: String { "\(quotedIdentifier(database)).\(quotedIdentifier(name))" }
}
