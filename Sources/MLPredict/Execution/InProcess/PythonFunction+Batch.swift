import MLPredictPython

extension PythonFunction {
    /// The Python list of input rows `predict_batch` receives.
    func encodeBatch(_ rows: [Row], _ gil: borrowing GIL) throws(MLPredictError) -> PythonReference {
        try encoder.encodeBatch(rows, gil)
    }

    /// What `predict_batch` returned for `count` input rows, checked: one list of rows per input row.
    func decodeBatch(_ result: borrowing PythonReference, count: Int, _ gil: borrowing GIL) throws(MLPredictError) -> [[Row]] {
        try decoder.decodeBatch(result, count: count, gil)
    }
}

extension OutputRowDecoder {
    /// Appends what `predict_batch` returned for `count` input rows to `output`, checked as
    /// ``decodeBatch(_:count:_:)`` checks it, ending each input row's outputs.
    func decodeBatch(
        _ result: borrowing PythonReference, count: Int, into output: inout PredictedRows, _ gil: borrowing GIL
    ) throws(MLPredictError) {
        try checkBatch(result, count: count, gil)
        for index in 0..<count {
            try decode(batchItem(result, index, gil), .batch(inputRow: index), into: &output, gil)
            output.endInput()
        }
    }
}

extension InputRowEncoder {
    /// The Python list of input rows `predict_batch` receives.
    func encodeBatch(_ rows: [Row], _ gil: borrowing GIL) throws(MLPredictError) -> PythonReference {
        do throws(ForEachError<MLPredictError>) {
            return try PythonReference(listOf: rows.count, gil) { (index) throws(MLPredictError) in
                try encode(rows[index], index: index, gil)
            }
        } catch {
            switch error {
            case .body(let error): throw error
            case .python(let error):
                throw MLPredictError(
                    .invalidInput, "model '\(model)': could not create the input list \(error.summary)", model: model,
                    cause: error)
            }
        }
    }
}

extension OutputRowDecoder {
    /// What `predict_batch` returned for `count` input rows, checked: one list of rows per input row.
    func decodeBatch(_ result: borrowing PythonReference, count: Int, _ gil: borrowing GIL) throws(MLPredictError) -> [[Row]] {
        try checkBatch(result, count: count, gil)
        var outputs: [[Row]] = []
        outputs.reserveCapacity(count)
        for index in 0..<count {
            outputs.append(try decode(batchItem(result, index, gil), .batch(inputRow: index), gil))
        }
        return outputs
    }

    /// Item `index` of `predict_batch`'s result: the output rows of input row `index`.
    private func batchItem(_ result: borrowing PythonReference, _ index: Int, _ gil: borrowing GIL) throws(MLPredictError) -> PythonReference {
        do {
            return try result.sequenceItem(index, gil)
        } catch {
            throw MLPredictError(.invalidOutput, "model '\(model)': predict_batch's result: \(error.message)", model: model, cause: error)
        }
    }

    /// Checks that `predict_batch`'s result is a list of `count` results.
    private func checkBatch(_ result: borrowing PythonReference, count: Int, _ gil: borrowing GIL) throws(MLPredictError) {
        let kind = result.kind(gil)
        guard kind == .list || kind == .tuple, result.sequenceCount(gil) == count else {
            let found = kind == .list || kind == .tuple
                ? "\(result.sequenceCount(gil)) results" : result.valueDescription(gil)
            let hint = result.isDataFrame(gil)
                ? " (for one output row per input row, with the DataFrame's columns in OUTPUT order: "
                    + "[[row] for row in df.itertuples(index=False, name=None)])"
                : ""
            throw MLPredictError(
                .invalidOutput,
                "model '\(model)': predict_batch returned \(found) for \(count) input rows; "
                    + "it must return a list with one list of rows per input row\(hint)",
                model: model)
        }
    }
}
