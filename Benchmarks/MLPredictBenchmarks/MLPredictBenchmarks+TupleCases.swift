import MLPredict

/// (t) onwards: the floors over plain tuples (issue 9's table) and the library against them: the
/// tuple model per row and at 256 rows per batch, the pure-Python loop, and the reference model.
extension MLPredictBenchmarks {
    /// The tuple floor per row and at 256 rows, the pure-Python loop, the tuple model through
    /// `Model.predict` and `Model.predict(batch:)`, and `(c)` (the reference model per row)
    /// against the tuple floor.
    func addTupleCases(
        to cases: inout BenchmarkCases, _ inputs: ReferenceInputs, _ modelRows: [Row], model: Model,
        referenceModel: Model, referencePerRow: Int
    ) throws {
        let expected = inputs.expectedTotals
        let floor = try FloorInstance(for: model, plainTuples: true)
        let tupleFloor = cases.add("C floor per row over tuples, GIL taken per row", rows: rows, expecting: expected) {
            try floor.run(inputs, gilPerRow: true)
        }
        cases.add(
            "pure-Python loop in the embedded interpreter, GIL held", rows: rows, versus: tupleFloor, expecting: expected
        ) { try floor.runPythonLoop(inputs) }
        cases.add("Model.predict per row, tuple model", rows: rows, versus: tupleFloor, target: 2, expecting: expected) {
            try ReferenceModel.predict(modelRows, with: model)
        }
        cases.add(
            "Model.predict(_:into:) per row, tuple model, no Swift value per cell", rows: rows, versus: tupleFloor,
            target: 1.5, expecting: expected
        ) { try ReferenceModel.predictInto(modelRows, with: model) }
        cases.compare(referencePerRow, versus: tupleFloor, target: 2.5)
        cases.add(
            "Model.predict(_:into:) per row, reference model", rows: rows, versus: tupleFloor, expecting: expected
        ) { try ReferenceModel.predictInto(modelRows, with: referenceModel) }
        let batchFloor = cases.add("C floor predict_batch over tuples, 256 rows per call", rows: rows, expecting: expected) {
            try floor.runBatches(inputs, batchSize: 256)
        }
        let batches = Self.batches(of: modelRows, size: 256)
        cases.add(
            "Model.predict(batch:), 256 rows, tuple model", rows: rows, versus: batchFloor, target: 1.3,
            expecting: expected
        ) { try ReferenceModel.predict(batches: batches, with: model) }
        cases.add(
            "Model.predict(batch:into:), 256 rows, tuple model", rows: rows, versus: batchFloor, target: 1.3,
            expecting: expected
        ) { try ReferenceModel.predictInto(batches: batches, with: model) }
    }
}
