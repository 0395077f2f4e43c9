/// A row of SQL values, positionally matching a model's INPUT or OUTPUT ``Schema``.
public struct Row: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public var values: [Value]

    public init(_ values: [Value]) {
        self.values = values
    }

    public init(arrayLiteral values: Value...) {
        self.values = values
    }

    /// The number of values.
    public var count: Int { values.count }

    public subscript(index: Int) -> Value {
        get { values[index] }
        set { values[index] = newValue }
    }

    /// The row as SQL would show it: `(1, 'text', NULL)`.
    public var description: String {
        "(" + values.map(\.description).joined(separator: ", ") + ")"
    }
}
