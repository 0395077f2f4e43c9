extension Character {
    /// Whether this is one of the digits `0` to `9` (and not another script's digit).
    var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}
