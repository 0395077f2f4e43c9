import MLPredict
@testable import MLPredictCLI
import Testing

/// Writing SQL values as JSON by their column types.
@Suite struct JSONColumnWriterTests {
    @Test func scalars() throws {
        #expect(try writeJSON(.null, as: .int.notNull) == "null")
        #expect(try writeJSON(.boolean(true), as: .boolean) == "true")
        #expect(try writeJSON(.tinyInt(-128), as: .tinyInt) == "-128")
        #expect(try writeJSON(.smallInt(7), as: .smallInt) == "7")
        #expect(try writeJSON(.int(Int32.min), as: .int) == "-2147483648")
        #expect(try writeJSON(.bigInt(Int64.max), as: .bigInt) == "9223372036854775807")
        #expect(try writeJSON(.float(0.84), as: .float) == "0.84")
        #expect(try writeJSON(.double(1), as: .double) == "1.0")
        #expect(try writeJSON(.double(.nan), as: .double) == #""NaN""#)
        #expect(try writeJSON(.float(-.infinity), as: .float) == #""-Infinity""#)
        #expect(try writeJSON(.string("a\"b"), as: .char(3)) == #""a\"b""#)
        #expect(try writeJSON(.string("x"), as: .string) == #""x""#)
        #expect(try writeJSON(.binary([0, 1, 2, 255]), as: .bytes) == #""AAEC/w==""#)
        #expect(try writeJSON(.binary([]), as: .binary(1)) == #""""#)
    }

    @Test func decimalsHaveExactlyTheScalesDigits() throws {
        #expect(try writeJSON(.decimal(SQLDecimal(unscaled: 123, scale: 1)), as: .decimal(5, 2)) == "12.30")
        #expect(try writeJSON(.decimal(SQLDecimal(unscaled: -5, scale: 2)), as: .decimal(5, 2)) == "-0.05")
        #expect(try writeJSON(.decimal(SQLDecimal(unscaled: 0, scale: 0)), as: .decimal(5, 2)) == "0.00")
        #expect(try writeJSON(.decimal(SQLDecimal(unscaled: 4200, scale: 2)), as: .decimal(10, 0)) == "42")
        #expect(
            writeJSONError(.decimal(SQLDecimal(unscaled: 1234, scale: 3)), as: .decimal(5, 2))?.message
                == "cannot write DECIMAL 1.234 as DECIMAL(5, 2)")
        #expect(writeJSONError(.decimal(SQLDecimal(unscaled: 1000, scale: 0)), as: .decimal(5, 2)) != nil)
    }

    @Test func temporalValuesHaveExactlyThePrecisionsDigits() throws {
        let time = try #require(SQLTime("12:34:56.789"))
        #expect(try writeJSON(.time(time), as: .time(0)) == #""12:34:56""#)
        #expect(try writeJSON(.time(time), as: .time(3)) == #""12:34:56.789""#)
        #expect(try writeJSON(.time(time), as: .time(6)) == #""12:34:56.789000""#)
        let timestamp = try #require(SQLTimestamp("2024-01-31 12:34:56"))
        #expect(try writeJSON(.timestamp(timestamp), as: .timestamp(0)) == #""2024-01-31 12:34:56""#)
        #expect(try writeJSON(.timestamp(timestamp), as: .timestamp(3)) == #""2024-01-31 12:34:56.000""#)
        #expect(try writeJSON(.timestampLTZ(timestamp), as: .timestampLTZ(1)) == #""2024-01-31 12:34:56.0Z""#)
        #expect(try writeJSON(.timestampLTZ(timestamp), as: .timestampLTZ(0)) == #""2024-01-31 12:34:56Z""#)
        #expect(try writeJSON(.date(try #require(SQLDate("0001-12-31"))), as: .date) == #""0001-12-31""#)
    }

    @Test func containers() throws {
        #expect(try writeJSON(.array([.int(1), .null]), as: .array(.int)) == "[1,null]")
        #expect(
            try writeJSON(.row([.string("Main"), .null]), as: DataType.parse("ROW<street STRING, zip INT>"))
                == #"{"street":"Main","zip":null}"#)
        #expect(
            try writeJSON(.map([Value.MapEntry("a", .int(1))]), as: DataType.parse("MAP<STRING, INT>"))
                == #"{"a":1}"#)
        #expect(
            try writeJSON(
                .map([Value.MapEntry(.int(1), "x"), Value.MapEntry(.null, .null)]),
                as: DataType.parse("MAP<INT, STRING>")) == #"[{"key":1,"value":"x"},{"key":null,"value":null}]"#)
        #expect(
            try writeJSON(.multiset([Value.MultisetEntry("x", count: 2)]), as: DataType.parse("MULTISET<CHAR(1)>"))
                == #"{"x":2}"#)
        #expect(
            try writeJSON(.multiset([Value.MultisetEntry(.int(7), count: 3)]), as: DataType.parse("MULTISET<INT>"))
                == #"[{"element":7,"count":3}]"#)
    }

    @Test func errorsNameThePath() throws {
        let type = try DataType.parse("ARRAY<ROW<tags MAP<STRING, DECIMAL(3, 1)>>>")
        let value = Value.array([.null, .row([.map([Value.MapEntry("k", .double(1.5))])])])
        let column = Column("items", type)
        #expect(
            writeJSONError(value, as: type)?.described(in: column)
                == #"'items[1].tags["k"]' (\#(type)): cannot write DOUBLE 1.5 as DECIMAL(3, 1)"#)
        #expect(
            writeJSONError(.map([Value.MapEntry(.null, .int(1))]), as: try DataType.parse("MAP<STRING, INT>"))?.message
                == "a NULL key cannot be written as a JSON object key")
        #expect(writeJSONError(.bigInt(1), as: .int)?.message == "cannot write BIGINT 1 as INT")
        #expect(writeJSONError(.row([.int(1)]), as: try DataType.parse("ROW<a INT, b INT>")) != nil)
        #expect(
            writeJSONError(.multiset([Value.MultisetEntry(.null, count: 1)]), as: .multiset(.string))?.message
                == "a NULL element cannot be written as a JSON object key")
    }
}
