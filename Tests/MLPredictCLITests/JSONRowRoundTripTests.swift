import MLPredict
@testable import MLPredictCLI
import Testing

/// Whole lines: reading a JSON Lines object by the INPUT schema, writing a row by the OUTPUT
/// schema, and a round trip of every type.
@Suite struct JSONRowRoundTripTests {
    /// A column of every type, nested ones included.
    static func schema() throws -> Schema {
        let columns: [(String, String)] = [
            ("flag", "BOOLEAN"), ("i8", "TINYINT"), ("i16", "SMALLINT NOT NULL"), ("i32", "INT"), ("i64", "BIGINT"),
            ("f", "FLOAT"), ("d", "DOUBLE"), ("nan", "DOUBLE"),
            ("price", "DECIMAL(10, 2)"), ("whole", "DECIMAL(38, 0)"),
            ("code", "CHAR(3)"), ("name", "VARCHAR(20)"), ("text", "STRING"),
            ("raw", "BYTES"), ("fixed", "BINARY(2)"),
            ("day", "DATE"), ("at", "TIME(3)"), ("second", "TIME"),
            ("stamp", "TIMESTAMP(6)"), ("stamp0", "TIMESTAMP(0)"), ("instant", "TIMESTAMP_LTZ(3)"),
            ("scores", "ARRAY<INT NOT NULL>"), ("grid", "ARRAY<ARRAY<DOUBLE>>"),
            ("tags", "MAP<STRING, INT>"), ("byId", "MAP<BIGINT, DATE>"),
            ("words", "MULTISET<STRING>"), ("numbers", "MULTISET<INT>"),
            ("address", "ROW<street STRING, zip INT NOT NULL, geo ROW<lat DOUBLE, lon DOUBLE>>"),
            ("missing", "ARRAY<STRING>"),
        ]
        return Schema(try columns.map { Column($0.0, try DataType.parse($0.1)) })
    }

    /// A line in canonical form (as the writer writes it) with a value for every column.
    static let canonicalLine = """
        {"flag":true,"i8":-128,"i16":32767,"i32":-2147483648,"i64":9223372036854775807,\
        "f":0.25,"d":1e-05,"nan":"NaN","price":12.30,"whole":12345678901234567890123456789012345678,\
        "code":"abc","name":"héllo \\"q\\"","text":"line\\nbreak",\
        "raw":"AAEC/w==","fixed":"AQI=",\
        "day":"2024-02-29","at":"12:34:56.780","second":"23:59:59",\
        "stamp":"2024-01-31 12:34:56.789000","stamp0":"0001-01-01 00:00:00","instant":"1970-01-01 00:00:00.000Z",\
        "scores":[1,2,3],"grid":[[1.5,null],[],null],\
        "tags":{"a":1,"b":null},"byId":[{"key":1,"value":"2024-01-01"},{"key":null,"value":null}],\
        "words":{"x":2,"y":1},"numbers":[{"element":7,"count":3},{"element":null,"count":1}],\
        "address":{"street":"Main","zip":12345,"geo":{"lat":52.5,"lon":null}},\
        "missing":null}
        """

    @Test func canonicalLineRoundTrips() throws {
        let schema = try Self.schema()
        let record = try JSONRowReader(schema: schema).read(Self.canonicalLine)
        #expect(record.row.count == schema.columns.count)
        #expect(record.row[1] == .tinyInt(-128))
        #expect(record.row[8] == .decimal(SQLDecimal(unscaled: 1230, scale: 2)))
        let writer = JSONRowWriter(inputNames: [], outputSchema: schema)
        #expect(try writer.line(input: [], output: record.row) == Self.canonicalLine)
    }

    @Test func writingFixesTheForm() throws {
        let schema = Schema([
            Column("price", .decimal(5, 2)), Column("at", .time(3)), Column("stamp", .timestamp(3)),
            Column("address", try DataType.parse("ROW<street STRING, zip INT>")),
        ])
        let record = try JSONRowReader(schema: schema).read(
            #"{"address":{"zip":1},"stamp":"2024-01-31 12:34:56.5","at":"12:00:00","price":1.5}"#)
        let writer = JSONRowWriter(inputNames: [], outputSchema: schema)
        #expect(
            try writer.line(input: [], output: record.row)
                == #"{"price":1.50,"at":"12:00:00.000","stamp":"2024-01-31 12:34:56.500","address":{"street":null,"zip":1}}"#)
    }

    @Test func lineErrorsNameTheColumnPath() {
        let reader = JSONRowReader(schema: Schema([Column("scores", .array(.int))]))
        do {
            _ = try reader.read(#"{"scores":[1,2,3,3000000000]}"#)
            Issue.record("read 3000000000 as an INT")
        } catch {
            #expect(
                error.description
                    == "column 'scores[3]' (ARRAY<INT>): expected a JSON integer within INT's range but found number 3000000000")
        }
    }

    @Test func notNullColumnRejectsNull() {
        let reader = JSONRowReader(schema: Schema([Column("id", .bigInt.notNull)]))
        do {
            _ = try reader.read(#"{"id":null}"#)
            Issue.record("read a NULL for a NOT NULL column")
        } catch {
            #expect(error.description == "column 'id' (BIGINT NOT NULL): expected a non-null BIGINT but found null")
        }
    }

    @Test func writerErrorsNameTheDeclaredOutputColumn() {
        let writer = JSONRowWriter(inputNames: ["label"], outputSchema: Schema([Column("label", .array(.int))]))
        #expect(writer.outputNames == ["label0"])
        do {
            _ = try writer.line(input: [JSONValue.Member("label", .string("x"))], output: [.array([.bigInt(1)])])
            Issue.record("wrote a BIGINT as an INT")
        } catch {
            #expect(error.description == "OUTPUT column 'label[0]' (ARRAY<INT>): cannot write BIGINT 1 as INT")
        }
    }

    @Test func inputMembersComeFirst() throws {
        let writer = JSONRowWriter(inputNames: ["id", "text"], outputSchema: Schema([Column("text", .date)]))
        let line = try writer.line(
            input: [JSONValue.Member("id", .number("1")), JSONValue.Member("text", .string("t"))],
            output: [.date(try #require(SQLDate("2024-01-31")))])
        #expect(line == #"{"id":1,"text":"t","text0":"2024-01-31"}"#)
    }
}
