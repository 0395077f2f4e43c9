import MLPredict

/// The conversion benchmark's model, `Benchmarks/models/identity`: 10 columns of mixed types in
/// and out, and a `predict` that returns its input row, so the time is the conversions'.
enum MixedModel {
    static let columns = """
        id BIGINT, n INT, score DOUBLE, flag BOOLEAN, name STRING, price DECIMAL(10, 2), `day` DATE, \
        `at` TIMESTAMP(3), tags ARRAY<STRING>, embedding ARRAY<DOUBLE>
        """

    static let ddl = """
        CREATE MODEL `identity`
        INPUT (\(columns))
        OUTPUT (\(columns))
        WITH (
          'provider' = 'generic-python',
          'model-directory-path' = '\(BenchmarkModels.directory("identity"))',
          'python-predict-class' = 'identity.IdentityPredictFunction'
        )
        """

    static func load() throws -> Model {
        try ModelRegistry.default.createModel(fromDDL: ddl)
    }

    /// Case (f): `model.predict` on each row, reading every value of every output row.
    static func predict(_ rows: [Row], with model: Model) throws -> MixedTotals {
        var totals = MixedTotals()
        for row in rows {
            for output in try model.predict(row) {
                try totals.add(output)
            }
        }
        return totals
    }
}
