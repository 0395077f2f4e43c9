import Testing

@testable import MLPredict

/// Every Flink SQL type crosses into Python as PyFlink maps it, and back from what models return.
@Suite("the Flink SQL type system across the boundary")
struct TypeMappingTests {
    /// What Python receives for `value` in an INPUT column of `type`: `type name: repr`.
    private func described(_ type: String, _ value: Value) throws -> String {
        let model = try Fixtures.model(
            name: "describer", input: "v \(type)", output: "description STRING", directory: "describe_input",
            pythonClass: "describe.DescribePredictFunction")
        defer { try? model.close() }
        let rows = try model.predict([value])
        guard case .string(let description) = rows.first?[0] else { return "no result: \(rows)" }
        return description
    }

    /// What an OUTPUT column of `type` holds when the model returns the Python expression `expression`.
    private func returned(_ type: String, _ expression: String) throws -> Value {
        let model = try expressionModel(type)
        defer { try? model.close() }
        return try model.predict([.string(expression)]).first?[0] ?? .null
    }

    private func expressionModel(_ type: String) throws -> Model {
        try Fixtures.model(
            name: "expression", input: "expr STRING", output: "v \(type)", directory: "expression",
            pythonClass: "expression.ExpressionPredictFunction")
    }

    private static func decimal(_ text: String) -> Value { .decimal(SQLDecimal(text)!) }
    private static func date(_ text: String) -> Value { .date(SQLDate(text)!) }
    private static func time(_ text: String) -> Value { .time(SQLTime(text)!) }
    private static func timestamp(_ text: String) -> Value { .timestamp(SQLTimestamp(text)!) }
    private static func instant(_ text: String) -> Value { .timestampLTZ(SQLTimestamp(text)!) }

    static let inputs: [(String, Value, String)] = [
        ("DECIMAL(10, 2)", decimal("12.3"), "Decimal: Decimal('12.30')"),
        ("DECIMAL(38, 0)", decimal("99999999999999999999999999999999999999"),
         "Decimal: Decimal('99999999999999999999999999999999999999')"),
        ("DECIMAL(5, 5)", decimal("-0.00001"), "Decimal: Decimal('-0.00001')"),
        ("DECIMAL(4, 1)", 7, "Decimal: Decimal('7.0')"),
        ("BYTES", .binary([0, 255, 10]), "bytes: b'\\x00\\xff\\n'"),
        ("BINARY(4)", .binary([1]), "bytes: b'\\x01\\x00\\x00\\x00'"),
        ("DATE", date("2024-01-31"), "date: datetime.date(2024, 1, 31)"),
        ("DATE", date("0001-01-01"), "date: datetime.date(1, 1, 1)"),
        ("TIME(3)", time("12:34:56.789"), "time: datetime.time(12, 34, 56, 789000)"),
        ("TIME(0)", time("23:59:59"), "time: datetime.time(23, 59, 59)"),
        ("TIMESTAMP(6)", timestamp("2024-01-31 12:34:56.123456"),
         "datetime: datetime.datetime(2024, 1, 31, 12, 34, 56, 123456)"),
        ("TIMESTAMP_LTZ(3)", instant("1970-01-01 00:00:00.5"),
         "datetime: datetime.datetime(1970, 1, 1, 0, 0, 0, 500000, tzinfo=datetime.timezone.utc)"),
        ("ARRAY<INT>", .array([1, nil, 3]), "list: [1, None, 3]"),
        ("ARRAY<ARRAY<STRING>>", .array([.array(["a"]), .array([])]), "list: [['a'], []]"),
        ("MAP<STRING, DOUBLE>", .map([.init("a", 1.5), .init("b", nil)]), "dict: {'a': 1.5, 'b': None}"),
        ("MAP<INT, ARRAY<BOOLEAN>>", .map([.init(1, .array([true]))]), "dict: {1: [True]}"),
        ("MULTISET<STRING>", .multiset([.init("x", count: 2), .init("y", count: 1)]), "dict: {'x': 2, 'y': 1}"),
        ("ROW<a INT, `b c` STRING>", .row([1, "x"]), "Row: Row(**{'a': 1, 'b c': 'x'})"),
        ("ROW<id BIGINT, tags ARRAY<STRING>>", .row([7, .array(["t"])]), "Row: Row(id=7, tags=['t'])"),
        ("ARRAY<ROW<d DATE>>", .array([.row([date("2000-02-29")])]), "list: [Row(d=datetime.date(2000, 2, 29))]"),
    ]

