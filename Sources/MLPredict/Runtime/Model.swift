/// A loaded model: predicts rows, safely from many threads and tasks at once, until closed.
///
/// Create one with ``ModelRegistry/createModel(fromDDL:relativeTo:)``:
/// ```swift
/// let model = try ModelRegistry.default.createModel(fromDDL: sql)
/// let rows = try model.predict(["I love this product"])
/// ```
public final class Model: Sendable {
    /// The model's name from its definition.
    public let name: String
    /// The INPUT columns: each input row has these values, in order.
    public let inputSchema: Schema
    /// The OUTPUT columns: each output row has these values, in order.
    public let outputSchema: Schema
    /// The provider the model was created by.
    public let provider: any ModelProvider

    let function: any PredictFunction
    let lifecycle = ModelLifecycle()

    /// Loads the model `provider` offers (through ``PredictRuntimeProvider`` or ``PythonPredictRuntimeProvider``).
    public init(provider: any ModelProvider) throws(MLPredictError) {
        let context = provider.context
        name = context.modelName
        inputSchema = context.inputSchema
        outputSchema = context.outputSchema
        self.provider = provider
        switch provider {
        case let python as any PythonPredictRuntimeProvider:
            function = try python.pythonPredictFunction.createPythonFunction()
        case let swift as any PredictRuntimeProvider:
            do {
                function = try swift.createPredictFunction()
            } catch {
                throw MLPredictError.wrapping(error, .openFailed, "model '\(name)': creating its predict function failed", model: name)
            }
        default:
            throw MLPredictError(
                .unknownProvider,
                "model '\(name)': provider \(type(of: provider)) offers no predict runtime "
                    + "(it must conform to PredictRuntimeProvider or PythonPredictRuntimeProvider)",
                model: name)
        }
    }

    deinit {
        try? close()
    }

    /// Predicts the output rows for one input row.
    ///
    /// - Parameter row: the values of the INPUT columns, in order; converted by the column types.
    /// - Returns: zero or more rows of the OUTPUT columns.
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/invalidInput``,
    ///   ``MLPredictError/Code/predictFailed`` (with the Python traceback),
    ///   ``MLPredictError/Code/invalidOutput`` or ``MLPredictError/Code/modelClosed``. The model
    ///   stays usable after any of them.
    @available(*, noasync, message: "in async code, await predict(_:on:), which runs on PythonThreads")
    public func predict(_ row: Row) throws(MLPredictError) -> [Row] {
        guard lifecycle.enter() else {
            throw MLPredictError(.modelClosed, "model '\(name)' is closed", model: name)
        }
        defer { lifecycle.leave() }
        do {
            return try function.predict(row)
        } catch {
            throw MLPredictError.wrapping(error, .predictFailed, "model '\(name)': predict failed", model: name)
        }
    }

    /// Predicts the output rows for each of a batch of input rows, crossing into Python once: one
    /// GIL acquisition and one call of the model's `predict_batch` (which calls `predict` per row
    /// unless the model overrides it).
    ///
    /// - Parameter rows: input rows, each checked as ``predict(_:)`` checks one.
    /// - Returns: one list of output rows per input row, in order.
    /// - Throws: ``MLPredictError`` with the codes of ``predict(_:)``; the message names the
    ///   failing row's position in `rows` (`input row 3`, `row 0 of predict_batch's result for
    ///   input row 3`). Nothing of a failed batch is returned.
    @available(*, noasync, message: "in async code, await predict(batch:on:), which runs on PythonThreads")
    public func predict(batch rows: [Row]) throws(MLPredictError) -> [[Row]] {
        guard lifecycle.enter() else {
            throw MLPredictError(.modelClosed, "model '\(name)' is closed", model: name)
        }
        defer { lifecycle.leave() }
        do {
            return try function.predict(batch: rows)
        } catch {
            throw MLPredictError.wrapping(error, .predictFailed, "model '\(name)': predict_batch failed", model: name)
        }
    }

    /// Predicts one output row per input row, column by column, crossing into Python once: the
    /// model's `predict_columns` receives each input column as one object (BOOLEAN and numeric
    /// typed columns as `memoryview`s of the arrays' own memory, which `numpy.asarray` wraps
    /// without copying; other columns as lists) and returns the OUTPUT columns.
    ///
    /// - Parameter batch: the INPUT columns, in order, all of one length.
    /// - Returns: the OUTPUT columns, in order, as long as the input's; BOOLEAN and numeric columns
    ///   without NULLs typed (``ColumnValues/double(_:)`` ...), others ``ColumnValues/values(_:)``.
    /// - Throws: ``MLPredictError`` with the codes of ``predict(_:)``; messages name the column
    ///   and the row.
    public func predictColumns(_ batch: ColumnBatch) throws(MLPredictError) -> ColumnBatch {
        guard lifecycle.enter() else {
            throw MLPredictError(.modelClosed, "model '\(name)' is closed", model: name)
        }
        defer { lifecycle.leave() }
        do {
            return try function.predictColumns(batch)
        } catch {
            throw MLPredictError.wrapping(error, .predictFailed, "model '\(name)': predict_columns failed", model: name)
        }
    }

    /// Closes the model: waits for predictions in flight, then calls its `close()` exactly once.
    /// Later calls do nothing; later predictions fail with ``MLPredictError/Code/modelClosed``.
    public func close() throws(MLPredictError) {
        guard lifecycle.closeAndWait() else { return }
        do {
            try function.close()
        } catch {
            throw MLPredictError.wrapping(error, .closeFailed, "model '\(name)': close failed", model: name)
        }
    }
}
