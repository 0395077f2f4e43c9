public import MLPredictPython

extension AsyncSequence where Self: Sendable, Element == Row {
    /// The predictions of `model` for this stream's rows, one ``Prediction`` per input row.
    ///
    /// Rows are grouped into micro-batches of up to `'batch-size'` rows (a batch that is not full
    /// goes after `'batch-max-wait'`), each predicted with one `predict_batch` call through
    /// ``Model/predict(batch:on:)``, up to `'max-concurrent-operations'` batches at once. Rows are
    /// read only as output is consumed: at most `'max-concurrent-operations'` × `'batch-size'` rows
    /// are read ahead of the consumer, so an endless input keeps memory flat.
    ///
    /// The stream fails with the input's error, with the model's ``MLPredictError`` for a failed
    /// batch, or with ``MLPredictError/Code/timedOut`` for a batch slower than `'timeout'`, as soon
    /// as it happens: predictions not yet consumed are dropped.
    /// Timeouts are cooperative: the stream stops waiting, but Python code cannot be interrupted
    /// in-process, so the call runs to its end and its result is discarded. Cancelling the
    /// consuming task (or dropping the iterator) stops reading input and starting batches; the
    /// model stays usable.
    public func predictions(
        with model: Model, options: PredictionOptions = PredictionOptions(), threads: PythonThreads = .shared
    ) -> PredictionSequence<Self> {
        PredictionSequence(base: self, model: model, options: options, threads: threads)
    }
}

/// The predictions of a model for an asynchronous sequence of rows (see
/// ``Swift/AsyncSequence/predictions(with:options:threads:)``).
public struct PredictionSequence<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == Row {
    public typealias Element = Prediction
    public typealias Failure = any Error

    let base: Base
    let model: Model
    let options: PredictionOptions
    let threads: PythonThreads

    public func makeAsyncIterator() -> Iterator {
        Iterator(pipeline: PredictionPipeline(base: base, model: model, options: options, threads: threads))
    }

    /// Reads predictions in the order `'output-mode'` asks for; nil after the last.
    public struct Iterator: AsyncIteratorProtocol {
        private let owner: Owner
        /// The chunk being handed out, and the next prediction's position in it.
        private var chunk: [Prediction] = []
        private var position = 0

        init(pipeline: PredictionPipeline<Base>) {
            owner = Owner(pipeline)
        }

        public mutating func next() async throws -> Prediction? {
            if position < chunk.count {
                defer { position += 1 }
                return chunk[position]
            }
            let (pipeline, consumed) = (owner.pipeline, chunk.count)
            chunk = []
            position = 0
            chunk = try await withTaskCancellationHandler {
                try await pipeline.nextChunk(consumed: consumed)
            } onCancel: {
                Task { await pipeline.cancel() }
            }
            guard let first = chunk.first else { return nil }
            position = 1
            return first
        }
    }

    /// Stops the pipeline when the last copy of its iterator is dropped.
    final class Owner: Sendable {
        let pipeline: PredictionPipeline<Base>
        init(_ pipeline: PredictionPipeline<Base>) { self.pipeline = pipeline }
        deinit {
            let pipeline = pipeline
            Task { await pipeline.cancel() }
        }
    }
}
