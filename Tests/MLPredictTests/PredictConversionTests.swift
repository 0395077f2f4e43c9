import Foundation
import Testing

@testable import MLPredict

@Suite("per-row predict converts values by the INPUT and OUTPUT schemas")
struct PredictConversionTests {
    static let allTypes =
        "b BOOLEAN, t TINYINT, s SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, c CHAR(3), v VARCHAR(5), str STRING"

    private func echo(_ columns: String = allTypes) throws -> Model {
        try Fixtures.model(
            name: "echo", input: columns, output: columns, directory: "echo", pythonClass: "echo.EchoPredictFunction")
    }

    @Test func everyScalarTypeRoundTrips() throws {
        let model = try echo()
        let row: Row = [
            true, .tinyInt(-128), .smallInt(32767), .int(-2_147_483_648), .bigInt(.max), .float(0.25), .double(-1e300),
            "ab", "héllo", "emoji 👩‍👩‍👧 and NUL \u{0} and combining é",
        ]
        #expect(try model.predict(row) == [row.padded(charAt: 7, to: 3)])
    }

    @Test func nullsRoundTripInNullableColumns() throws {
        let model = try echo()
        let nulls = Row(Array(repeating: .null, count: 10))
        #expect(try model.predict(nulls) == [nulls])
    }

    @Test func literalsConvertToTheColumnType() throws {
        let model = try echo()
        let result = try model.predict([false, 1, 2, 3, 4, 0.5, 6, "x", "y", "z"])
        #expect(result == [[false, .tinyInt(1), .smallInt(2), .int(3), .bigInt(4), .float(0.5), .double(6), "x  ", "y", "z"]])
    }

    @Test func floatColumnsKeepNaNAndInfinity() throws {
        let model = try echo("f FLOAT, d DOUBLE")
        let result = try model.predict([.double(.infinity), .double(-.infinity)])
        #expect(result == [[.float(.infinity), .double(-.infinity)]])
        let nan = try model.predict([.double(.nan), .double(.nan)])
        guard case .float(let f) = nan[0][0], case .double(let d) = nan[0][1] else {
            Issue.record("expected FLOAT and DOUBLE, got \(nan)")
            return
        }
        #expect(f.isNaN && d.isNaN)
    }

    @Test(arguments: [
        ("t TINYINT", Value.bigInt(128), "input column 't' (TINYINT): 128 is out of range for TINYINT (-128...127)"),
        ("s SMALLINT", .int(-40000), "input column 's' (SMALLINT): -40000 is out of range for SMALLINT (-32768...32767)"),
        ("i INT", .bigInt(1 << 40), "input column 'i' (INT): 1099511627776 is out of range for INT (-2147483648...2147483647)"),
        ("i INT", "12", "input column 'i' (INT): expected an integer but found STRING '12'"),
        ("i INT", .double(1.5), "input column 'i' (INT): expected an integer but found DOUBLE 1.5"),
        ("b BOOLEAN", 1, "input column 'b' (BOOLEAN): expected a BOOLEAN but found BIGINT 1"),
        ("f FLOAT", .double(1e300), "input column 'f' (FLOAT): 1e+300 is out of range for FLOAT"),
        ("v VARCHAR(3)", "abcd", "input column 'v' (VARCHAR(3)): a string of 4 characters does not fit VARCHAR(3)"),
        ("c CHAR(2)", "abc", "input column 'c' (CHAR(2)): a string of 3 characters does not fit CHAR(2)"),
        ("str STRING", true, "input column 'str' (STRING): expected a string but found BOOLEAN true"),
        ("str STRING NOT NULL", nil, "input column 'str' (STRING NOT NULL): expected a value (the type is NOT NULL) but found NULL"),
    ])
    func invalidInputIsRejectedWithColumnAndTypes(column: String, value: Value, message: String) throws {
        let model = try echo(column)
        let error = try #require(Fixtures.error { _ = try model.predict([value]) })
        #expect(error.code == .invalidInput)
        #expect(error.message == "model 'echo': \(message)")
    }

    @Test func wrongInputArity() throws {
        let model = try echo("a STRING, b INT")
        let error = try #require(Fixtures.error { _ = try model.predict(["only one"]) })
        #expect(error.code == .invalidInput)
        #expect(error.message == "model 'echo': the input row has 1 value but INPUT has 2 columns (a STRING, b INT)")
    }
}

extension Row {
    /// The row with the string at `index` space-padded to `length`, as CHAR(length) stores it.
    fileprivate func padded(charAt index: Int, to length: Int) -> Row {
        var row = self
        if case .string(let text) = row[index] {
            row[index] = .string(text.padding(toLength: length, withPad: " ", startingAt: 0))
        }
        return row
    }
}
