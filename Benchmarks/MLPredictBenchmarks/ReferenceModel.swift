import MLPredict

/// The reference model, `Benchmarks/models/reference`, loaded through the public API; or, with
/// `tuples`, the tuple model (`Benchmarks/models/tuples`), which does the same work with plain
/// tuples out.
enum ReferenceModel {
    static func ddl(tuples: Bool) -> String {
        let (name, predictClass) = tuples ? ("tuples", "TuplePredictFunction") : ("reference", "ReferencePredictFunction")
        return """
            CREATE MODEL \(name)
            INPUT (text STRING)
            OUTPUT (text STRING, score DOUBLE)
            WITH (
              'provider' = 'generic-python',
              'model-directory-path' = '\(BenchmarkModels.directory(name))',
              'python-predict-class' = '\(name).\(predictClass)'
            )
            """
    }

    static func load(tuples: Bool = false) throws -> Model {
        try ModelRegistry.default.createModel(fromDDL: ddl(tuples: tuples))
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

    /// `model.predict(_:into:)` on each row, reusing one `PredictedRows`, reading every output
    /// row's text in place and its score.
    static func predictInto(_ rows: [Row], with model: Model) throws -> Totals {
        var totals = Totals()
        var predicted = PredictedRows(model.outputSchema)
        for row in rows {
            try model.predict(row, into: &predicted)
            try read(predicted, into: &totals)
        }
        return totals
    }

    /// `model.predict(batch:into:)` on each batch, reusing one `PredictedRows`.
    static func predictInto(batches: [[Row]], with model: Model) throws -> Totals {
        var totals = Totals()
        var predicted = PredictedRows(model.outputSchema)
        for batch in batches {
            try model.predict(batch: batch, into: &predicted)
            try read(predicted, into: &totals)
        }
        return totals
    }

    /// Adds each predicted row's text (read in place) and score to `totals`.
    static func read(_ predicted: PredictedRows, into totals: inout Totals) throws {
        for index in 0..<predicted.count {
            guard let score = predicted.double(row: index, column: 1),
                let (length, last) = predicted.withUTF8(row: index, column: 0, { ($0.count, $0.last ?? 0) })
            else { throw BenchmarkError("row \(index) has a NULL; expected (text, score)") }
            totals.add(textBytes: length, lastByte: last, score: score)
        }
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
