import MLPredict

/// The objects and entries that ROW, MAP and MULTISET values are read from.
extension JSONColumnReader {
    /// The members of a JSON object, each made an entry by `read`; keys are distinct.
    static func objectEntries<Entry>(
        _ json: JSONValue, _ type: DataType, _ read: (JSONValue.Member) throws(ColumnValueError) -> Entry
    ) throws(ColumnValueError) -> [Entry] {
        guard case .object(let members) = json else { throw mismatch(json, type) }
        var keys = Set<String>()
        var entries: [Entry] = []
        entries.reserveCapacity(members.count)
        for item in members {
            guard keys.insert(item.key).inserted else { throw repeatedKey(item.key) }
            do {
                entries.append(try read(item))
            } catch {
                throw error.at(.key(item.key))
            }
        }
        return entries
    }

    /// The entry objects of a JSON array, each made an entry by `read` from its `keys`' values.
    static func entryObjects<Entry>(
        _ json: JSONValue, keys: [String], _ type: DataType, _ read: ([JSONValue?]) throws(ColumnValueError) -> Entry
    ) throws(ColumnValueError) -> [Entry] {
        guard case .array(let items) = json else { throw mismatch(json, type) }
        let form = "a JSON object " + DataType.entryObjectForm(keys)
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                entries.append(try read(try knownMembers(item, keys: keys, form: form)))
            } catch {
                throw error.at(.index(index))
            }
        }
        return entries
    }

    /// The values of the members named `keys` of a JSON object (`form` says what it should be),
    /// `nil` where missing; any other key, or a key given twice, is an error.
    static func knownMembers(
        _ json: JSONValue, keys: [String], form: String
    ) throws(ColumnValueError) -> [JSONValue?] {
        guard case .object(let members) = json else {
            throw ColumnValueError("expected \(form) but found \(json.shortDescription)")
        }
        var found = [JSONValue?](repeating: nil, count: keys.count)
        for item in members {
            guard let index = keys.firstIndex(of: item.key) else {
                let known = keys.map { JSONValue.string($0).serialized }.joined(separator: ", ")
                throw ColumnValueError("unexpected key \(JSONValue.string(item.key).serialized); the keys are \(known)")
            }
            guard found[index] == nil else { throw repeatedKey(item.key) }
            found[index] = item.value
        }
        return found
    }

    /// What `read` makes of the (possibly missing) member named `key`; its error located at the member.
    static func member<Read>(
        _ json: JSONValue?, named key: String, _ read: (JSONValue?) throws(ColumnValueError) -> Read
    ) throws(ColumnValueError) -> Read {
        do {
            return try read(json)
        } catch {
            throw error.at(.field(key))
        }
    }

    /// The (possibly missing) member named `key` as a value of `type`: NULL when missing, which is
    /// an error if `type` is `NOT NULL`.
    static func memberValue(
        _ json: JSONValue?, named key: String, as type: DataType
    ) throws(ColumnValueError) -> Value {
        try member(json, named: key) { (item) throws(ColumnValueError) in
            guard let item else {
                guard type.isNullable else {
                    throw ColumnValueError("expected a non-null \(type.typeName) but the key is missing")
                }
                return .null
            }
            return try value(item, as: type)
        }
    }

    /// A MULTISET element's count: a JSON integer from 1 to INT's maximum.
    static func count(_ json: JSONValue?) throws(ColumnValueError) -> Int {
        let form = "a JSON integer count from 1 to \(Int32.max)"
        guard let json else { throw ColumnValueError("expected \(form) but the key is missing") }
        guard case .number(let text) = json, let count = Int32(text), count >= 1 else {
            throw ColumnValueError("expected \(form) but found \(json.shortDescription)")
        }
        return Int(count)
    }

    /// An error at the first of `values` equal to an earlier one, at its member `member`.
    static func requireDistinct(_ values: [Value], member: String) throws(ColumnValueError) {
        var seen = Set<Value>()
        for (index, value) in values.enumerated() where !seen.insert(value).inserted {
            throw ColumnValueError(
                "the \(member) \(value) occurs more than once", path: [.index(index), .field(member)])
        }
    }

    private static func repeatedKey(_ key: String) -> ColumnValueError {
        ColumnValueError("the key \(JSONValue.string(key).serialized) occurs more than once")
    }
}
