extension String {
    /// The string with every `quote` doubled, as SQL escapes a quote inside quotes.
    ///
    /// Works on Unicode scalars: `replacingOccurrences(of:with:)` matches whole characters, so it
    /// misses a quote that a combining mark or a joiner follows (`'\u{301}` is one character).
    func doubling(_ quote: Unicode.Scalar) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            scalars.append(scalar)
            if scalar == quote { scalars.append(quote) }
        }
        return String(scalars)
    }
}
