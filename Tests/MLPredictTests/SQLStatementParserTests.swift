import Testing

@testable import MLPredict

/// Parses `sql`, expecting a syntax error, and returns it.
private func syntaxError(_ sql: String) -> MLPredictError? {
    do {
        let statements = try Statement.parseAll(sql)
        Issue.record("expected an error, parsed \(statements)")
        return nil
    } catch {
        return error
    }
}

@Suite("SQL statements: every form parses; syntax errors show line, column, expectation and caret")
struct SQLStatementParserTests {
    @Test func parsesEveryModelStatement() throws {
        let statements = try Statement.parseAll(
            """
            create temporary model if not exists cat.db.m INPUT (x INT) OUTPUT (y INT) COMMENT 'it''s' WITH ('provider' = 'p');
            DROP MODEL m; DROP TEMPORARY MODEL IF EXISTS db.`my model`;
            ALTER MODEL IF EXISTS m SET ('a' = '1', 'b' = '2');
            ALTER MODEL m RESET ('a', 'b');
            ALTER MODEL m RENAME TO n;
            SHOW MODELS; show models like 'cl%';
            DESCRIBE MODEL m; DESC MODEL m;
            SHOW CREATE MODEL m;
            """)
        #expect(statements.count == 11)
        guard case .createModel(let create) = statements[0] else { Issue.record("not CREATE"); return }
        #expect(create.isTemporary && create.ifNotExists && create.comment == "it's")
        #expect(create.identifier == ModelIdentifier("m", database: "db", catalog: "cat"))
        #expect(statements[1] == .dropModel("m", isTemporary: false, ifExists: false))
        #expect(statements[2] == .dropModel(ModelIdentifier("my model", database: "db"), isTemporary: true, ifExists: true))
        #expect(statements[3] == .alterModelSet("m", ifExists: true, options: ["a": "1", "b": "2"]))
        #expect(statements[4] == .alterModelReset("m", ifExists: false, keys: ["a", "b"]))
        #expect(statements[5] == .alterModelRename("m", ifExists: false, newName: "n"))
        #expect(statements[6] == .showModels(like: nil))
        #expect(statements[7] == .showModels(like: "cl%"))
        #expect(statements[8] == .describeModel("m"))
        #expect(statements[9] == .describeModel("m"))
        #expect(statements[10] == .showCreateModel("m"))
    }

