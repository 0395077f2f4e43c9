import MLPredict

/// The reference model through the async API and the streaming operator.
extension ReferenceModel {
    /// `await model.predict` on each row, reading every output row.
    static func predictAsync(_ rows: ArraySlice<Row>, with model: Model) async throws -> Totals {
        var totals = Totals()
        for row in rows {
            try read(await model.predict(row), into: &totals)
        }
        return totals
    }

    /// `await model.predict(batch:)` on each batch, reading every output row.
    static func predictAsync(batches: [[Row]], with model: Model) async throws -> Totals {
        var totals = Totals()
        for batch in batches {
            for outputs in try await model.predict(batch: batch) {
                try read(outputs, into: &totals)
            }
        }
        return totals
    }

    /// Every prediction of `predictions(with:options:)` over `rows`, reading every output row and
    /// checking that it belongs to its input (same text), so an unordered stream is checked too.
    static func predictions(of rows: [Row], with model: Model, options: PredictionOptions) async throws -> Totals {
        var totals = Totals()
        for try await prediction in RowSource(rows: rows).predictions(with: model, options: options) {
            guard prediction.outputs.allSatisfy({ $0.values.first == prediction.input[0] }) else {
                throw BenchmarkError("the prediction for \(prediction.input) is \(prediction.outputs)")
            }
            try read(prediction.outputs, into: &totals)
        }
        return totals
    }
}
