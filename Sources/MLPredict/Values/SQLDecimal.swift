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
        var text = String(text)
        guard let parsed = text.withUTF8({ SQLDecimal(utf8: $0) }) else { return nil }
        self = parsed
    }

    /// Parses UTF-8 text as ``init(_:)`` does, without making a `String` (Python's `str(Decimal)`).
    init?(utf8: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let isNegative = utf8.first == UInt8(ascii: "-")
        if isNegative || utf8.first == UInt8(ascii: "+") { index = 1 }
        // Up to 18 digits accumulate in a UInt64; only longer numbers pay for 128-bit arithmetic.
        var small: UInt64 = 0
        var large: UInt128 = 0
        var digits = 0
        var scale = 0
        var seenPoint = false
        while index < utf8.count, utf8[index] | 0x20 != UInt8(ascii: "e") {
            let byte = utf8[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            if digits < 18 {
                small = small &* 10 &+ UInt64(digit)
            } else {
                if digits == 18 { large = UInt128(small) }
                large = large &* 10 &+ UInt128(digit)
                guard large <= Self.maxUnscaled else { return nil }
            }
            digits += 1
            if seenPoint { scale += 1 }
        }
        guard digits > 0 else { return nil }
        var magnitude = digits > 18 ? large : UInt128(small)
        if index < utf8.count {  // `e` or `E`, then the exponent
            guard let exponent = Self.exponent(utf8[(index + 1)...]) else { return nil }
            scale -= exponent
        }
        while scale < 0 {
            guard magnitude <= Self.maxUnscaled / 10 else { return nil }
            magnitude *= 10
            scale += 1
        }
        self.init(unscaled: isNegative ? -Int128(magnitude) : Int128(magnitude), scale: scale)
    }

    /// The number of significant digits of ``unscaled`` (1 for zero).
    public var digitCount: Int {
        let magnitude = unscaled.magnitude
        var power: UInt128 = 10
        var count = 1
        while count < 39, magnitude >= power {
            power &*= 10
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
            guard unscaled.magnitude <= Self.maxUnscaled / 10 else { return nil }
            unscaled *= 10
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
        withText { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with ``description`` as ASCII bytes, without making a `String`.
    func withText<Result: ~Copyable, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        // 38 digits, a sign, a point and a leading zero fit, whatever the scale's leading zeros.
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(42, scale + 4)) { (buffer) throws(Failure) in
            var end = buffer.count
            func put(_ byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            var written = 0
            func putDigits<Digits: FixedWidthInteger & UnsignedInteger>(_ value: Digits) {
                var value = value
                repeat {
                    if written == scale, scale > 0 { put(UInt8(ascii: ".")) }
                    put(UInt8(ascii: "0") + UInt8(value % 10))
                    value /= 10
                    written += 1
                } while value != 0 || written <= scale
            }
            let magnitude = unscaled.magnitude
            if magnitude <= UInt64.max { putDigits(UInt64(magnitude)) } else { putDigits(magnitude) }
            if unscaled < 0 { put(UInt8(ascii: "-")) }
            return try body(UnsafeBufferPointer(rebasing: buffer[end...]))
        }
    }

    /// The largest magnitude 38 digits hold.
    static var maxUnscaled: UInt128 { 99_999_999_999_999_999_999_999_999_999_999_999_999 }

    /// An optionally signed decimal exponent of at most 4 digits.
    private static func exponent(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var bytes = bytes[...]
        let sign = bytes.first == UInt8(ascii: "-") ? -1 : 1
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard (1...4).contains(bytes.count) else { return nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return sign * value
    }
}