    @Test func parsesMLPredictPositionalNamedAndWrapped() throws {
        let expected = Statement.select(
            SelectStatement(
                columns: nil,
                function: .predict(table: "t", model: "m", descriptor: ["a", "b"], config: ["async": "false"])))
        #expect(try Statement.parseAll("SELECT * FROM ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(a, b), MAP['async', 'false'])") == [expected])
        #expect(
            try Statement.parseAll(
                "select * from ml_predict(input => table t, model => model m, args => descriptor(a, b), config => map['async', 'false'])")
                == [expected])
        #expect(
            try Statement.parseAll("SELECT * FROM TABLE(ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(a, b), CONFIG => MAP['async', 'false']))")
                == [expected])
        let projected = try Statement.parseAll("SELECT a, `label` FROM ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(a))")
        guard case .select(let select) = projected[0] else { Issue.record("not SELECT"); return }
        #expect(select.columns == ["a", "label"])
    }

    @Test func parsesMLEvaluate() throws {
        #expect(
            try Statement.parseAll("SELECT * FROM ML_EVALUATE(TABLE t, MODEL m, DESCRIPTOR(y), DESCRIPTOR(x), 'regression', MAP['timeout', '1s'])")
                == [.select(SelectStatement(columns: nil, function: .evaluate(table: "t", model: "m", label: "y", features: ["x"], task: "regression", config: ["timeout": "1s"])))])
        #expect(
            try Statement.parseAll("SELECT * FROM ML_EVALUATE(input => TABLE t, model => MODEL m, label => DESCRIPTOR(y), args => DESCRIPTOR(x), task => 'classification')")
                == [.select(SelectStatement(columns: nil, function: .evaluate(table: "t", model: "m", label: "y", features: ["x"], task: "classification", config: [:])))])
    }

    @Test func skipsCommentsAndEmptyStatements() throws {
        let statements = try Statement.parseAll(
            """
            -- a line comment
            ;; SHOW /* a block
            comment */ MODELS ;
            """)
        #expect(statements == [.showModels(like: nil)])
    }

    @Test(arguments: [
        ("SHOW TABLES", 1, 6, "expected 'MODELS' or 'CREATE' after 'SHOW' but found 'TABLES'"),
        ("UPDATE m", 1, 1, "expected a statement ('CREATE', 'DROP', 'ALTER', 'SHOW', 'DESCRIBE' or 'SELECT') but found 'UPDATE'"),
        ("DROP MODEL IF m", 1, 15, "expected 'EXISTS' after 'IF' but found 'm'"),
        ("DROP TABLE m", 1, 6, "expected 'TEMPORARY' or 'MODEL' after 'DROP' but found 'TABLE'"),
        ("ALTER MODEL m DROP", 1, 15, "expected 'SET', 'RESET' or 'RENAME' after model name 'm' but found 'DROP'"),
        ("ALTER MODEL m RENAME n", 1, 22, "expected 'TO' after 'RENAME' but found 'n'"),
        ("ALTER MODEL m RESET ('a' = '1')", 1, 26, "expected ',' or ')' after option key 'a' but found '='"),
        ("SHOW MODELS LIKE cl", 1, 18, "expected a string literal pattern after 'LIKE' but found 'cl'"),
        ("SHOW MODELS x", 1, 13, "expected ';' or end of input after the statement but found 'x'"),
        ("SELECT * FROM t", 1, 15, "expected 'ML_PREDICT' or 'ML_EVALUATE' after 'FROM' but found 't'"),
        ("SELECT * FROM ML_PREDICT(t, MODEL m, DESCRIPTOR(a))", 1, 26, "expected 'TABLE' for ML_PREDICT's input but found 't'"),
        ("SELECT * FROM ML_PREDICT(TABLE t, m, DESCRIPTOR(a))", 1, 35, "expected 'MODEL' for ML_PREDICT's model but found 'm'"),
        ("SELECT * FROM ML_PREDICT(TABLE t, MODEL m, (a))", 1, 44, "expected 'DESCRIPTOR' for ML_PREDICT's input columns but found '('"),
        ("SELECT * FROM ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR())", 1, 55, "expected a column name in DESCRIPTOR but found ')'"),
        ("SELECT * FROM ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(a), MAP['k', 1])", 1, 68, "expected a string literal value for MAP key 'k' but found '1'"),
        ("SELECT * FROM ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(a), MAP['k'])", 1, 66, "expected ',' and a value after MAP key 'k' but found ']'"),
        ("SELECT * FROM ML_PREDICT(TABLE t, MODEL m)", 1, 15, "ML_PREDICT is missing its 'args (DESCRIPTOR(...))' argument"),
        ("SELECT * FROM ML_PREDICT(inputs => TABLE t)", 1, 26, "ML_PREDICT has no parameter 'inputs'; its parameters are 'input', 'model', 'args', 'config'"),
        ("SELECT * FROM ML_PREDICT(model => MODEL m, TABLE t)", 1, 44, "a positional argument cannot follow a named argument in ML_PREDICT"),
        ("SELECT x y FROM ML_PREDICT(TABLE t)", 1, 10, "expected ',' or 'FROM' after column 'x' but found 'y'"),
        ("SELECT * FROM ML_EVALUATE(TABLE t, MODEL m, DESCRIPTOR(a, b), DESCRIPTOR(x), 'regression')", 1, 15, "ML_EVALUATE's label DESCRIPTOR names 2 columns; it takes exactly one"),
        ("SELECT * FROM ML_EVALUATE(TABLE t, MODEL m, DESCRIPTOR(y), DESCRIPTOR(x), MAP['async', 'true'])", 1, 15, "ML_EVALUATE is missing its 'task ('classification', ...)' argument"),
        ("SELECT * FROM ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(a), MAP['k', 'v'], MAP['k', 'v'])", 1, 74, "ML_PREDICT takes at most 4 arguments"),
    ])
    func syntaxErrorsSayWhereAndWhat(sql: String, line: Int, column: Int, message: String) throws {
        let error = try #require(syntaxError(sql))
        #expect(error.code == .syntaxError)
        #expect(error.location == MLPredictError.SourceLocation(line: line, column: column))
        #expect(error.message.hasPrefix("line \(line), column \(column): \(message)\n"), "\(error.message)")
        #expect(error.message.hasSuffix("\n" + sql + "\n" + String(repeating: " ", count: column - 1) + "^"))
    }

    @Test func anErrorInALaterStatementNamesItsLine() throws {
        let error = try #require(syntaxError("SHOW MODELS;\nDROP MODEL;"))
        #expect(error.message == "line 2, column 11: expected a model name after 'MODEL' but found ';'\nDROP MODEL;\n          ^")
    }
}
