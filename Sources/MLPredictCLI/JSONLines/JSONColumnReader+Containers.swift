import MLPredict

/// ARRAY, MAP, MULTISET and ROW, read element by element; an element's error gets its place in
/// the path.
///
/// Flink's `json` format writes a MAP (and a MULTISET, as a MAP of counts) as a JSON object, so
/// only with string keys. For other key or element types, `mlpredict` uses an array of entry
/// objects: `[{"key": …, "value": …}]` and `[{"element": …, "count": n}]`.
extension JSONColumnReader {
    static func array(
        _ json: JSONValue, of element: DataType, _ type: DataType
    ) throws(ColumnValueError) -> [Value] {
        guard case .array(let items) = json else { throw mismatch(json, type) }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                values.append(try value(item, as: element))
            } catch {
                throw error.at(.index(index))
            }
        }
        return values
    }

    /// `{"k": v, …}` for string keys, else `[{"key": k, "value": v}, …]`; keys are distinct.
    static func map(
        _ json: JSONValue, key: DataType, value valueType: DataType, _ type: DataType
    ) throws(ColumnValueError) -> [Value.MapEntry] {
        if key.kind.isCharacterString {
            return try objectEntries(json, type) { (item) throws(ColumnValueError) in
                Value.MapEntry(.string(item.key), try value(item.value, as: valueType))
            }
        }
        let (keyName, valueName) = (DataType.mapEntryKeys[0], DataType.mapEntryKeys[1])
        let entries = try entryObjects(json, keys: DataType.mapEntryKeys, type) { (members) throws(ColumnValueError) in
            Value.MapEntry(
                try memberValue(members[0], named: keyName, as: key),
                try memberValue(members[1], named: valueName, as: valueType))
        }
        try requireDistinct(entries.map(\.key), member: keyName)
        return entries
    }

    /// `{"e": n, …}` for string elements, else `[{"element": e, "count": n}, …]`; elements are
    /// distinct and counts from 1 to INT's maximum (a Flink MULTISET's counts are INTs).
    static func multiset(
        _ json: JSONValue, of element: DataType, _ type: DataType
    ) throws(ColumnValueError) -> [Value.MultisetEntry] {
        if element.kind.isCharacterString {
            return try objectEntries(json, type) { (item) throws(ColumnValueError) in
                Value.MultisetEntry(.string(item.key), count: try count(item.value))
            }
        }
        let (elementName, countName) = (DataType.multisetEntryKeys[0], DataType.multisetEntryKeys[1])
        let entries = try entryObjects(json, keys: DataType.multisetEntryKeys, type) {
            (members) throws(ColumnValueError) in
            Value.MultisetEntry(
                try memberValue(members[0], named: elementName, as: element),
                count: try member(members[1], named: countName, count))
        }
        try requireDistinct(entries.map(\.element), member: elementName)
        return entries
    }

    /// `{"name": v, …}` with only the fields' names as keys, each at most once; a missing field is
    /// NULL.
    static func row(_ json: JSONValue, fields: [DataType.Field], _ type: DataType) throws(ColumnValueError) -> Row {
        let members = try knownMembers(json, keys: fields.map(\.name), form: type.jsonForm)
        var values: [Value] = []
        values.reserveCapacity(fields.count)
        for (field, item) in zip(fields, members) {
            values.append(try memberValue(item, named: field.name, as: field.type))
        }
        return Row(values)
    }
}
