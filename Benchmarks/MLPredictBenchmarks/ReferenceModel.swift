import MLPredict

/// The reference model, `Benchmarks/models/reference`, loaded through the public API.
enum ReferenceModel {
    static let directory = BenchmarkModels.directory("reference")

    static let ddl = """
        CREATE MODEL reference
        INPUT (text STRING)
        OUTPUT (text STRING, score DOUBLE)
        WITH (
          'provider' = 'generic-python',
          'model-directory-path' = '\(directory)',
          'python-predict-class' = 'reference.ReferencePredictFunction'
        )
        """

    static func load() throws -> Model {
        try ModelRegistry.default.createModel(fromDDL: ddl)
    }

    /// `model.predict` on each row, reading every output row's text and score.
    static func predict(_ rows: [Row], with model: Model) throws -> Totals {
        var totals = Totals()
        for row in rows {
            try read(model.predict(row), into: &totals)
        }
        return totals
    }

    /// `model.predict(batch:)` on each batch (built before timing), reading every output row.
    static func predict(batches: [[Row]], with model: Model) throws -> Totals {
        var totals = Totals()
        for batch in batches {
            for outputs in try model.predict(batch: batch) {
                try read(outputs, into: &totals)
            }
        }
        return totals
    }

    /// Adds each output row's text and score to `totals`; throws for a row that is not (text, score).
    static func read(_ outputs: [Row], into totals: inout Totals) throws {
        for output in outputs {
            guard output.count == 2, case .string(let text) = output[0], case .double(let score) = output[1] else {
                throw BenchmarkError("the model returned \(output); expected (text, score)")
            }
            totals.add(text: text, score: score)
        }
    }
}
