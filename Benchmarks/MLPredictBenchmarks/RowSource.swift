import MLPredict

/// The streaming cases' input: the pre-built rows as an `AsyncSequence` that never suspends. Each
/// `next()` only bumps an index and copies one `Row` (a retain), so the stream's time is the
/// pipeline's, not the source's.
struct RowSource: AsyncSequence, Sendable {
    let rows: [Row]

    func makeAsyncIterator() -> Iterator {
        Iterator(rows: rows)
    }

    struct Iterator: AsyncIteratorProtocol {
        let rows: [Row]
        var index = 0

        mutating func next() async -> Row? {
            guard index < rows.count else { return nil }
            defer { index += 1 }
            return rows[index]
        }
    }
}
