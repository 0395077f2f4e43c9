import MLPredict
@testable import MLPredictCLI
import Testing

/// Reading JSON values of BOOLEAN, the numeric, string and binary types.
@Suite struct JSONColumnReaderScalarTests {
    @Test func booleans() throws {
        #expect(try readJSON("true", as: .boolean) == .boolean(true))
        #expect(try readJSON("false", as: .boolean.notNull) == .boolean(false))
        #expect(readJSONError("1", as: .boolean)?.message == "expected a JSON boolean but found number 1")
        #expect(readJSONError(#""true""#, as: .boolean)?.message == #"expected a JSON boolean but found string "true""#)
    }

    @Test func integersGetTheirTypesCase() throws {
        #expect(try readJSON("-128", as: .tinyInt) == .tinyInt(-128))
        #expect(try readJSON("127", as: .tinyInt) == .tinyInt(127))
        #expect(try readJSON("-32768", as: .smallInt) == .smallInt(-32768))
        #expect(try readJSON("2147483647", as: .int) == .int(Int32.max))
        #expect(try readJSON("-9223372036854775808", as: .bigInt) == .bigInt(Int64.min))
        #expect(try readJSON("-0", as: .int) == .int(0))
    }

    @Test("integers out of range or not integers", arguments: [
        ("128", DataType.tinyInt), ("-129", .tinyInt), ("32768", .smallInt), ("3000000000", .int),
        ("9223372036854775808", .bigInt), ("1.0", .int), ("1e2", .int), (#""1""#, .int), ("true", .bigInt),
    ])
    func integerErrors(json: String, type: DataType) throws {
        #expect(
            readJSONError(json, as: type)?.message
                == "expected a JSON integer within \(type.typeName)'s range but found \(try found(json))")
    }

    @Test func floatingPoint() throws {
        #expect(try readJSON("0.1", as: .float) == .float(0.1))
        #expect(try readJSON("0.1", as: .double) == .double(0.1))
        #expect(try readJSON("3", as: .double) == .double(3))
        #expect(try readJSON("-2.5e-3", as: .double) == .double(-0.0025))
        #expect(try readJSON("1e39", as: .double) == .double(1e39))
        #expect(try readJSON(#""Infinity""#, as: .float) == .float(.infinity))
        #expect(try readJSON(#""-Infinity""#, as: .double) == .double(-.infinity))
        guard case .double(let nan) = try readJSON(#""NaN""#, as: .double) else {
            Issue.record("NaN is not a DOUBLE")
            return
        }
        #expect(nan.isNaN)
    }

    @Test func floatingPointErrors() {
        #expect(
            readJSONError("1e39", as: .float)?.message
                == "expected a JSON number within FLOAT's range but found number 1e39")
        #expect(
            readJSONError("1e400", as: .double)?.message
                == "expected a JSON number within DOUBLE's range but found number 1e400")
        #expect(
            readJSONError(#""nan""#, as: .double)?.message
                == #"expected a JSON number (or "NaN", "Infinity", "-Infinity") but found string "nan""#)
    }

    @Test func decimalsAreExactAndRescaled() throws {
        #expect(try readJSON("12.3", as: .decimal(5, 2)) == .decimal(SQLDecimal(unscaled: 1230, scale: 2)))
        #expect(try readJSON("-0.05", as: .decimal(5, 2)) == .decimal(SQLDecimal(unscaled: -5, scale: 2)))
        #expect(try readJSON("999.99", as: .decimal(5, 2)) == .decimal(SQLDecimal(unscaled: 99999, scale: 2)))
        #expect(try readJSON("1.2300", as: .decimal(5, 2)) == .decimal(SQLDecimal(unscaled: 123, scale: 2)))
        #expect(try readJSON("1.5e2", as: .decimal(5, 0)) == .decimal(SQLDecimal(unscaled: 150, scale: 0)))
        let big = "12345678901234567890123456789012345678"
        #expect(try readJSON(big, as: .decimal(38, 0)) == .decimal(try #require(SQLDecimal(big))))
        #expect(try readJSON("0.1", as: .decimal(1, 1)) == .decimal(SQLDecimal(unscaled: 1, scale: 1)))
    }

    @Test("decimals that do not fit", arguments: ["1000", "12.345", "1e3", "0.001", #""1.5""#, "1e-1000"])
    func decimalErrors(json: String) throws {
        #expect(
            readJSONError(json, as: .decimal(5, 2))?.message
                == "expected a JSON number that fits DECIMAL(5, 2) (at most 3 digits before the point and 2 after) "
                + "but found \(try found(json))")
    }

    @Test func strings() throws {
        #expect(try readJSON(#""héllo \"q\"""#, as: .string) == .string("héllo \"q\""))
        #expect(try readJSON(#""ab""#, as: .char(2)) == .string("ab"))
        #expect(try readJSON(#""toolong""#, as: .varchar(2)) == .string("toolong"), "lengths are the model layer's")
        #expect(readJSONError("1", as: .string)?.message == "expected a JSON string but found number 1")
    }

    @Test func binaryIsBase64() throws {
        #expect(try readJSON(#""AAEC/w==""#, as: .bytes) == .binary([0, 1, 2, 255]))
        #expect(try readJSON(#""""#, as: .varbinary(4)) == .binary([]))
        #expect(try readJSON(#""AQID""#, as: .binary(3)) == .binary([1, 2, 3]))
    }

    @Test("invalid base64", arguments: ["AQI", "AQ ID", "-_8=", "====", "AR==", "AQID\\n", "QQ=A"])
    func invalidBase64(text: String) {
        let message = readJSONError("\"\(text)\"", as: .bytes)?.message
        #expect(message?.hasPrefix("expected a base64 JSON string but found string") == true)
    }

    @Test func nullNeedsANullableType() throws {
        #expect(try readJSON("null", as: .int) == .null)
        #expect(try readJSON("null", as: .decimal(5, 2)) == .null)
        #expect(readJSONError("null", as: .int.notNull) == ColumnValueError("expected a non-null INT but found null"))
    }
}
