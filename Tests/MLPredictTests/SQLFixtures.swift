import MLPredict

/// `CREATE MODEL` text and tables for the SQL surface tests.
enum SQLFixtures {
    /// `CREATE [TEMPORARY] MODEL name INPUT (...) OUTPUT (...) WITH (...)` for a class of the `scoring` fixture.
    static func createModel(
        _ name: String, input: String = "x DOUBLE", output: String, pythonClass: String,
        temporary: Bool = false, extraOptions: String = ""
    ) -> String {
        """
        CREATE \(temporary ? "TEMPORARY " : "")MODEL \(name)
        INPUT (\(input))
        OUTPUT (\(output))
        WITH (
          'provider' = 'generic-python',
          'model-directory-path' = '\(Fixtures.directory("scoring"))',
          'python-predict-class' = 'scoring.\(pythonClass)'\(extraOptions)
        )
        """
    }

    static let classify = createModel("classify", output: "label INT", pythonClass: "ThresholdClassifier")
    static let regressor = createModel("regressor", output: "y DOUBLE", pythonClass: "LinearRegressor")
    static let echo = """
        CREATE MODEL echo
        INPUT (id BIGINT, text STRING)
        OUTPUT (id BIGINT, text STRING)
        WITH (
          'provider' = 'generic-python',
          'model-directory-path' = '\(Fixtures.directory("echo"))',
          'python-predict-class' = 'echo.EchoPredictFunction'
        )
        """

    /// A table `points (x DOUBLE, label INT)` of `rows`.
    static func points(_ rows: [(Double, Int32)]) -> Table {
        Table(
            schema: Schema([Column("x", .double), Column("label", .int)]),
            rows: rows.map { Row([.double($0.0), .int($0.1)]) })
    }

    /// The error `body` throws, or nil if it throws none.
    static func error(_ body: () throws -> Void) -> MLPredictError? {
        Fixtures.error(body)
    }

    /// The text of the first cell of `result` (such as SHOW CREATE MODEL's statement).
    static func text(_ result: QueryResult) -> String {
        guard case .string(let text) = result.rows.first?[0] else { return "" }
        return text
    }
}
