import Testing

@testable import MLPredict

@Suite("Session: CREATE, DROP, ALTER, SHOW MODELS, DESCRIBE MODEL, SHOW CREATE MODEL")
struct SessionModelStatementTests {
    private func names(_ session: Session, like pattern: String? = nil) throws -> [String] {
        let result = try session.execute("SHOW MODELS" + (pattern.map { " LIKE '\($0)'" } ?? ""))
        #expect(result.schema.names == ["model name"])
        return result.rows.map { $0[0].description }
    }

    @Test func createShowAndDrop() throws {
        let session = Session()
        let created = try session.execute(SQLFixtures.classifier + ";\n" + SQLFixtures.regressor)
        #expect(created.rows == [["OK"]])
        #expect(try names(session) == ["'classifier'", "'regressor'"])
        #expect(try names(session, like: "class%") == ["'classifier'"])
        #expect(try names(session, like: "_egressor") == ["'regressor'"])
        try session.execute("DROP MODEL classifier")
        #expect(try names(session) == ["'regressor'"])
        try session.execute("DROP MODEL IF EXISTS classifier")
        let error = try #require(SQLFixtures.error { try session.execute("DROP MODEL classifier") })
        #expect(error.code == .unknownModel)
        #expect(error.message == "model 'default_database.classifier' does not exist")
    }

    @Test func createTwiceFailsUnlessIfNotExists() throws {
        let session = Session()
        try session.execute(SQLFixtures.classifier)
        let error = try #require(SQLFixtures.error { try session.execute(SQLFixtures.regressor.replacingOccurrences(of: "MODEL regressor", with: "MODEL classifier")) })
        #expect(error.code == .modelAlreadyExists)
        try session.execute(SQLFixtures.regressor.replacingOccurrences(of: "MODEL regressor", with: "MODEL IF NOT EXISTS classifier"))
        let described = try session.execute("DESCRIBE MODEL classifier")
        #expect(described.column("name") == ["x", "label"], "the first definition stays")
    }

