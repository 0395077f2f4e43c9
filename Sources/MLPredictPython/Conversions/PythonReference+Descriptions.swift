internal import CPython
internal import CPythonShim

extension PythonReference {
    /// The shape of an array-like value (a numpy array, a pandas Series: `shape`), `nil` for
    /// anything else, numpy scalars included. A 0-dimensional numpy array has the shape `[]`.
    /// Cheap for other objects: it compares the type's C name before looking at its module.
    public func arrayShape(_ gil: borrowing GIL) -> [Int]? {
        let cName = CPythonShim_Py_TYPE(pointer).pointee.tp_name.map { String(cString: $0) }
        guard cName == "numpy.ndarray" || (cName == "Series" && typeName(gil) == "pandas.Series") else { return nil }
        guard let shape = try? attribute("shape", gil), shape.kind(gil) == .tuple else { return nil }
        var dimensions: [Int] = []
        for index in 0..<shape.sequenceCount(gil) {
            guard let item = try? shape.sequenceItem(index, gil), item.kind(gil) == .int, let size = item.int64Value(gil) else {
                return nil
            }
            dimensions.append(Int(size))
        }
        return dimensions
    }

    /// The object as error messages show it: its type and a short `repr`, or for a numpy array,
    /// a pandas Series or DataFrame their shape and dtype instead of a multi-line `repr`
    /// (`numpy.ndarray of shape (1, 1) and dtype float64`).
    public func valueDescription(_ gil: borrowing GIL) -> String {
        let name = typeName(gil)
        func text(_ attribute: String) -> String? {
            guard let value = try? self.attribute(attribute, gil) else { return nil }
            return value.description(gil)
        }
        switch name {
        case "numpy.ndarray", "pandas.Series":
            guard let shape = text("shape") else { break }
            let dtype = text("dtype").map { " and dtype \($0)" } ?? ""
            return "\(name) of shape \(shape)\(dtype)"
        case "pandas.DataFrame":
            guard let shape = text("shape") else { break }
            return "\(name) of shape \(shape)"
        case "mlpredict._frames.FrameData":
            // A DataFrame as a process-mode worker sends it; its repr is `<pandas.DataFrame of shape (3, 2)>`.
            return String(description(gil).dropFirst().dropLast())
        default: break
        }
        return "\(name) \(shortRepr(gil))"
    }
}

extension PythonReference {
    /// Whether this is a pandas DataFrame (or subclass), or the `mlpredict._frames.FrameData` a
    /// process-mode worker sends for one; pandas is not imported to tell.
    public func isDataFrame(_ gil: borrowing GIL) -> Bool {
        guard kind(gil) == .other else { return false }
        guard let mro = try? attribute("__class__", gil).attribute("__mro__", gil), mro.kind(gil) == .tuple else { return false }
        for index in 0..<mro.sequenceCount(gil) {
            guard let type = try? mro.sequenceItem(index, gil) else { continue }
            let name = type.qualifiedTypeName(gil)
            if name == "pandas.DataFrame" || name == "mlpredict._frames.FrameData" { return true }
            if name.hasPrefix("pandas."), name.hasSuffix(".DataFrame") { return true }
        }
        return false
    }
}
