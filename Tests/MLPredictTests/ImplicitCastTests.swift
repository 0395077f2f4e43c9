import Testing

@testable import MLPredict

@Suite("Implicit casts: Flink's LogicalTypeCasts.supportsImplicitCast for MLPredict's types")
struct ImplicitCastTests {
    @Test(arguments: [
        ("TINYINT", "SMALLINT", true), ("TINYINT", "DOUBLE", true), ("INT", "BIGINT", true), ("INT", "DOUBLE", true),
        ("INT", "DECIMAL(10, 0)", true), ("BIGINT", "FLOAT", true), ("DECIMAL(10, 2)", "DOUBLE", true),
        ("DECIMAL(10, 2)", "DECIMAL(5, 1)", true), ("FLOAT", "DOUBLE", true),
        ("BIGINT", "INT", false), ("DOUBLE", "FLOAT", false), ("DOUBLE", "DECIMAL(10, 2)", false), ("FLOAT", "BIGINT", false),
        ("STRING", "INT", false), ("INT", "STRING", false), ("BOOLEAN", "INT", false),
        ("CHAR(3)", "VARCHAR(10)", true), ("CHAR(3)", "CHAR(5)", true), ("VARCHAR(3)", "CHAR(3)", false), ("STRING", "VARCHAR(5)", true),
        ("BINARY(4)", "BYTES", true), ("BYTES", "BINARY(4)", false),
        ("TIMESTAMP(3)", "DATE", true), ("TIMESTAMP(3)", "TIME(0)", true), ("TIMESTAMP(3)", "TIMESTAMP_LTZ(3)", true),
        ("TIMESTAMP_LTZ(3)", "TIMESTAMP(6)", true), ("DATE", "TIMESTAMP(3)", false), ("TIME(0)", "TIMESTAMP(3)", false),
        ("INT", "INT NOT NULL", false), ("INT NOT NULL", "BIGINT", true),
        ("ARRAY<INT>", "ARRAY<BIGINT>", true), ("ARRAY<BIGINT>", "ARRAY<INT>", false), ("ARRAY<INT>", "MULTISET<INT>", false),
        ("MAP<STRING, INT>", "MAP<STRING, DOUBLE>", true), ("MAP<INT, INT>", "MAP<STRING, INT>", false),
        ("ROW<a INT, b STRING>", "ROW<x BIGINT, y STRING>", true), ("ROW<a INT>", "ROW<a INT, b INT>", false),
        ("ARRAY<INT>", "ARRAY<INT NOT NULL>", false),
    ])
    func followsFlink(source: String, target: String, castable: Bool) throws {
        #expect(try DataType.parse(source).isImplicitlyCastable(to: DataType.parse(target)) == castable)
    }

    @Test func valuesConvertWhereTheInputConversionWouldNot() {
        let timestamp = SQLTimestamp("2024-01-31 12:34:56.5")!
        #expect(Value.decimal(SQLDecimal("1.25")!).implicitlyCast(to: .double) == .double(1.25))
        #expect(Value.timestamp(timestamp).implicitlyCast(to: .date) == .date(SQLDate("2024-01-31")!))
        #expect(Value.timestamp(timestamp).implicitlyCast(to: .time(0)) == .time(SQLTime("12:34:56.5")!))
        #expect(Value.timestamp(timestamp).implicitlyCast(to: .timestampLTZ(3)) == .timestampLTZ(timestamp))
        #expect(Value.array([.decimal(SQLDecimal("2")!), .null]).implicitlyCast(to: .array(.double)) == .array([.double(2), .null]))
        #expect(Value.row([.timestampLTZ(timestamp)]).implicitlyCast(to: .row([.init("t", .timestamp(3))])) == .row([.timestamp(timestamp)]))
        #expect(Value.int(3).implicitlyCast(to: .bigInt) == .int(3), "integers widen in the input conversion")
    }
}
