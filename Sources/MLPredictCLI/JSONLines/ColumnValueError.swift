import MLPredict

/// A JSON value that does not fit its SQL type (or a SQL value that cannot be written as its
/// type), and where it sits inside its column.
///
/// The path mirrors the JSON line, like a jq path: `[i]` is the i-th element (from 0) of a JSON
/// array, `.name` a member of an object read as a ROW or as a `{"key": …, "value": …}` or
/// `{"element": …, "count": …}` entry, and `["key"]` a member of an object read as a MAP or
/// MULTISET, its key in JSON string syntax: `scores[3]`, `address.zip`, `tags["k"]`,
/// `pairs[0].key`.
struct ColumnValueError: Error, Hashable {
    /// One step from a value into a part of it.
    enum PathComponent: Hashable {
        case index(Int)
        case field(String)
        case key(String)
    }

    /// What is wrong: `expected a JSON boolean but found number 1`.
    var message: String
    /// Where, from the column's own value inward; empty for the column's value itself.
    var path: [PathComponent]

    init(_ message: String, path: [PathComponent] = []) {
        self.message = message
        self.path = path
    }

    /// This error as seen from the enclosing value, where the failing value is at `component`.
    func at(_ component: PathComponent) -> ColumnValueError {
        ColumnValueError(message, path: [component] + path)
    }

    /// The path after the column name: `[3]`, `.zip`, `["k"]`, `[0].key`.
    var pathText: String {
        path.map { component in
            switch component {
            case .index(let index): "[\(index)]"
            case .field(let name): ".\(name)"
            case .key(let key): "[\(JSONValue.string(key).serialized)]"
            }
        }.joined()
    }

    /// `'scores[3]' (ARRAY<INT>): message`: the error in `column`.
    func described(in column: Column) -> String {
        "'\(column.name)\(pathText)' (\(column.type)): \(message)"
    }
}
