import Testing

@testable import MLPredict

/// Parses `sql`, expecting an error, and returns it.
private func parseError(_ sql: String) -> MLPredictError? {
    do {
        let statement = try CreateModelStatement.parse(sql)
        Issue.record("expected an error, parsed \(statement)")
        return nil
    } catch {
        return error
    }
}

/// A minimal statement around an INPUT column list, for type and column tests.
private func model(input: String, output: String = "y INT", with options: String = "'provider' = 'p'") -> String {
    "CREATE MODEL m INPUT (\(input)) OUTPUT (\(output)) WITH (\(options))"
}

/// Every token of `sql`, end of input included.
private func tokens(_ sql: String) throws -> [Token] {
    var lexer = Lexer(sql)
    var tokens = [try lexer.next()]
    while tokens.last?.kind != .endOfInput { tokens.append(try lexer.next()) }
    return tokens
}

@Suite("CREATE MODEL parser")
struct CreateModelParserTests {
    @Test func parsesTheSentimentExample() throws {
        let statement = try CreateModelStatement.parse(
            """
            CREATE MODEL sentiment
            INPUT (text STRING)
            OUTPUT (label STRING, confidence FLOAT)
            WITH ('provider' = 'generic-python',
                  'model-directory-path' = 'examples/sentiment/model',
                  'python-predict-class' = 'sentiment.SentimentPredictFunction',
                  'properties.threshold' = '0.05')
            """)
        #expect(
            statement
                == CreateModelStatement(
                    name: "sentiment",
                    input: Schema([Column("text", .string)]),
                    output: Schema([Column("label", .string), Column("confidence", .float)]),
                    options: [
                        "provider": "generic-python",
                        "model-directory-path": "examples/sentiment/model",
                        "python-predict-class": "sentiment.SentimentPredictFunction",
                        "properties.threshold": "0.05",
                    ]))
        #expect(!statement.isTemporary)
        #expect(!statement.ifNotExists)
        #expect(statement.comment == nil)
    }

    @Test func parsesTemporaryAndIfNotExists() throws {
        let both = try CreateModelStatement.parse(
            "CREATE TEMPORARY MODEL IF NOT EXISTS m INPUT (x INT) OUTPUT (y INT) WITH ('provider' = 'p')")
        #expect(both.isTemporary)
        #expect(both.ifNotExists)
        #expect(both.name == "m")
        let temporary = try CreateModelStatement.parse(
            "CREATE TEMPORARY MODEL m INPUT (x INT) OUTPUT (y INT) WITH ()")
        #expect(temporary.isTemporary && !temporary.ifNotExists)
        let ifNotExists = try CreateModelStatement.parse(
            "CREATE MODEL IF NOT EXISTS m INPUT (x INT) OUTPUT (y INT) WITH ()")
        #expect(!ifNotExists.isTemporary && ifNotExists.ifNotExists)
    }

    @Test(arguments: [
        ("BOOLEAN", DataType.boolean),
        ("TINYINT", .tinyInt),
        ("SMALLINT", .smallInt),
        ("INT", .int),
        ("INTEGER", .int),
        ("BIGINT", .bigInt),
        ("FLOAT", .float),
        ("DOUBLE", .double),
        ("DOUBLE PRECISION", .double),
        ("STRING", .varchar(DataType.maxLength)),
        ("VARCHAR", .string),
        ("VARCHAR(10)", .varchar(10)),
        ("VARCHAR(2147483647)", .string),
        ("CHAR", .char(1)),
        ("CHAR(3)", .char(3)),
        ("CHARACTER", .char(1)),
        ("CHARACTER(5)", .char(5)),
        ("varchar ( 7 )", .varchar(7)),
        ("Double Precision", .double),
        ("INT NULL", .int),
        ("INT NOT NULL", DataType.int.notNull),
        ("VARCHAR(4) NOT NULL", DataType.varchar(4).notNull),
        ("double precision not null", DataType.double.notNull),
        ("DECIMAL", .decimal(10, 0)),
        ("DEC(5)", .decimal(5, 0)),
        ("numeric(38, 38)", .decimal(38, 38)),
        ("DECIMAL(10, 2) NOT NULL", DataType.decimal(10, 2).notNull),
        ("BINARY", .binary(1)),
        ("BINARY(16)", .binary(16)),
        ("VARBINARY(100)", .varbinary(100)),
        ("BYTES", .bytes),
        ("VARBINARY(2147483647)", .bytes),
        ("DATE", .date),
        ("TIME", .time(0)),
        ("TIME(3)", .time(3)),
        ("TIME(9) WITHOUT TIME ZONE", .time(9)),
        ("TIMESTAMP", .timestamp(6)),
        ("TIMESTAMP(3)", .timestamp(3)),
        ("timestamp(0) without time zone", .timestamp(0)),
        ("TIMESTAMP_LTZ", .timestampLTZ(6)),
        ("TIMESTAMP_LTZ(3)", .timestampLTZ(3)),
        ("TIMESTAMP(9) WITH LOCAL TIME ZONE", .timestampLTZ(9)),
        ("ARRAY<INT>", .array(.int)),
        ("ARRAY<INT NOT NULL> NOT NULL", DataType.array(DataType.int.notNull).notNull),
        ("ARRAY<ARRAY<STRING>>", .array(.array(.string))),
        ("MULTISET<STRING NOT NULL>", .multiset(DataType.string.notNull)),
        ("MAP<STRING, ARRAY<DOUBLE>>", .map(.string, .array(.double))),
        ("MAP<STRING NOT NULL, INT NOT NULL>", .map(DataType.string.notNull, DataType.int.notNull)),
        ("ROW<a INT, `b c` STRING NOT NULL 'the b'>", .row([.init("a", .int), .init("b c", DataType.string.notNull, comment: "the b")])),
        ("ROW(a INT COMMENT 'x', b ROW<c DATE>)", .row([.init("a", .int, comment: "x"), .init("b", .row([.init("c", .date)]))])),
        ("ARRAY<MAP<INT, ROW<m MULTISET<TIMESTAMP_LTZ(3) NOT NULL>>>>",
         .array(.map(.int, .row([.init("m", .multiset(DataType.timestampLTZ(3).notNull))])))),
    ])
    func parsesEveryTypeSpelling(spelling: String, type: DataType) throws {
        let statement = try CreateModelStatement.parse(model(input: "x \(spelling)"))
        #expect(statement.input.columns == [Column("x", type)])
        #expect(try DataType.parse(spelling) == type)
        #expect(try DataType.parse(type.description) == type)
    }

    @Test func parsesColumnComments() throws {
        let statement = try CreateModelStatement.parse(
            model(input: "a INT COMMENT 'first', b STRING NOT NULL COMMENT 'second', c BIGINT NULL COMMENT ''"))
        #expect(
            statement.input.columns == [
                Column("a", .int, comment: "first"),
                Column("b", DataType.string.notNull, comment: "second"),
                Column("c", .bigInt, comment: ""),
            ])
    }

    @Test func parsesModelComment() throws {
        let statement = try CreateModelStatement.parse(
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT) COMMENT 'Scores reviews' WITH ('provider' = 'p')")
        #expect(statement.comment == "Scores reviews")
        #expect(statement.options == ["provider": "p"])
    }

    @Test func parsesBacktickedIdentifiers() throws {
        let statement = try CreateModelStatement.parse(
            "CREATE MODEL `my model` INPUT (`select` INT, `a``b` STRING, `INPUT` FLOAT) OUTPUT (`with` INT) WITH ()")
        #expect(statement.name == "my model")
        #expect(statement.input.names == ["select", "a`b", "INPUT"])
        #expect(statement.output.names == ["with"])
    }

    @Test func doubleQuotesAreNotIdentifierQuotes() throws {
        // As in Flink: names are quoted with back-ticks; a double quote is a syntax error.
        let error = try #require(Fixtures.error { _ = try CreateModelStatement.parse(#"CREATE MODEL "m" INPUT (a INT) OUTPUT (b INT) WITH ()"#) })
        #expect(error.code == .syntaxError)
        #expect(error.message.contains("Flink SQL quotes names with back-ticks"))
        let statement = try CreateModelStatement.parse(
            "CREATE MODEL `Model` INPUT (`a\"b` INT, `NOT` INT, `input` STRING) OUTPUT (`COMMENT` INT) WITH ()")
        #expect(statement.input.names == [#"a"b"#, "NOT", "input"])
        #expect(statement.output.names == ["COMMENT"])
    }

    @Test func reservedWordsAreNamesOnlyBackTicked() throws {
        let error = try #require(Fixtures.error { _ = try CreateModelStatement.parse(model(input: "comment INT")) })
        #expect(error.message.contains("found 'comment' (a reserved word; quote it as `comment` to use it as a name)"))
    }

    @Test func keepsTheSpellingOfUnquotedNames() throws {
        let statement = try CreateModelStatement.parse(model(input: "Review_Text$1 STRING, input INT, model INT"))
        #expect(statement.input.names == ["Review_Text$1", "input", "model"])
    }

    @Test func skipsCommentsAnywhere() throws {
        let statement = try CreateModelStatement.parse(
            """
            -- leading comment
            /* block */ CREATE /* a */ TEMPORARY -- line
            MODEL /* multi
            line */ IF NOT EXISTS m--comment
            INPUT(/**/x/**/INT/**/NOT/**/NULL/**/,y DOUBLE -- z
            )OUTPUT(y INT)/* before WITH */WITH(/* x */'k'/**/=/**/'v' -- after value
            )-- trailing
            /* trailing block */
            """)
        #expect(statement.isTemporary && statement.ifNotExists)
        #expect(statement.input.columns == [Column("x", DataType.int.notNull), Column("y", .double)])
        #expect(statement.options == ["k": "v"])
    }

    @Test func unescapesDoubledQuotesInStrings() throws {
        let statement = try CreateModelStatement.parse(
            """
            CREATE MODEL m INPUT (x INT COMMENT 'it''s') OUTPUT (y INT)
            COMMENT 'two
            lines -- not a comment /* nor this */'
            WITH ('it''s' = '''quoted''', 'empty' = '')
            """)
        #expect(statement.input.columns[0].comment == "it's")
        #expect(statement.comment == "two\nlines -- not a comment /* nor this */")
        #expect(statement.options == ["it's": "'quoted'", "empty": ""])
    }

    @Test func recognisesKeywordsInAnyCase() throws {
        let statement = try CreateModelStatement.parse(
            "create Temporary model if Not exists m input (x int not null comment 'c') output (y Bigint) comment 'm' with ('a' = 'b')"
        )
        #expect(statement.isTemporary && statement.ifNotExists)
        #expect(statement.input.columns == [Column("x", DataType.int.notNull, comment: "c")])
        #expect(statement.output.columns == [Column("y", .bigInt)])
        #expect(statement.comment == "m")
    }

    @Test func acceptsATrailingSemicolon() throws {
        let statement = try CreateModelStatement.parse(model(input: "x INT") + " ; -- done\n")
        #expect(statement.name == "m")
    }

    @Test func acceptsEmptyOptions() throws {
        #expect(try CreateModelStatement.parse(model(input: "x INT", with: "")).options.isEmpty)
    }

    // MARK: - Syntax errors

    @Test func reportsAMissingParenthesisWithLocationAndCaret() throws {
        let error = try #require(
            parseError(
                """
                CREATE MODEL m
                INPUT (x INT)
                OUTPUT (y INT WITH ('provider' = 'p')
                """))
        #expect(error.code == .syntaxError)
        #expect(error.location == MLPredictError.SourceLocation(line: 3, column: 15))
        #expect(error.model == "m")
        #expect(
            error.message == """
                line 3, column 15: expected ',' or ')' after column 'y' but found 'WITH'
                OUTPUT (y INT WITH ('provider' = 'p')
                              ^
                """)
    }

    @Test func reportsAMissingModelKeyword() throws {
        let error = try #require(parseError("CREATE TEMPORARY TABLE t (x INT)"))
        #expect(error.code == .syntaxError)
        #expect(error.location == MLPredictError.SourceLocation(line: 1, column: 18))
        #expect(
            error.message == """
                line 1, column 18: expected 'MODEL' after 'CREATE TEMPORARY' but found 'TABLE'
                CREATE TEMPORARY TABLE t (x INT)
                                 ^
                """)
    }

    @Test func reportsEndOfInputAfterTheLastToken() throws {
        let error = try #require(parseError("CREATE MODEL m\nINPUT (x INT)  \n-- nothing more\n"))
        #expect(error.location == MLPredictError.SourceLocation(line: 2, column: 14))
        #expect(
            error.message == """
                line 2, column 14: expected 'OUTPUT' after the INPUT columns but found end of input
                INPUT (x INT)  
                             ^
                """)
    }

    @Test func alignsTheCaretAfterTabsAndWideCharacters() throws {
        let error = try #require(parseError("CREATE MODEL m INPUT (\tété INT,\t🙂 INT) OUTPUT (y INT) WITH ()"))
        #expect(error.location == MLPredictError.SourceLocation(line: 1, column: 33))
        #expect(
            error.message.hasSuffix(
                "\n" + String(repeating: " ", count: 22) + "\t" + String(repeating: " ", count: 8) + "\t^"))
        #expect(error.message.hasPrefix("line 1, column 33: unexpected character '🙂'"))
    }

    @Test(arguments: [
        ("SELECT 1", 1, 1, "expected 'CREATE' but found 'SELECT'"),
        ("", 1, 1, "expected 'CREATE' but found end of input"),
        ("CREATE TABLE t", 1, 8, "expected 'TEMPORARY' or 'MODEL' after 'CREATE' but found 'TABLE'"),
        ("CREATE MODEL IF EXISTS m", 1, 17, "expected 'NOT' after 'IF' but found 'EXISTS'"),
        ("CREATE MODEL IF NOT m", 1, 21, "expected 'EXISTS' after 'IF NOT' but found 'm'"),
        ("CREATE MODEL INPUT (x INT)", 1, 14, "expected a model name after 'MODEL' but found 'INPUT'"),
        ("CREATE MODEL IF NOT EXISTS 'm'", 1, 28, "expected a model name after 'IF NOT EXISTS' but found string 'm'"),
        ("CREATE MODEL 'two\nlines' INPUT", 1, 14, "expected a model name after 'MODEL' but found string 'two..."),
        ("CREATE MODEL c.d.m.n INPUT", 1, 19, "expected 'INPUT', 'COMMENT' or 'WITH' after model name 'm' but found '.'"),
        ("CREATE MODEL m INPUT x INT", 1, 22, "expected '(' after 'INPUT' but found 'x'"),
        ("CREATE MODEL m INPUT (, x INT)", 1, 23, "expected a column name in INPUT but found ','"),
        ("CREATE MODEL m INPUT (x)", 1, 24, "expected a type for column 'x' but found ')'"),
        ("CREATE MODEL m INPUT (x FOO)", 1, 25, "column 'x' has unknown type 'FOO'; supported types: \(TokenCursor.supportedTypes)"),
        ("CREATE MODEL m INPUT (x `INT`)", 1, 25, "expected a type for column 'x' but found `INT`"),
        ("CREATE MODEL m INPUT (x ARRAY INT)", 1, 31, "expected '<' after 'ARRAY' but found 'INT'"),
        ("CREATE MODEL m INPUT (x ARRAY<INT)", 1, 34, "expected '>' after the ARRAY element type but found ')'"),
        ("CREATE MODEL m INPUT (x ARRAY<INT, INT>)", 1, 34, "expected '>' after the ARRAY element type but found ','"),
        ("CREATE MODEL m INPUT (x MAP<INT>)", 1, 32, "expected ',' after the MAP key type but found '>'"),
        ("CREATE MODEL m INPUT (x ARRAY<FOO>)", 1, 31, "the element of column 'x' has unknown type 'FOO'; supported types: \(TokenCursor.supportedTypes)"),
        ("CREATE MODEL m INPUT (x ROW<a INT b INT>)", 1, 35, "expected ',' or '>' after ROW field 'a' but found 'b'"),
        ("CREATE MODEL m INPUT (x ROW(a INT>)", 1, 34, "expected ',' or ')' after ROW field 'a' but found '>'"),
        ("CREATE MODEL m INPUT (x ROW<a ARRAY<ROW<b FOO>>>)", 1, 43, "field 'b' of the element of field 'a' of column 'x' has unknown type 'FOO'; supported types: \(TokenCursor.supportedTypes)"),
        ("CREATE MODEL m INPUT (x DECIMAL(39, 2))", 1, 33, "column 'x' has DECIMAL precision 39; the precision must be between 1 and 38"),
        ("CREATE MODEL m INPUT (x DECIMAL(5, 6))", 1, 36, "column 'x' has DECIMAL scale 6; the scale must be between 0 and 5"),
        ("CREATE MODEL m INPUT (x TIME(10))", 1, 30, "column 'x' has TIME precision 10; the precision must be between 0 and 9"),
        ("CREATE MODEL m INPUT (x TIMESTAMP(3) WITH ZONE)", 1, 43, "expected 'LOCAL TIME ZONE' after 'WITH' but found 'ZONE'"),
        ("CREATE MODEL m INPUT (x BINARY(0))", 1, 32, "column 'x' has BINARY length 0; the length must be between 1 and 2147483647"),
        ("CREATE MODEL m INPUT (x INT NOT)", 1, 32, "expected 'NULL' after 'NOT' but found ')'"),
        ("CREATE MODEL m INPUT (x INT COMMENT c)", 1, 37, "expected a string literal after 'COMMENT' but found 'c'"),
        ("CREATE MODEL m INPUT (x VARCHAR(n))", 1, 33, "expected an integer length after 'VARCHAR(' but found 'n'"),
        ("CREATE MODEL m INPUT (x CHAR(2.5))", 1, 30, "expected an integer length after 'CHAR(' but found '2.5'"),
        ("CREATE MODEL m INPUT (x CHAR(2 NOT NULL)", 1, 32, "expected ')' after the CHAR length but found 'NOT'"),
        ("CREATE MODEL m INPUT (x INT) (y INT)", 1, 30, "expected 'OUTPUT' after the INPUT columns but found '('"),
        (
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT)", 1, 44,
            "expected 'COMMENT' or 'WITH' after the OUTPUT columns but found end of input"
        ),
        (
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT) COMMENT 'c' ('a' = 'b')", 1, 57,
            "expected 'WITH' after the model comment but found '('"
        ),
        (
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT) WITH 'a' = 'b'", 1, 50,
            "expected '(' after 'WITH' but found string 'a'"
        ),
        (
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT) WITH (provider = 'p')", 1, 51,
            "expected an option key (a string literal such as 'provider') but found 'provider'"
        ),
        (
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT) WITH ('provider' 42)", 1, 62,
            "expected '=' after option key 'provider' but found '42'"
        ),
        (
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT) WITH ('provider' => 'p')", 1, 62,
            "expected '=' after option key 'provider' but found '=>'"
        ),
        (
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT) WITH ('n' = 42)", 1, 57,
            "expected a string literal value for option 'n' but found '42'"
        ),
        (
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT) WITH ('a' = 'b',)", 1, 61,
            "expected an option key (a string literal such as 'provider') but found ')'"
        ),
        (
            // Adjacent literals join, as in Flink: the value is 'bc', and '=' comes unexpected.
            "CREATE MODEL m INPUT (x INT) OUTPUT (y INT) WITH ('a' = 'b' 'c' = 'd')", 1, 65,
            "expected ',' or ')' after option 'a' but found '='"
        ),
    ])
    func reportsSyntaxErrors(sql: String, line: Int, column: Int, message: String) throws {
        let error = try #require(parseError(sql))
        #expect(error.code == .syntaxError)
        #expect(error.location == MLPredictError.SourceLocation(line: line, column: column))
        let lines = error.message.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == "line \(line), column \(column): \(message)")
        #expect(lines.count == 3)
        #expect(lines.last.map(String.init) == String(repeating: " ", count: column - 1) + "^")
    }

    @Test func reportsTrailingGarbage() throws {
        let afterOptions = try #require(parseError(model(input: "x INT") + "\nSELECT 1"))
        #expect(afterOptions.code == .syntaxError)
        #expect(afterOptions.location == MLPredictError.SourceLocation(line: 2, column: 1))
        #expect(
            afterOptions.message.hasPrefix(
                "line 2, column 1: expected ';' or end of input after the WITH options but found 'SELECT'"))
        let afterSemicolon = try #require(parseError(model(input: "x INT") + "; ;"))
        #expect(afterSemicolon.message.hasPrefix("line 1, column 70: expected end of input after ';' but found ';'"))
    }

    @Test(arguments: [
        (
            "CREATE MODEL m INPUT (x INT COMMENT 'oops) OUTPUT (y INT) WITH ()", 1, 37,
            "unterminated string literal (missing closing ')"
        ),
        (
            "CREATE MODEL m\nINPUT (x INT)\nOUTPUT (y INT)\nWITH ('provider' = 'p\n\n", 4, 20,
            "unterminated string literal (missing closing ')"
        ),
        ("CREATE MODEL `m INPUT (x INT)", 1, 14, "unterminated quoted identifier (missing closing `)"),
        ("CREATE MODEL \"m INPUT (x INT)", 1, 14, "unexpected character '\"'; Flink SQL quotes names with back-ticks (`name`)"),
        ("CREATE MODEL m /* INPUT (x INT) *", 1, 16, "unterminated comment (missing closing */)"),
        ("CREATE MODEL `` INPUT (x INT)", 1, 14, "empty quoted identifier"),
        ("CREATE MODEL m INPUT (x INT) OUTPUT (y INT) WITH ('a' = 'b') § x", 1, 62, "unexpected character '§'"),
        ("CREATE MODEL m INPUT (x VARCHAR(-1))", 1, 33, "expected an integer length after 'VARCHAR(' but found '-'"),
    ])
    func reportsLexicalErrorsAtTheirStart(sql: String, line: Int, column: Int, message: String) throws {
        let error = try #require(parseError(sql))
        #expect(error.code == .syntaxError)
        #expect(error.location == MLPredictError.SourceLocation(line: line, column: column))
        #expect(error.message.hasPrefix("line \(line), column \(column): \(message)\n"))
        #expect(error.message.hasSuffix("\n" + String(repeating: " ", count: column - 1) + "^"))
    }

    // MARK: - Model errors

    @Test(arguments: [
        ("RAW('java.lang.Object', 'AbCd')", "column 'x' has type RAW, which MLPredict does not support"),
        ("INTERVAL DAY", "column 'x' has type INTERVAL, which MLPredict does not support"),
        ("ARRAY<INTERVAL DAY>", "the element of column 'x' has type INTERVAL, which MLPredict does not support"),
        ("TIMESTAMP(3) WITH TIME ZONE", "column 'x' has type TIMESTAMP WITH TIME ZONE, which Flink SQL does not support"),
    ])
    func reportsUnsupportedFlinkTypes(spelling: String, message: String) throws {
        let error = try #require(parseError(model(input: "x \(spelling)")))
        #expect(error.code == .unsupportedType)
        #expect(error.message.contains(message))
    }

    @Test(arguments: ["VARCHAR(0)", "CHAR(0)", "VARCHAR(2147483648)", "CHARACTER(99999999999999999999999)"])
    func rejectsOutOfRangeLengths(spelling: String) throws {
        let error = try #require(parseError(model(input: "a INT,\n  name \(spelling)")))
        #expect(error.code == .syntaxError)
        let typeName = String(spelling.prefix { $0 != "(" })
        let digits = spelling.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }
        #expect(error.location == MLPredictError.SourceLocation(line: 2, column: 9 + typeName.count))
        #expect(
            error.message.hasPrefix(
                "line 2, column \(9 + typeName.count): column 'name' has \(typeName) length \(digits); "
                    + "the length must be between 1 and 2147483647\n"))
    }

    @Test func rejectsDuplicateColumns() throws {
        let input = try #require(
            parseError("CREATE MODEL m\nINPUT (a INT,\n  b INT, `a` STRING)\nOUTPUT (y INT) WITH ()"))
        #expect(input.code == .invalidModel)
        #expect(input.location == MLPredictError.SourceLocation(line: 3, column: 10))
        #expect(input.model == "m")
        #expect(
            input.message.hasPrefix(
                "line 3, column 10: column 'a' is declared twice in INPUT (first on line 2, column 8)\n"))
        let output = try #require(parseError(model(input: "x INT", output: "y INT, y FLOAT")))
        #expect(output.code == .invalidModel)
        #expect(output.message.contains("column 'y' is declared twice in OUTPUT"))
        // The same name may appear once in INPUT and once in OUTPUT, and names are case-sensitive.
        #expect(
            try CreateModelStatement.parse(model(input: "y INT, Y INT", output: "y INT")).input.names == ["y", "Y"])
    }

    @Test func rejectsEmptyColumnLists() throws {
        let input = try #require(parseError("CREATE MODEL m INPUT () OUTPUT (y INT) WITH ()"))
        #expect(input.code == .invalidModel)
        #expect(input.location == MLPredictError.SourceLocation(line: 1, column: 23))
        #expect(
            input.message.hasPrefix(
                "line 1, column 23: INPUT declares no columns; a model needs at least one INPUT column"))
        let output = try #require(parseError("CREATE MODEL m INPUT (x INT) OUTPUT ( ) WITH ()"))
        #expect(output.code == .invalidModel)
        #expect(output.message.contains("OUTPUT declares no columns"))
    }

    @Test func rejectsDuplicateOptions() throws {
        let error = try #require(
            parseError("CREATE MODEL m INPUT (x INT) OUTPUT (y INT)\nWITH ('provider' = 'a',\n      'provider' = 'b')"))
        #expect(error.code == .invalidModel)
        #expect(error.location == MLPredictError.SourceLocation(line: 3, column: 7))
        #expect(
            error.message.hasPrefix("line 3, column 7: option 'provider' is given twice (first on line 2, column 7)\n"))
    }

    @Test func neverCrashesOnAnyPrefixOfAStatement() {
        let sql = """
            CREATE TEMPORARY MODEL IF NOT EXISTS `m``x` /* c */ INPUT ("a" VARCHAR(3) NOT NULL COMMENT 'it''s',
              b DECIMAL(10, 2)) OUTPUT (y DOUBLE PRECISION) COMMENT 'é🙂' WITH ('k' = 'v'); -- end
            """
        for length in 0...sql.count {
            _ = try? CreateModelStatement.parse(String(sql.prefix(length)))
            _ = try? CreateModelStatement.parse(String(sql.dropFirst(length)))
        }
    }
}

