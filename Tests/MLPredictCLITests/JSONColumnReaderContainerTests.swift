import MLPredict
@testable import MLPredictCLI
import Testing

/// Reading ARRAY, ROW, MAP and MULTISET values, NULL at depth, and the paths errors give.
@Suite struct JSONColumnReaderContainerTests {
    /// The error reading `json` as a column `name` of `type`, as the reader's line error says it.
    private func columnError(
        _ json: String, _ name: String, _ type: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String? {
        let column = Column(name, try DataType.parse(type))
        return readJSONError(json, as: column.type, sourceLocation: sourceLocation)?.described(in: column)
    }

    @Test func arraysConvertEachElement() throws {
        #expect(try readJSON("[1,null,3]", as: .array(.tinyInt)) == .array([.tinyInt(1), .null, .tinyInt(3)]))
        #expect(try readJSON("[]", as: .array(.string)) == .array([]))
        #expect(
            try readJSON("[[1],[]]", as: .array(.array(.int))) == .array([.array([.int(1)]), .array([])]))
    }

    @Test func arrayErrorsNameTheElement() throws {
        #expect(
            try columnError("[1,2,3,3000000000]", "scores", "ARRAY<INT>")
                == "'scores[3]' (ARRAY<INT>): expected a JSON integer within INT's range but found number 3000000000")
        #expect(
            try columnError(#"{"a":1}"#, "scores", "ARRAY<INT>")
                == #"'scores' (ARRAY<INT>): expected a JSON array but found object {"a":1}"#)
        #expect(
            try columnError("[[1],[2,null]]", "grid", "ARRAY<ARRAY<INT NOT NULL>>")
                == "'grid[1][1]' (ARRAY<ARRAY<INT NOT NULL>>): expected a non-null INT but found null")
    }

    @Test func rowsAreObjectsByFieldName() throws {
        let type = try DataType.parse("ROW<street STRING, zip INT NOT NULL, note STRING>")
        #expect(
            try readJSON(#"{"zip":12345,"street":"Main"}"#, as: type)
                == .row([.string("Main"), .int(12345), .null]))
        #expect(try readJSON(#"{"zip":1,"street":null,"note":"x"}"#, as: type) == .row([.null, .int(1), .string("x")]))
    }

    @Test func rowErrors() throws {
        let type = "ROW<street STRING, zip INT NOT NULL>"
        let label = "(ROW<`street` STRING, `zip` INT NOT NULL>)"
        #expect(
            try columnError(#"{"street":"Main","zip":"x"}"#, "address", type)
                == #"'address.zip' \#(label): expected a JSON integer within INT's range but found string "x""#)
        #expect(
            try columnError(#"{"street":"Main"}"#, "address", type)
                == "'address.zip' \(label): expected a non-null INT but the key is missing")
        #expect(
            try columnError(#"{"street":"Main","zip":1,"zipp":2}"#, "address", type)
                == #"'address' \#(label): unexpected key "zipp"; the keys are "street", "zip""#)
        #expect(
            try columnError(#"{"zip":1,"zip":2}"#, "address", type)
                == #"'address' \#(label): the key "zip" occurs more than once"#)
        #expect(
            try columnError("[1]", "address", type)
                == "'address' \(label): expected a JSON object of the ROW's fields but found array [1]")
    }

    @Test func mapsWithStringKeysAreObjects() throws {
        let type = try DataType.parse("MAP<STRING, INT>")
        #expect(
            try readJSON(#"{"a":1,"b":null}"#, as: type)
                == .map([Value.MapEntry("a", .int(1)), Value.MapEntry("b", .null)]))
        #expect(try readJSON("{}", as: type) == .map([]))
        #expect(
            try columnError(#"{"a":1,"k\"ey":"x"}"#, "tags", "MAP<STRING, INT>")
                == #"'tags["k\"ey"]' (MAP<STRING, INT>): expected a JSON integer within INT's range but found string "x""#)
        #expect(
            try columnError(#"{"a":1,"a":2}"#, "tags", "MAP<VARCHAR(3), INT>")
                == #"'tags' (MAP<VARCHAR(3), INT>): the key "a" occurs more than once"#)
        #expect(
            try columnError("[]", "tags", "MAP<STRING, INT>")
                == "'tags' (MAP<STRING, INT>): expected a JSON object but found array []")
    }

    @Test func mapsWithOtherKeysAreEntryArrays() throws {
        let type = try DataType.parse("MAP<INT, STRING>")
        #expect(
            try readJSON(#"[{"key":1,"value":"x"},{"value":null,"key":null},{"key":3}]"#, as: type)
                == .map([Value.MapEntry(.int(1), "x"), Value.MapEntry(.null, .null), Value.MapEntry(.int(3), .null)]))
        let label = "(MAP<INT, STRING>)"
        #expect(
            try columnError(#"[{"key":1,"value":2}]"#, "m", "MAP<INT, STRING>")
                == "'m[0].value' \(label): expected a JSON string but found number 2")
        #expect(
            try columnError(#"[{"key":1},{"key":"1"}]"#, "m", "MAP<INT, STRING>")
                == #"'m[1].key' \#(label): expected a JSON integer within INT's range but found string "1""#)
        #expect(
            try columnError(#"[{"key":1},{"key":2},{"key":1}]"#, "m", "MAP<INT, STRING>")
                == "'m[2].key' \(label): the key 1 occurs more than once")
        #expect(
            try columnError(#"[{"key":1,"val":"x"}]"#, "m", "MAP<INT, STRING>")
                == #"'m[0]' \#(label): unexpected key "val"; the keys are "key", "value""#)
        #expect(
            try columnError(#"[[1,"x"]]"#, "m", "MAP<INT, STRING>")
                == #"'m[0]' \#(label): expected a JSON object {"key": …, "value": …} but found array [1,"x"]"#)
        #expect(
            try columnError(#"{"1":"x"}"#, "m", "MAP<INT, STRING>")
                == #"'m' \#(label): expected a JSON array of {"key": …, "value": …} objects but found object {"1":"x"}"#)
        #expect(
            try columnError(#"[{"value":"x"}]"#, "m", "MAP<INT NOT NULL, STRING>")
                == "'m[0].key' (MAP<INT NOT NULL, STRING>): expected a non-null INT but the key is missing")
    }

    @Test func multisetsOfStringsAreObjectsOfCounts() throws {
        let type = try DataType.parse("MULTISET<STRING>")
        #expect(
            try readJSON(#"{"x":2,"y":1}"#, as: type)
                == .multiset([Value.MultisetEntry("x", count: 2), Value.MultisetEntry("y", count: 1)]))
        let message = "expected a JSON integer count from 1 to 2147483647 but found"
        let label = "(MULTISET<STRING>)"
        #expect(try columnError(#"{"x":0}"#, "bag", "MULTISET<STRING>") == #"'bag["x"]' \#(label): \#(message) number 0"#)
        #expect(try columnError(#"{"x":null}"#, "bag", "MULTISET<STRING>") == #"'bag["x"]' \#(label): \#(message) null"#)
        #expect(
            try columnError(#"{"x":2147483648}"#, "bag", "MULTISET<STRING>")
                == #"'bag["x"]' \#(label): \#(message) number 2147483648"#)
    }

    @Test func multisetsOfOtherElementsAreEntryArrays() throws {
        let type = try DataType.parse("MULTISET<INT>")
        #expect(
            try readJSON(#"[{"element":7,"count":3},{"count":1,"element":null}]"#, as: type)
                == .multiset([Value.MultisetEntry(.int(7), count: 3), Value.MultisetEntry(.null, count: 1)]))
        #expect(
            try columnError(#"[{"element":7,"count":1.5}]"#, "bag", "MULTISET<INT>")
                == "'bag[0].count' (MULTISET<INT>): expected a JSON integer count from 1 to 2147483647 but found number 1.5")
        #expect(
            try columnError(#"[{"element":7}]"#, "bag", "MULTISET<INT>")
                == "'bag[0].count' (MULTISET<INT>): expected a JSON integer count from 1 to 2147483647 but the key is missing")
        #expect(
            try columnError(#"[{"element":7,"count":1},{"element":7,"count":2}]"#, "bag", "MULTISET<INT>")
                == "'bag[1].element' (MULTISET<INT>): the element 7 occurs more than once")
    }

    @Test func nullAtDepth() throws {
        let type = try DataType.parse("ARRAY<ROW<tags MAP<STRING, ARRAY<INT NOT NULL>>>>")
        #expect(try readJSON("null", as: type) == .null)
        #expect(try readJSON("[null]", as: type) == .array([.null]))
        #expect(try readJSON(#"[{}]"#, as: type) == .array([.row([.null])]))
        #expect(
            try readJSON(#"[{"tags":{"k":null}}]"#, as: type) == .array([.row([.map([Value.MapEntry("k", .null)])])]))
        #expect(
            try columnError(#"[{"tags":{"k":[1,null]}}]"#, "items", type.description)
                == #"'items[0].tags["k"][1]' (\#(type)): expected a non-null INT but found null"#)
        #expect(
            try columnError("null", "items", "ARRAY<INT> NOT NULL")
                == "'items' (ARRAY<INT> NOT NULL): expected a non-null ARRAY<INT> but found null")
    }
}