    @Test func optionsRejectedByTheProviderChangeNothing() throws {
        let session = Session()
        let error = try #require(
            SQLFixtures.error {
                try session.execute(SQLFixtures.createModel("bad", output: "y INT", pythonClass: "X", extraOptions: ",\n  'colour' = 'red'"))
            })
        #expect(error.code == .unsupportedOption)
        #expect(error.message.contains("unsupported option 'colour'"))
        #expect(try names(session).isEmpty)
        let task = try #require(
            SQLFixtures.error {
                try session.execute(SQLFixtures.createModel("bad", output: "y INT", pythonClass: "X", extraOptions: ",\n  'task' = 'ranking'"))
            })
        #expect(task.code == .invalidOption)
        #expect(task.message.contains("option 'task' must be one of 'classification', 'regression'"))
    }

    @Test func describeListsInputThenOutputColumns() throws {
        let session = Session()
        try session.execute(
            SQLFixtures.createModel("m", input: "x DOUBLE NOT NULL COMMENT 'feature'", output: "label INT", pythonClass: "ThresholdClassifier"))
        let result = try session.execute("DESCRIBE MODEL m")
        #expect(result.schema.names == ["name", "type", "null", "is input", "comment"])
        #expect(result.rows == [["x", "DOUBLE", false, true, "feature"], ["label", "INT", true, false, nil]])
        #expect(result.description.contains("| x     | DOUBLE | false | true     | feature |"))
    }

    @Test func showCreateModelRoundTrips() throws {
        let session = Session()
        try session.execute(
            SQLFixtures.createModel("m", output: "label INT COMMENT 'it''s 0 or 1'", pythonClass: "ThresholdClassifier", extraOptions: ",\n  'properties.threshold' = '0.7'"))
        let text = try #require(try session.execute("SHOW CREATE MODEL m").rows.first?[0])
        guard case .string(let ddl) = text else { Issue.record("not a string"); return }
        #expect(ddl.hasPrefix("CREATE MODEL default_catalog.default_database.m\nINPUT (\n  x DOUBLE\n)\nOUTPUT (\n  label INT COMMENT 'it''s 0 or 1'\n)\nWITH (\n  'model-directory-path'"))
        let other = Session()
        try other.execute(ddl)
        #expect(try other.execute("SHOW CREATE MODEL m") == session.execute("SHOW CREATE MODEL m"))
    }

    @Test func alterSetResetAndRename() throws {
        let session = Session()
        try session.execute(SQLFixtures.classifier)
        try session.execute("ALTER MODEL classifier SET ('properties.threshold' = '0.9', 'task' = 'classification')")
        var ddl = SQLFixtures.text(try session.execute("SHOW CREATE MODEL classifier"))
        #expect(ddl.contains("'properties.threshold' = '0.9'") && ddl.contains("'task' = 'classification'"))
        try session.execute("ALTER MODEL classifier RESET ('properties.threshold')")
        ddl = SQLFixtures.text(try session.execute("SHOW CREATE MODEL classifier"))
        #expect(!ddl.contains("threshold"))
        try session.execute("ALTER MODEL classifier RENAME TO default_database.renamed")
        #expect(try names(session) == ["'renamed'"])
        try session.execute("ALTER MODEL IF EXISTS classifier SET ('task' = 'regression')")
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classifier SET ('task' = 'regression')") }?.code == .unknownModel)
    }

    @Test func rejectedAltersChangeNothing() throws {
        let session = Session()
        try session.execute(SQLFixtures.classifier + ";" + SQLFixtures.regressor)
        let before = try session.execute("SHOW CREATE MODEL classifier")
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classifier SET ('colour' = 'red')") }?.code == .unsupportedOption)
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classifier RESET ('python-predict-class')") }?.code == .missingOption)
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classifier RESET ('provider')") }?.code == .invalidOption)
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classifier RENAME TO regressor") }?.code == .modelAlreadyExists)
        #expect(try session.execute("SHOW CREATE MODEL classifier") == before)
    }

    @Test func temporaryModelsShadowAndDropSeparately() throws {
        let session = Session()
        try session.execute(SQLFixtures.classifier)
        try session.execute(SQLFixtures.createModel("classifier", output: "y DOUBLE", pythonClass: "LinearRegressor", temporary: true))
        #expect(try session.execute("DESCRIBE MODEL classifier").column("name") == ["x", "y"])
        #expect(SQLFixtures.text(try session.execute("SHOW CREATE MODEL classifier")).contains("CREATE TEMPORARY MODEL"))
        let error = try #require(SQLFixtures.error { try session.execute("DROP MODEL classifier") })
        #expect(error.message.contains("drop it with DROP TEMPORARY MODEL"))
        try session.execute("DROP TEMPORARY MODEL classifier")
        #expect(try session.execute("DESCRIBE MODEL classifier").column("name") == ["x", "label"])
        #expect(try Session(catalog: session.catalog).execute("SHOW MODELS").rows == [["classifier"]])
    }

    @Test func qualifiedNamesAndUnknownCatalogs() throws {
        let session = Session()
        try session.execute(SQLFixtures.classifier.replacingOccurrences(of: "MODEL classifier", with: "MODEL other_db.classifier"))
        #expect(try names(session).isEmpty)
        #expect(try session.execute("DESCRIBE MODEL default_catalog.other_db.classifier").rows.count == 2)
        let error = try #require(SQLFixtures.error { try session.execute("DROP MODEL elsewhere.db.m") })
        #expect(error.code == .unknownCatalog)
    }

    @Test func aFailingStatementStopsTheRestButKeepsEarlierOnes() throws {
        let session = Session()
        let error = try #require(
            SQLFixtures.error { try session.execute(SQLFixtures.classifier + "; DROP MODEL nope; " + SQLFixtures.regressor) })
        #expect(error.code == .unknownModel)
        #expect(try names(session) == ["'classifier'"])
    }
}