    @Test(arguments: inputs)
    func pythonReceivesPyFlinksMapping(type: String, value: Value, description: String) throws {
        #expect(try described(type, value) == description)
    }

    static let outputs: [(String, String, Value)] = [
        ("DECIMAL(10, 2)", "Decimal('12.3')", decimal("12.30")),
        ("DECIMAL(10, 2)", "Decimal('1.2E+3')", decimal("1200.00")),
        ("DECIMAL(3, 0)", "-999", decimal("-999")),
        ("BYTES", "b'\\x00ab'", .binary([0, 97, 98])),
        ("BYTES", "bytearray(b'xy')", .binary([120, 121])),
        ("VARBINARY(3)", "memoryview(b'abc')[1:]", .binary([98, 99])),
        ("BINARY(3)", "b'a'", .binary([97, 0, 0])),
        ("DATE", "datetime.date(9999, 12, 31)", date("9999-12-31")),
        ("TIME(6)", "datetime.time(1, 2, 3, 4)", time("01:02:03.000004")),
        ("TIMESTAMP(3)", "datetime.datetime(2024, 1, 31, 12, 34, 56, 789000)", timestamp("2024-01-31 12:34:56.789")),
        ("TIMESTAMP_LTZ(0)", "datetime.datetime(2024, 1, 31, 14, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))",
         instant("2024-01-31 12:00:00")),
        ("TIMESTAMP_LTZ(6)", "datetime.datetime(2024, 1, 1, 0, 0, 0, 1)", instant("2024-01-01 00:00:00.000001")),
        ("ARRAY<INT>", "(1, 2)", .array([.int(1), .int(2)])),
        ("ARRAY<DOUBLE>", "[1, 2.5]", .array([.double(1), .double(2.5)])),
        ("MAP<STRING, INT>", "{'a': 1, 'b': None}", .map([.init("a", .int(1)), .init("b", nil)])),
        ("MULTISET<STRING>", "collections.Counter('abca')",
         .multiset([.init("a", count: 2), .init("b", count: 1), .init("c", count: 1)])),
        ("MULTISET<INT>", "{1: 0, 2: 3}", .multiset([.init(.int(2), count: 3)])),
        ("ROW<a INT, b STRING>", "Row(b='x', a=1)", .row([.int(1), "x"])),
        ("ROW<a INT, b STRING>", "(1, 'x')", .row([.int(1), "x"])),
        ("ARRAY<ROW<a INT>>", "[[1], (2,)]", .array([.row([.int(1)]), .row([.int(2)])])),
    ]

    @Test(arguments: outputs)
    func modelsMayReturnWhatTheyReallyReturn(type: String, expression: String, value: Value) throws {
        #expect(try returned(type, expression) == value)
    }

    static let numpyOutputs: [(String, String, Value)] = [
        ("FLOAT", "numpy.float32(0.5)", .float(0.5)),
        ("DOUBLE", "numpy.float64(0.25)", .double(0.25)),
        ("BIGINT", "numpy.int64(-3)", .bigInt(-3)),
        ("TINYINT", "numpy.uint8(200) - numpy.uint8(100)", .tinyInt(100)),
        ("BOOLEAN", "numpy.bool_(True)", .boolean(true)),
        ("ARRAY<FLOAT>", "numpy.arange(3, dtype=numpy.float32) / 2", .array([.float(0), .float(0.5), .float(1)])),
        ("ARRAY<ARRAY<INT>>", "numpy.array([[1, 2], [3, 4]])", .array([.array([.int(1), .int(2)]), .array([.int(3), .int(4)])])),
    ]

    @Test(arguments: numpyOutputs)
    func numpyScalarsAndArraysAreAccepted(type: String, expression: String, value: Value) throws {
        #expect(try returned(type, expression) == value)
    }

