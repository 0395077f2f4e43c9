/// An exact decimal number, the value of a `DECIMAL(p, s)` column: `unscaled × 10^-scale`.
///
/// Never goes through binary floating point: `SQLDecimal("0.1")` is exactly one tenth. Up to 38
/// significant digits, as `DECIMAL(38, s)` needs.
public struct SQLDecimal: Sendable, Hashable, CustomStringConvertible {
    /// The digits as an integer: `12.34` is 1234 with scale 2.
    public var unscaled: Int128
    /// How many of the digits are after the decimal point (0 or more).
    public var scale: Int

    public init(unscaled: Int128, scale: Int) {
        precondition(scale >= 0, "SQLDecimal: negative scale \(scale)")
        self.unscaled = unscaled
        self.scale = scale
    }

    /// Parses `-12.340`, `5`, `.5`, `1e3`, `1.5E-2`; `nil` for anything else, or beyond 38 digits.
    public init?(_ text: some StringProtocol) {
        var utf8 = Substring(text).utf8[...]
        let isNegative = utf8.first == UInt8(ascii: "-")
        if isNegative || utf8.first == UInt8(ascii: "+") { utf8 = utf8.dropFirst() }
        var unscaled: Int128 = 0
        var scale = 0
        var digits = 0
        var seenPoint = false
        while let byte = utf8.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            digits += 1
            guard let next = Self.appendingDigit(unscaled, byte) else { return nil }
            unscaled = next
            if seenPoint { scale += 1 }
        }
        guard digits > 0 else { return nil }
        if !utf8.isEmpty {  // what is left is `e` or `E` and the exponent
            guard let exponent = Int(String(Substring(utf8.dropFirst()))), abs(exponent) <= 1000 else { return nil }
            scale -= exponent
        }
        while scale < 0 {
            guard let next = Self.times10(unscaled) else { return nil }
            unscaled = next
            scale += 1
        }
        self.init(unscaled: isNegative ? -unscaled : unscaled, scale: scale)
    }

    /// The number of significant digits of ``unscaled`` (1 for zero).
    public var digitCount: Int {
        var magnitude = unscaled.magnitude
        var count = 1
        while magnitude >= 10 {
            magnitude /= 10
            count += 1
        }
        return count
    }

    /// This number with exactly `scale` digits after the point, or `nil` if that would drop
    /// non-zero digits or need more than 38 digits.
    public func rescaled(to scale: Int) -> SQLDecimal? {
        var unscaled = unscaled
        var current = self.scale
        while current < scale {
            guard let next = Self.times10(unscaled) else { return nil }
            unscaled = next
            current += 1
        }
        while current > scale {
            guard unscaled % 10 == 0 else { return nil }
            unscaled /= 10
            current -= 1
        }
        return SQLDecimal(unscaled: unscaled, scale: scale)
    }

    /// The plain decimal notation, every scale digit kept: `-12.340`, `0.05`, `7`.
    public var description: String {
        let digits = String(unscaled.magnitude)
        let sign = unscaled < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }

    /// The largest magnitude 38 digits hold.
    static let maxUnscaled: UInt128 = {
        var value: UInt128 = 1
        for _ in 0..<38 { value *= 10 }
        return value - 1
    }()

    private static func times10(_ value: Int128) -> Int128? {
        let (result, overflow) = value.multipliedReportingOverflow(by: 10)
        return overflow || result.magnitude > maxUnscaled ? nil : result
    }

    private static func appendingDigit(_ value: Int128, _ digit: UInt8) -> Int128? {
        guard let shifted = times10(value) else { return nil }
        let result = shifted + Int128(digit - UInt8(ascii: "0"))
        return result.magnitude > maxUnscaled ? nil : result
    }
}
