extension JSONValue {
    /// The value for error messages, its JSON type first: `null`, `number 3000000000`,
    /// `string "x"`, `object {"a":1,…` (cut after 60 characters).
    var shortDescription: String {
        if case .null = self { return "null" }
        let text = serialized
        return "\(typeName) " + (text.count > 60 ? text.prefix(60) + "…" : text)
    }
}