    static let rejectedOutputs: [(String, String, String)] = [
        ("ARRAY<INT NOT NULL>", "[1, 2, 3, 'x']", "output column 'v[3]' (INT NOT NULL) of row 0: expected int but found str 'x'"),
        ("ARRAY<INT NOT NULL>", "[1, None]", "output column 'v[1]' (INT NOT NULL) of row 0: expected a value (the type is NOT NULL) but found None"),
        ("ARRAY<TINYINT>", "[300]", "output column 'v[0]' (TINYINT) of row 0: 300 is out of range for TINYINT (-128...127)"),
        ("BIGINT", "2**70", "output column 'v' (BIGINT) of row 0: 1180591620717411303424 is out of range for BIGINT (-9223372036854775808...9223372036854775807)"),
        ("INT", "1.0", "output column 'v' (INT) of row 0: expected int but found float 1.0"),
        ("DOUBLE", "'1.5'", "output column 'v' (DOUBLE) of row 0: expected float or int but found str '1.5'"),
        ("DECIMAL(5, 2)", "Decimal('1.005')", "output column 'v' (DECIMAL(5, 2)) of row 0: 1.005 does not fit DECIMAL(5, 2)"),
        ("DECIMAL(5, 2)", "Decimal('1234')", "output column 'v' (DECIMAL(5, 2)) of row 0: 1234 does not fit DECIMAL(5, 2)"),
        ("DECIMAL(5, 2)", "1.5", "output column 'v' (DECIMAL(5, 2)) of row 0: expected decimal.Decimal or int but found float 1.5"),
        ("DECIMAL(5, 2)", "Decimal('NaN')", "output column 'v' (DECIMAL(5, 2)) of row 0: Decimal('NaN') is not a finite decimal of at most 38 digits"),
        ("VARCHAR(2)", "'abc'", "output column 'v' (VARCHAR(2)) of row 0: a string of 3 characters does not fit VARCHAR(2)"),
        ("VARBINARY(2)", "b'abc'", "output column 'v' (VARBINARY(2)) of row 0: 3 bytes do not fit VARBINARY(2)"),
        ("BYTES", "'abc'", "output column 'v' (BYTES) of row 0: expected bytes, bytearray or memoryview but found str 'abc'"),
        ("DATE", "datetime.datetime(2024, 1, 1)", "output column 'v' (DATE) of row 0: expected datetime.date but found datetime.datetime datetime.datetime(2024, 1, 1, 0, 0)"),
        ("TIME(0)", "datetime.time(1, 2, 3, 500000)", "output column 'v' (TIME(0)) of row 0: the fraction .500000 has more digits than TIME(0) holds"),
        ("TIMESTAMP(6)", "datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)",
         "output column 'v' (TIMESTAMP(6)) of row 0: expected a naive datetime.datetime (TIMESTAMP has no time zone; declare TIMESTAMP_LTZ for instants) but found the aware datetime.datetime(2024, 1, 1, 0, 0, tzinfo=datetime.timez..."),
        ("MAP<STRING, INT>", "{'a': 1, 'b': 'two'}", "output column 'v['b']' (INT) of row 0: expected int but found str 'two'"),
        ("MAP<INT, INT>", "{'k': 1}", "output column 'v.key[0]' (INT) of row 0: expected int but found str 'k'"),
        ("MULTISET<STRING>", "{'a': -1}", "output column 'v' (MULTISET<STRING>) of row 0: the count of element 0 is int -1; counts must be non-negative ints"),
        ("ROW<a INT, b ROW<c ARRAY<DATE>>>", "Row(1, Row([datetime.date(2024, 1, 1), 5]))",
         "output column 'v.b.c[1]' (DATE) of row 0: expected datetime.date but found int 5"),
        ("ROW<a INT, b STRING>", "(1,)", "output column 'v' (ROW<`a` INT, `b` STRING>) of row 0: the value has 1 value but ROW has 2 fields (a INT, b STRING)"),
        ("ROW<a INT, b STRING>", "Row(a=1, c='x')", "output column 'v' (ROW<`a` INT, `b` STRING>) of row 0: the value has fields (a, c) but the ROW fields are (a INT, b STRING)"),
        ("ARRAY<INT>", "{1, 2}", "output column 'v' (ARRAY<INT>) of row 0: expected list or tuple but found set {1, 2}"),
    ]

    @Test(arguments: rejectedOutputs)
    func wrongOutputsNameTheColumnPathAndTypes(type: String, expression: String, message: String) throws {
        let model = try expressionModel(type)
        defer { try? model.close() }
        let error = try #require(Fixtures.error { _ = try model.predict([.string(expression)]) })
        #expect(error.code == .invalidOutput)
        #expect(error.message == "model 'expression': \(message)")
        #expect(try model.predict([.string("None")]) == [[nil]])
    }