@Suite("SQL lexer")
struct LexerTests {
    @Test func splitsEveryKindOfToken() throws {
        let kinds = try tokens("a_1$ `b``c` 'f''g' U&'caf\\00e9' E'a\\tb' - 42 0.05 .5 7. ( ) , ; = . < > * [ ] => x=>y").map(\.kind)
        #expect(
            kinds == [
                .identifier("a_1$"), .quotedIdentifier("b`c"), .string("f'g"), .prefixedString("café"), .prefixedString("a\tb"),
                .symbol("-"),
                .integer("42"), .decimal("0.05"), .decimal(".5"), .decimal("7."),
                .punctuation(.leftParenthesis), .punctuation(.rightParenthesis), .punctuation(.comma),
                .punctuation(.semicolon), .punctuation(.equals), .punctuation(.dot), .punctuation(.lessThan),
                .punctuation(.greaterThan), .punctuation(.star), .punctuation(.leftBracket),
                .punctuation(.rightBracket), .punctuation(.arrow), .identifier("x"), .punctuation(.arrow),
                .identifier("y"), .endOfInput,
            ])
    }

    @Test func locatesTokensByLineAndCharacterColumn() throws {
        let found = try tokens("é_x\r\n  'multi\nline' y /* c\n */ z\n")
        #expect(
            found.map { "\($0.location.line):\($0.location.column) \($0.text)" } == [
                "1:1 é_x", "2:3 'multi\nline'", "3:7 y", "4:5 z", "4:6 ",
            ])
    }

    @Test func keepsSpellingAndSeparatesQualifiedNames() throws {
        let found = try tokens("Catalog.db.`My Model` -- comment")
        #expect(
            found.map(\.kind) == [
                .identifier("Catalog"), .punctuation(.dot), .identifier("db"), .punctuation(.dot),
                .quotedIdentifier("My Model"), .endOfInput,
            ])
        #expect(found[0].isKeyword("CATALOG"))
        #expect(!found[4].isKeyword("MY MODEL"))
        #expect(found[5].location == MLPredictError.SourceLocation(line: 1, column: 22))
    }
}
