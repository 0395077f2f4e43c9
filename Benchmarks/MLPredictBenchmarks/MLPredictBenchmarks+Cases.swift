import MLPredict

/// The run's cases in table order: (a)-(c) per row, (d)-(f) conversions, (g)-(l) batches,
/// (m)-(n) columnar, then (o)-(s) streaming and async (MLPredictBenchmarks+AsyncCases.swift).
/// Every input is generated here, before timing.
extension MLPredictBenchmarks {
    /// (a)-(c): the reference model one row at a time, in C and through `Model.predict`; returns (c).
    func addPerRowCases(
        to cases: inout BenchmarkCases, _ inputs: ReferenceInputs, _ modelRows: [Row], model: Model,
        floor: FloorInstance
    ) -> Int {
        let expected = inputs.expectedTotals
        let heldGIL = cases.add("C floor per row, GIL held for the loop", rows: rows, expecting: expected) {
            try floor.run(inputs, gilPerRow: false)
        }
        let perRow = cases.add("C floor per row, GIL taken per row", rows: rows, versus: heldGIL, expecting: expected) {
            try floor.run(inputs, gilPerRow: true)
        }
        return cases.add("Model.predict per row", rows: rows, versus: perRow, target: 1.5, expecting: expected) {
            try ReferenceModel.predict(modelRows, with: model)
        }
    }

    /// (d)-(f): the conversions of 10 mixed-type columns around the identity model.
    func addMixedCases(to cases: inout BenchmarkCases, model: Model) throws {
        let inputs = MixedInputs(count: mixedRows)
        let floor = try FloorInstance(for: model)
        let modelRows = inputs.rows()
        let expected = try MixedInputs.expectedTotals(of: modelRows)
        let heldGIL = cases.add(
            "C conversions, 10 mixed columns, GIL held for the loop", rows: mixedRows, expecting: expected
        ) { try floor.run(inputs, gilPerRow: false) }
        let perRow = cases.add(
            "C conversions, 10 mixed columns, GIL taken per row", rows: mixedRows, versus: heldGIL,
            expecting: expected
        ) { try floor.run(inputs, gilPerRow: true) }
        cases.add(
            "Model.predict, 10 mixed columns", rows: mixedRows, versus: perRow, target: 1.5, expecting: expected
        ) { try MixedModel.predict(modelRows, with: model) }
    }

    /// (g)-(l): `predict_batch` from C, then `Model.predict(batch:)`, at each of ``batchSizes``;
    /// returns (k), the batch of 256 rows.
    func addBatchCases(
        to cases: inout BenchmarkCases, _ inputs: ReferenceInputs, _ modelRows: [Row], model: Model,
        floor: FloorInstance
    ) -> Int {
        let expected = inputs.expectedTotals
        let floors = Self.batchSizes.map { size in
            cases.add("C floor predict_batch, \(size) rows per call", rows: rows, expecting: expected) {
                try floor.runBatches(inputs, batchSize: size)
            }
        }
        let batchCases = zip(Self.batchSizes, floors).map { size, batchFloor in
            let batches = Self.batches(of: modelRows, size: size)
            return cases.add(
                "Model.predict(batch:), \(size) rows", rows: rows, versus: batchFloor, target: size == 256 ? 1.3 : nil,
                expecting: expected
            ) { try ReferenceModel.predict(batches: batches, with: model) }
        }
        return batchCases[Self.batchSizes.firstIndex(of: 256)!]
    }

    /// `rows` cut into batches of `size` rows (the last one shorter).
    static func batches(of rows: [Row], size: Int) -> [[Row]] {
        stride(from: 0, to: rows.count, by: size).map { Array(rows[$0..<min($0 + size, rows.count)]) }
    }

    /// (m)-(n): numpy alone, then `Model.predictColumns` on the numpy model, over one batch of all rows.
    func addColumnarCases(to cases: inout BenchmarkCases, _ numeric: NumericModel) {
        let numpyAlone = cases.add(
            "numpy alone: y = 2x + 1 on an array in Python", rows: rows, expecting: numeric.expectedTotals
        ) { try numeric.numpyBaseline() }
        cases.add(
            "Model.predictColumns, numpy model, one batch", rows: rows, versus: numpyAlone, target: 2,
            expecting: numeric.expectedTotals
        ) { try numeric.predictColumns() }
    }
}