    static let rejectedInputs: [(String, Value, String)] = [
        ("DECIMAL(5, 2)", decimal("1.005"), "input column 'v' (DECIMAL(5, 2)): 1.005 does not fit DECIMAL(5, 2)"),
        ("DECIMAL(3, 0)", 1000, "input column 'v' (DECIMAL(3, 0)): 1000 does not fit DECIMAL(3, 0)"),
        ("ARRAY<VARCHAR(2)>", .array(["ok", "long"]), "input column 'v[1]' (VARCHAR(2)): a string of 4 characters does not fit VARCHAR(2)"),
        ("DATE", date("0000-06-01"), "input column 'v' (DATE): 0000-06-01 is before year 1, which Python's datetime.date cannot hold"),
        ("TIME(3)", time("01:00:00.0001"), "input column 'v' (TIME(3)): the fraction .000100000 has more digits than TIME(3) holds"),
        ("TIMESTAMP(9)", timestamp("2024-01-01 00:00:00.000000001"),
         "input column 'v' (TIMESTAMP(9)): the fraction .000000001 has nanoseconds, which Python's datetime (microseconds) cannot hold"),
        ("TIMESTAMP", instant("2024-01-01 00:00:00"), "input column 'v' (TIMESTAMP(6)): expected a TIMESTAMP but found TIMESTAMP_LTZ TIMESTAMP_LTZ '2024-01-01 00:00:00Z'"),
        ("MAP<ARRAY<INT>, INT>", .map([.init(.array([1]), 1)]), "input column 'v' (MAP<ARRAY<INT>, INT>): a list cannot be a key of a Python dict: unhashable type: 'list'"),
        ("ROW<a INT, b INT>", .row([1]), "input column 'v' (ROW<`a` INT, `b` INT>): a ROW value has 1 value but ROW has 2 fields (a INT, b INT)"),
        ("ROW<a ROW<b INT NOT NULL>>", .row([.row([nil])]), "input column 'v.a.b' (INT NOT NULL): expected a value (the type is NOT NULL) but found NULL"),
        ("MULTISET<INT>", .multiset([.init(1, count: 0)]), "input column 'v' (MULTISET<INT>): element 0 (1) has count 0; counts must be at least 1"),
    ]

    @Test(arguments: rejectedInputs)
    func wrongInputsNameTheColumnPathAndTypes(type: String, value: Value, message: String) throws {
        let model = try Fixtures.model(
            name: "describer", input: "v \(type)", output: "description STRING", directory: "describe_input",
            pythonClass: "describe.DescribePredictFunction")
        defer { try? model.close() }
        let error = try #require(Fixtures.error { _ = try model.predict([value]) })
        #expect(error.code == .invalidInput)
        #expect(error.message == "model 'describer': \(message)")
    }

    @Test func stringsRoundTripByteExact() throws {
        let model = try Fixtures.model(
            name: "echo", input: "s STRING, a ARRAY<STRING>", output: "s STRING, a ARRAY<STRING>", directory: "echo",
            pythonClass: "echo.EchoPredictFunction")
        defer { try? model.close() }
        for text in ["", "emoji 👩‍👩‍👧 and flags 🇫🇷", "combining e\u{301} vs \u{e9}", "nul \0 inside", "\u{10FFFF}"] {
            let row: Row = [.string(text), .array([.string(text)])]
            let result = try model.predict(row)
            #expect(result == [row])
            if case .string(let back) = result.first?[0] { #expect(Array(back.utf8) == Array(text.utf8)) }
        }
    }
}

@Suite("Python sees typed INPUT and OUTPUT schemas")
struct PythonSchemaTests {
    @Test func everyColumnTypeIsParsedIntoPyFlinkStyleTypes() throws {
        let model = try Fixtures.model(
            name: "schema", input: """
                d DECIMAL(10, 2) NOT NULL, t TIMESTAMP_LTZ(3), a ARRAY<MAP<STRING NOT NULL, BYTES>>,
                r ROW<`id` BIGINT NOT NULL, `when` TIME(3) 'local time'>, m MULTISET<DATE>
                """,
            output: "name STRING, type STRING, detail STRING", directory: "schema_probe",
            pythonClass: "schema_probe.SchemaProbePredictFunction")
        defer { try? model.close() }
        let rows = try model.predict([.decimal(SQLDecimal("1")!), nil, nil, nil, nil])
        #expect(
            rows == [
                ["d", "DECIMAL(10, 2) NOT NULL", "DecimalType(10, 2, nullable=False)"],
                ["t", "TIMESTAMP_LTZ(3)", "LocalZonedTimestampType(3)"],
                ["a", "ARRAY<MAP<STRING NOT NULL, BYTES>>",
                 "element MapType(VarCharType(2147483647, nullable=False), VarBinaryType(2147483647))"],
                ["r", "ROW<`id` BIGINT NOT NULL, `when` TIME(3) 'local time'>", "fields ['id', 'when']"],
                ["m", "MULTISET<DATE>", "MultisetType(DateType())"],
            ])
    }
}
