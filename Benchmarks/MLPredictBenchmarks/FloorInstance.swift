#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CBenchmarkFloor
import MLPredict

/// The C floor's own opened instance of a model's Python class, loaded and configured with the
/// same class, directory, model config and INPUT columns as the library's.
final class FloorInstance {
    private let floor: OpaquePointer

    /// The floor of `model`'s class; its input rows are `mlpredict.Row`s of the INPUT columns, as
    /// the library's, or with `plainTuples` plain tuples (the tuple floor).
    init(for model: Model, plainTuples: Bool = false) throws {
        guard let function = (model.provider as? any PythonPredictRuntimeProvider)?.pythonPredictFunction else {
            throw BenchmarkError("model '\(model.name)' is not a Python model")
        }
        let columns = model.inputSchema.names.map { UnsafePointer(strdup($0)!) }
        defer { columns.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        var error: UnsafeMutablePointer<CChar>?
        guard
            let floor = CBenchmarkFloor_Open(
                function.modelDirectory, function.pythonClass, function.modelName, function.modelConfig,
                columns, columns.count, plainTuples ? 1 : 0, &error)
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

    /// Predicts every input in a pure-Python loop (the module's `run_loop`), the GIL held throughout.
    func runPythonLoop(_ inputs: ReferenceInputs) throws -> Totals {
        var totals = CBenchmarkFloorTotals()
        var error: UnsafeMutablePointer<CChar>?
        let status = inputs.bytes.withUnsafeBufferPointer { bytes in
            CBenchmarkFloor_RunPythonLoop(
                floor, bytes.baseAddress!, ReferenceInputs.textLength, Int64(inputs.count), &totals, &error)
        }
        guard status == 0 else { throw BenchmarkError(cMessage: error) }
        return Totals(totals)
    }

    /// Cases (d) and (e): converts and predicts every mixed-type row in C, taking the GIL once or
    /// once per row.
    func run(_ inputs: MixedInputs, gilPerRow: Bool) throws -> MixedTotals {
        var totals = CBenchmarkMixedTotals()
        var error: UnsafeMutablePointer<CChar>?
        let status = inputs.texts.withUnsafeBufferPointer { texts in
            texts.withMemoryRebound(to: CChar.self) { texts in
                CBenchmarkFloor_RunMixed(
                    floor, inputs.cRows, texts.baseAddress!, Int64(inputs.count), gilPerRow ? 1 : 0, &totals, &error)
            }
        }
        guard status == 0 else { throw BenchmarkError(cMessage: error) }
        return MixedTotals(totals)
    }

    /// Cases (g) to (i): predicts every input in C through `predict_batch`, `batchSize` rows per
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
