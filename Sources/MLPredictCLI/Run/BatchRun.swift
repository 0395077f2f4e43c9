import MLPredict

/// Reads rows, predicts them in micro-batches and writes the results.
///
/// A batch grows while input is ready, up to ``batchSize`` rows; it is predicted as soon as reading
/// on would wait, so a trickle of rows on standard input is answered row by row.
struct BatchRun {
    let model: Model
    let source: any RowSource
    let sink: any RowSink
    let output: OutputStream
    let batchSize: Int
    let skipBadRows: Bool
    /// The input's name in error messages: a path or `<stdin>`.
    let inputName: String
    let progress: ProgressLine
    private(set) var counts = RunCounts()
    /// The predictions of the batch being written, in storage reused from batch to batch.
    private var predicted: PredictedRows

    init(
        model: Model, source: any RowSource, sink: any RowSink, output: OutputStream, batchSize: Int,
        skipBadRows: Bool, inputName: String, progress: ProgressLine
    ) {
        self.model = model
        self.source = source
        self.sink = sink
        self.output = output
        self.batchSize = batchSize
        self.skipBadRows = skipBadRows
        self.inputName = inputName
        self.progress = progress
        predicted = PredictedRows(model.outputSchema)
    }

    mutating func run() throws(RunError) {
        var batch: [InputRecord] = []
        batch.reserveCapacity(batchSize)
        var atEnd = false
        /// A bad line that ends the run once the rows before it are predicted.
        var badLine: RunError?
        while !atEnd {
            batch.removeAll(keepingCapacity: true)
            while batch.count < batchSize {
                if source.wouldBlock {
                    if !batch.isEmpty { break }
                    if output.hasBufferedLines { output.flush() }
                }
                do {
                    guard let record = try source.next() else {
                        atEnd = true
                        break
                    }
                    batch.append(record)
                    counts.rowsIn += 1
                } catch {
                    if skipBadRows, !error.isFatal {
                        counts.skip(error)
                        continue
                    }
                    badLine = RunError("\(place(error.line)): \(error.message)")
                    atEnd = true
                    break
                }
            }
            if !batch.isEmpty { try predict(batch) }
            progress.update(counts, bytesRead: source.bytesRead)
        }
        if let badLine {
            counts.failed += 1
            throw badLine
        }
        if let failure = source.failure { throw RunError(failure, status: ExitStatus.ioFailed) }
    }

    /// `FILE:LINE`.
    private func place(_ line: Int) -> String { "\(inputName):\(line)" }

    /// Predicts `batch` with one predict_batch call; if it fails, predicts its rows one by one, so
    /// that the rows before the failing one are written and the error names its line.
    private mutating func predict(_ batch: [InputRecord]) throws(RunError) {
        flushBeforePrediction()
        let start = ContinuousClock.now
        do {
            try model.predict(batch: batch.map(\.row), into: &predicted)
        } catch {
            guard batch.count > 1, error.code != .timedOut, error.code != .modelClosed else {
                counts.failed += 1
                let lines = batch.count == 1 ? place(batch[0].line) : "\(place(batch[0].line))-\(batch.last!.line)"
                throw RunError("\(lines): \(error)")
            }
            for record in batch { try predict(single: record) }
            return
        }
        counts.latencies.append((ContinuousClock.now - start).seconds)
        for (input, record) in batch.enumerated() { try write(record, predicted.rows(ofInput: input)) }
    }

    private mutating func predict(single record: InputRecord) throws(RunError) {
        flushBeforePrediction()
        let start = ContinuousClock.now
        do {
            try model.predict(record.row, into: &predicted)
        } catch {
            counts.failed += 1
            throw RunError("\(place(record.line)): \(error)")
        }
        counts.latencies.append((ContinuousClock.now - start).seconds)
        try write(record, 0..<predicted.count)
    }

    /// Writes `rows` of ``predicted``, the output rows of `record`.
    private mutating func write(_ record: InputRecord, _ rows: Range<Int>) throws(RunError) {
        for row in rows {
            do {
                try sink.write(record, predicted, row: row)
            } catch {
                counts.failed += 1
                throw RunError("\(place(record.line)): \(error)")
            }
            counts.rowsOut += 1
        }
    }

    /// An in-process model can take the process down: what was predicted is written out first.
    private func flushBeforePrediction() {
        if model.isIsolated { output.flushIfDue() } else { output.flush() }
    }
}
