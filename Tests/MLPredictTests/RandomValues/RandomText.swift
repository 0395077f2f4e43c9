/// Random Unicode text: any scalar but surrogates, weighted towards the troublesome ones
/// (NUL and controls, combining marks, emoji and ZWJ sequences, CR LF, spaces).
enum RandomText {
    /// A string of exactly `count` Unicode scalars.
    static func string(scalars count: Int, using rng: inout some RandomNumberGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count { scalars.append(scalar(using: &rng)) }
        return String(scalars)
    }

    /// A string of 0 to `limit` scalars, usually short.
    static func string(upTo limit: Int, using rng: inout some RandomNumberGenerator) -> String {
        string(scalars: Int.random(in: 0...min(limit, rng.oneIn(8) ? 40 : 8), using: &rng), using: &rng)
    }

    private static let ranges: [ClosedRange<UInt32>] = [
        0x20...0x7E,  // printable ASCII
        0x20...0x20,  // space, as CHAR pads
        0x00...0x1F,  // NUL, CR, LF and the other C0 controls
        0xA0...0x24F,  // Latin-1 and Latin Extended
        0x300...0x36F,  // combining diacritical marks
        0x200D...0x200D,  // zero-width joiner
        0xFE0F...0xFE0F,  // emoji variation selector
        0x4E00...0x9FFF,  // CJK
        0x1F1E6...0x1F1FF,  // regional indicators (flags)
        0x1F300...0x1FAFF,  // emoji, skin tones included
        0xFFF0...0xFFFF,  // specials and noncharacters
        0...0x10FFFF,  // anything
    ]

    /// A random Unicode scalar (never a surrogate).
    static func scalar(using rng: inout some RandomNumberGenerator) -> Unicode.Scalar {
        while true {
            let range = rng.oneIn(3) ? ranges[0] : rng.pick(ranges)
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { return scalar }
        }
    }
}
