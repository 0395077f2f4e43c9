internal import CBenchmarkFloor
import MLPredict

/// The C floor's own opened instance of a model's Python class, loaded and configured with the
/// same class, directory and model config as the library's.
final class FloorInstance {
    private let floor: OpaquePointer

    init(for model: Model) throws {
        guard let function = (model.provider as? any PythonPredictRuntimeProvider)?.pythonPredictFunction else {
            throw BenchmarkError("model '\(model.name)' is not a Python model")
        }
        var error: UnsafeMutablePointer<CChar>?
        guard
            let floor = CBenchmarkFloor_Open(
                function.modelDirectory, function.pythonClass, function.modelName, function.modelConfig,
                model.inputSchema.names[0], &error)
        else { throw BenchmarkError(cMessage: error) }
        self.floor = floor
    }

    deinit {
        CBenchmarkFloor_Close(floor)
    }

    /// Cases (a) and (b): predicts every input in C, taking the GIL once or once per row.
    func run(_ inputs: ReferenceInputs, gilPerRow: Bool) throws -> Totals {
        var totals = CBenchmarkFloorTotals()
        var error: UnsafeMutablePointer<CChar>?
        let status = inputs.bytes.withUnsafeBufferPointer { bytes in
            CBenchmarkFloor_Run(
                floor, bytes.baseAddress!, ReferenceInputs.textLength, Int64(inputs.count), gilPerRow ? 1 : 0,
                &totals, &error)
        }
        guard status == 0 else { throw BenchmarkError(cMessage: error) }
        return Totals(totals)
    }

    /// The batch floor: predicts every input in C through `predict_batch`, `batchSize` rows per
    /// call, taking the GIL once per batch.
    func runBatches(_ inputs: ReferenceInputs, batchSize: Int) throws -> Totals {
        var totals = CBenchmarkFloorTotals()
        var error: UnsafeMutablePointer<CChar>?
        let status = inputs.bytes.withUnsafeBufferPointer { bytes in
            CBenchmarkFloor_RunBatches(
                floor, bytes.baseAddress!, ReferenceInputs.textLength, Int64(inputs.count), Int64(batchSize),
                &totals, &error)
        }
        guard status == 0 else { throw BenchmarkError(cMessage: error) }
        return Totals(totals)
    }
}
