import MLPredictPython

/// The state behind a ``PredictionSequence``: a reader task pulls rows while there is room,
/// rows gather into micro-batches, batches run as tasks (up to the concurrency limit), and
/// predictions wait in order (or not) for the consumer.
actor PredictionPipeline<Base: AsyncSequence & Sendable> where Base.Element == Row {
    private let base: Base
    private let model: Model
    private let options: PredictionOptions
    private let threads: PythonThreads
    /// The model's policy with the stream's timeout and error strategy, merged once.
    private let policy: ExecutionPolicy
    /// The most rows read but not yet handed to the consumer.
    private let capacity: Int

    private var reader: Task<Void, Never>?
    private var heldRows = 0
    private var partial: [Row] = []
    /// Numbers batches in input order; the partial batch's number is `nextBatch`.
    private var nextBatch = 0
    private var ready: [(number: Int, rows: [Row])] = []
    private var running: [Int: Task<Void, Never>] = [:]
    /// Finished batches not yet in `output` (ORDERED: waiting for earlier batches).
    private var finished: [Int: [Prediction]] = [:]
    private var nextToOutput = 0
    private var output: [Prediction] = []
    private var inputEnded = false
    private var failure: (any Error)?
    private var consumer: CheckedContinuation<[Prediction], any Error>?
    private var producer: CheckedContinuation<Bool, Never>?

    init(base: Base, model: Model, options: PredictionOptions, threads: PythonThreads) {
        self.base = base
        self.model = model
        self.options = options
        self.threads = threads
        policy = options.policy(for: model)
        capacity = options.readAhead
    }

    /// Every prediction ready (at least one), or none after the last; throws the stream's failure.
    ///
    /// The consumer takes predictions a chunk at a time, so the per-prediction cost is not an actor
    /// call. `consumed`: how many of the previous chunk's predictions it has used, all of them;
    /// until then they count against the read-ahead bound.
    func nextChunk(consumed: Int) async throws -> [Prediction] {
        if reader == nil { startReading() }
        if consumed > 0 {
            heldRows -= consumed
            producer?.resume(returning: true)
            producer = nil
        }
        return try await withCheckedThrowingContinuation { continuation in
            consumer = continuation
            deliver()
        }
    }

    /// Stops reading input and starting batches; a waiting consumer gets ``MLPredictError/Code/cancelled``.
    func cancel() {
        fail(MLPredictError(.cancelled, "model '\(model.name)': the prediction stream was cancelled", model: model.name))
    }

    private func startReading() {
        reader = Task { [base] in
            var rows = base.makeAsyncIterator()
            do {
                while await self.waitForRoom(), let row = try await rows.next() {
                    self.add(row)
                }
                self.endInput()
            } catch {
                self.fail(error)
            }
        }
    }

    /// Waits until one more row may be read; false once the stream failed or was cancelled.
    private func waitForRoom() async -> Bool {
        if failure != nil { return false }
        if heldRows < capacity { return true }
        return await withCheckedContinuation { producer = $0 }
    }

    private func add(_ row: Row) {
        guard failure == nil else { return }
        heldRows += 1
        partial.append(row)
        if partial.count >= options.rowsPerBatch {
            flush()
        } else if partial.count == 1 {
            let batch = nextBatch
            let wait = options.batchMaxWait
            Task {
                try? await Task.sleep(for: wait)
                self.flushIfPending(batch)
            }
        }
    }

    private func flushIfPending(_ batch: Int) {
        if batch == nextBatch, !partial.isEmpty, failure == nil { flush() }
    }

    private func endInput() {
        if !partial.isEmpty { flush() }
        inputEnded = true
        deliver()
    }

    private func flush() {
        ready.append((nextBatch, partial))
        nextBatch += 1
        partial = []
        startReadyBatches()
    }

    private func startReadyBatches() {
        while running.count < options.concurrentBatches, !ready.isEmpty, failure == nil {
            let (number, rows) = ready.removeFirst()
            let (model, threads, policy) = (model, threads, policy)
            running[number] = Task {
                let outcome: Result<[[Row]], MLPredictError>
                do throws(MLPredictError) {
                    outcome = .success(try await model.predict(batch: rows, on: threads, policy: policy))
                } catch {
                    outcome = .failure(error)
                }
                self.finish(number, rows, outcome)
            }
        }
    }

    private func finish(_ number: Int, _ rows: [Row], _ outcome: Result<[[Row]], MLPredictError>) {
        running[number] = nil
        guard failure == nil else { return }
        switch outcome {
        case .failure(let error):
            fail(error)
            return
        case .success(let outputs):
            let predictions = zip(rows, outputs).map { Prediction(input: $0, outputs: $1) }
            switch options.outputMode {
            case .allowUnordered:
                output.append(contentsOf: predictions)
            case .ordered:
                finished[number] = predictions
                while let next = finished.removeValue(forKey: nextToOutput) {
                    output.append(contentsOf: next)
                    nextToOutput += 1
                }
            }
        }
        startReadyBatches()
        deliver()
    }

    private func fail(_ error: any Error) {
        guard failure == nil else { return }
        failure = error
        reader?.cancel()
        for task in running.values { task.cancel() }
        ready = []
        partial = []
        producer?.resume(returning: false)
        producer = nil
        deliver()
    }

    /// Hands the consumer a prediction, the end, or the failure, when there is one to give.
    private func deliver() {
        guard let consumer else { return }
        if let failure {
            self.consumer = nil
            consumer.resume(throwing: failure)
        } else if !output.isEmpty {
            self.consumer = nil
            let chunk = output
            output.removeAll(keepingCapacity: true)
            consumer.resume(returning: chunk)
        } else if inputEnded, running.isEmpty, ready.isEmpty, finished.isEmpty {
            self.consumer = nil
            consumer.resume(returning: [])
        }
    }
}
