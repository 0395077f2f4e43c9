import MLPredict
@testable import MLPredictCLI
import Testing

// Reading and writing single column values from and to JSON text, for the JSON column tests.

/// The value `json` (JSON text) reads as, as `type`.
func readJSON(_ json: String, as type: DataType) throws -> Value {
    try JSONColumnReader.value(JSONValue.parse(json), as: type)
}

/// The error reading `json` as `type` throws, or `nil` (recorded as a failure) if it reads.
func readJSONError(
    _ json: String, as type: DataType, sourceLocation: SourceLocation = #_sourceLocation
) -> ColumnValueError? {
    do {
        let value = try JSONColumnReader.value(try JSONValue.parse(json), as: type)
        Issue.record("expected an error, read \(value)", sourceLocation: sourceLocation)
    } catch let error as ColumnValueError {
        return error
    } catch {
        Issue.record("invalid JSON in the test: \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// The compact JSON text of `value` written as `type`.
func writeJSON(_ value: Value, as type: DataType) throws -> String {
    try JSONColumnWriter.json(value, as: type).serialized
}

/// The error writing `value` as `type` throws, or `nil` (recorded as a failure) if it writes.
func writeJSONError(
    _ value: Value, as type: DataType, sourceLocation: SourceLocation = #_sourceLocation
) -> ColumnValueError? {
    do {
        let json = try JSONColumnWriter.json(value, as: type)
        Issue.record("expected an error, wrote \(json)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// `json`'s short description, as error messages show it (`number 1`, `string "x"`).
func found(_ json: String) throws -> String {
    try JSONValue.parse(json).shortDescription
}
