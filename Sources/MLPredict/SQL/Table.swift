/// A table registered in a ``Session`` from Swift: a schema and rows, read anew by every query.
public struct Table: Sendable {
    /// Where the rows come from, read anew by every query.
    enum Source: Sendable {
        case rows([Row])
        /// Makes the rows' sequence.
        case sequence(@Sendable () -> AnySequence<Row>)
        /// Reads every row, handing each to the closure.
        case asyncSequence(@Sendable (_ each: (Row) async throws(MLPredictError) -> Void) async throws -> Void)
    }

    public let schema: Schema
    let source: Source

    /// A table of `rows`, each with the values of `schema`'s columns in order.
    public init(schema: Schema, rows: [Row]) {
        self.schema = schema
        source = .rows(rows)
    }

    /// A table whose rows `rows` yields; it is iterated once per query.
    public init<Rows: Sequence & Sendable>(schema: Schema, rows: Rows) where Rows.Element == Row {
        self.schema = schema
        source = .sequence { AnySequence(rows) }
    }

    /// A table whose rows `rows` yields asynchronously; queries over it need `await session.execute`.
    public init<Rows: AsyncSequence & Sendable>(schema: Schema, rows: Rows) where Rows.Element == Row {
        self.schema = schema
        source = .asyncSequence { each in for try await row in rows { try await each(row) } }
    }
}
