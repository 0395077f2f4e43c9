import MLPredict

extension Value {
    /// Whether the two values are exactly the same: like `==`, except that NaN is the same as NaN
    /// (of the same case), 0.0 is not the same as -0.0, and strings must have the same Unicode
    /// scalars (`==` equates canonically equivalent strings); through arrays, maps, multisets
    /// and rows, in order.
    func isSameValue(as other: Value) -> Bool {
        switch (self, other) {
        case (.float(let a), .float(let b)): a.isNaN ? b.isNaN : a == b && a.sign == b.sign
        case (.double(let a), .double(let b)): a.isNaN ? b.isNaN : a == b && a.sign == b.sign
        case (.string(let a), .string(let b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.array(let a), .array(let b)): a.elementsEqual(b) { $0.isSameValue(as: $1) }
        case (.map(let a), .map(let b)):
            a.elementsEqual(b) { $0.key.isSameValue(as: $1.key) && $0.value.isSameValue(as: $1.value) }
        case (.multiset(let a), .multiset(let b)):
            a.elementsEqual(b) { $0.element.isSameValue(as: $1.element) && $0.count == $1.count }
        case (.row(let a), .row(let b)): a.isSameRow(as: b)
        default: self == other
        }
    }
}

extension Row {
    /// Whether the rows have the same values by ``Value/isSameValue(as:)``.
    func isSameRow(as other: Row) -> Bool {
        values.elementsEqual(other.values) { $0.isSameValue(as: $1) }
    }
}
