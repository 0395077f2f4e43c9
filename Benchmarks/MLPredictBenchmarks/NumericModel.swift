import MLPredict
import MLPredictPython

/// The columnar case: `Benchmarks/models/numeric` (`INPUT (x DOUBLE)`, `OUTPUT (y DOUBLE)`,
/// `y = 2x + 1` with numpy) through ``Model/predictColumns(_:)``, and numpy alone running the same
/// computation on an array already in Python.
struct NumericModel {
    static let directory = BenchmarkModels.directory("numeric")

    let model: Model
    /// x = 0, 1, 2, ... as a Swift array (the columnar input) and as a numpy array (the baseline's).
    let inputs: [Double]
    private let numpyInputs: PythonObject
    private let numpyAlone: PythonObject

    init(rows: Int) throws {
        model = try ModelRegistry.default.createModel(
            fromDDL: """
                CREATE MODEL `numeric` INPUT (x DOUBLE) OUTPUT (y DOUBLE)
                WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Self.directory)',
                      'python-predict-class' = 'numeric.NumericPredictFunction')
                """)
        inputs = (0..<rows).map(Double.init)
        (numpyInputs, numpyAlone) = try Interpreter.withGIL { gil throws(PythonError) in
            let module = try Interpreter.importModule("runpy", gil).attribute("run_path", gil)
                .call(PythonReference(string: "\(Self.directory)/numeric.py", gil), gil)
            let get = try module.attribute("get", gil)
            let arange = try Interpreter.importModule("numpy", gil).attribute("arange", gil)
            return (
                PythonObject(try arange.call(PythonReference(Double(rows), gil), gil)),
                PythonObject(try get.call(PythonReference(string: "numpy_alone", gil), gil))
            )
        }
    }

    /// What both cases read: one value per row summing to Σ(2x + 1) = rows².
    var expectedTotals: Totals {
        Totals(outputRows: inputs.count, scoreSum: Double(inputs.count) * Double(inputs.count))
    }

    /// `predictColumns` on the whole column, summing the output column in Swift.
    func predictColumns() throws -> Totals {
        let output = try model.predictColumns(ColumnBatch([.double(inputs)]))
        guard case .double(let values) = output.columns[0] else {
            throw BenchmarkError("predictColumns returned an untyped column; expected .double")
        }
        return Totals(outputRows: values.count, scoreSum: Self.sum(values))
    }

    /// The sum with four accumulators, so that it vectorizes as numpy's does (exact here: the
    /// values are integers whose partial sums stay below 2^53).
    private static func sum(_ values: [Double]) -> Double {
        var partial = SIMD4<Double>()
        let whole = values.count / 4 * 4
        for index in stride(from: 0, to: whole, by: 4) {
            partial += SIMD4(values[index], values[index + 1], values[index + 2], values[index + 3])
        }
        return partial.sum() + values[whole...].reduce(0, +)
    }

    /// The baseline: `numpy_alone(x)` on the numpy array, summed by numpy.
    func numpyBaseline() throws -> Totals {
        let sum = try Interpreter.withGIL { gil throws(PythonError) in
            try numpyAlone.reference(gil).call(numpyInputs.reference(gil), gil).doubleValue(gil)
        }
        return Totals(outputRows: inputs.count, scoreSum: sum)
    }
}
