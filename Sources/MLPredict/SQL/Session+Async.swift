import Dispatch

/// Executing statements from async code, without blocking Swift's cooperative pool on Python.
extension Session {
    /// Like ``execute(_:)-(String)``, and also reads tables registered from an `AsyncSequence`.
    @discardableResult
    public func execute(_ sql: String) async throws(MLPredictError) -> QueryResult {
        try await execute(try Statement.parse(sql))
    }

    /// Executes one parsed statement, reading tables registered from an `AsyncSequence` too.
    ///
    /// The model loads on a Dispatch global queue, and the rows are predicted in batches (one
    /// `predict_batch` call each) on ``threads``, so the calling task never waits for Python.
    @discardableResult
    public func execute(_ statement: Statement) async throws(MLPredictError) -> QueryResult {
        guard case .select(let select) = statement else { return try executeModelStatement(statement) }
        var query = try await planOffCooperativePool(select)
        defer { query.release() }
        switch query.table.source {
        case .rows(let rows):
            for row in rows { try await query.consume(row, on: threads) }
        case .sequence(let rows):
            for row in rows() { try await query.consume(row, on: threads) }
        case .asyncSequence(let read):
            do {
                try await read { (row) async throws(MLPredictError) in try await query.consume(row, on: threads) }
            } catch let error as MLPredictError {
                throw error
            } catch {
                throw MLPredictError(.tableFailed, "reading table '\(query.tableName)' failed: \(error)", cause: error)
            }
        }
        return try await query.finish(on: threads)
    }

    /// ``plan(_:)`` on a Dispatch global queue: loading the model runs its Python `open()`, or
    /// waits for another query's load of it.
    private func planOffCooperativePool(_ select: SelectStatement) async throws(MLPredictError) -> Query {
        try await withCheckedContinuation { planned in
            DispatchQueue.global().async {
                planned.resume(returning: Result { () throws(MLPredictError) in try self.plan(select) })
            }
        }.get()
    }
}
