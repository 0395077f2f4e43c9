import MLPredictPython

extension PythonFunction {
    /// The Python list of input rows `predict_batch` receives.
    func encodeBatch(_ rows: [Row], _ gil: borrowing GIL) throws(MLPredictError) -> PythonReference {
        do throws(ForEachError<MLPredictError>) {
            return try PythonReference(listOf: rows.count, gil) { (index) throws(MLPredictError) in
                try encoder.encode(rows[index], index: index, gil)
            }
        } catch {
            switch error {
            case .body(let error): throw error
            case .python(let error): throw failure(.invalidInput, "could not create the input list", error)
            }
        }
    }

    /// What `predict_batch` returned for `count` input rows, checked: one list of rows per input row.
    func decodeBatch(_ result: borrowing PythonReference, count: Int, _ gil: borrowing GIL) throws(MLPredictError) -> [[Row]] {
        let kind = result.kind(gil)
        guard kind == .list || kind == .tuple, result.sequenceCount(gil) == count else {
            let found = kind == .list || kind == .tuple
                ? "\(result.sequenceCount(gil)) results" : "\(result.typeName(gil)) \(result.shortRepr(gil))"
            throw MLPredictError(
                .invalidOutput,
                "model '\(modelName)': predict_batch returned \(found) for \(count) input rows; "
                    + "it must return a list with one list of rows per input row",
                model: modelName)
        }
        var outputs: [[Row]] = []
        outputs.reserveCapacity(count)
        for index in 0..<count {
            let rows: PythonReference
            do {
                rows = try result.sequenceItem(index, gil)
            } catch {
                throw MLPredictError(.invalidOutput, "model '\(modelName)': predict_batch's result: \(error.message)", model: modelName, cause: error)
            }
            outputs.append(try decoder.decode(rows, .batch(inputRow: index), gil))
        }
        return outputs
    }
}
