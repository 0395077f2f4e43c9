import Testing

@testable import MLPredict

@Suite("PredictionOptions: Flink's ML_PREDICT runtime options from strings")
struct PredictionOptionsTests {
    @Test func defaults() throws {
        let options = try PredictionOptions([:])
        #expect(options == PredictionOptions())
        #expect(options.isAsync && options.maxConcurrentOperations == 10 && options.outputMode == .ordered)
        #expect(options.timeout == .seconds(180) && options.batchSize == 1 && options.batchMaxWait == .milliseconds(10))
    }

    @Test func everyKey() throws {
        let options = try PredictionOptions([
            "async": "FALSE", "max-concurrent-operations": "50", "output-mode": "allow_unordered",
            "timeout": "30 s", "batch-size": " 64 ", "batch-max-wait": "250",
        ])
        #expect(
            options
                == PredictionOptions(
                    isAsync: false, maxConcurrentOperations: 50, outputMode: .allowUnordered, timeout: .seconds(30),
                    batchSize: 64, batchMaxWait: .milliseconds(250)))
        #expect(options.concurrentBatches == 1)
    }

    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("2 min", .seconds(120)), ("1h", .seconds(3600)), ("3 d", .seconds(259_200)),
        ("7 seconds", .seconds(7)), ("15 us", .microseconds(15)), ("9ns", .nanoseconds(9)), ("1 m", .seconds(60)),
    ])
    func flinkDurations(text: String, duration: Duration) throws {
        #expect(try PredictionOptions(["timeout": text]).timeout == duration)
    }

    @Test func unknownKeysListTheSupportedOnes() {
        let error = Fixtures.error { _ = try PredictionOptions(["capacity": "10"]) }
        #expect(error?.code == .unsupportedOption)
        #expect(
            error?.message
                == "unsupported ML_PREDICT option 'capacity'; supported options: 'async', 'batch-max-wait', 'batch-size', "
                + "'max-concurrent-operations', 'output-mode', 'timeout', 'error-handling-strategy', "
                + "'retry-backoff-base-interval', 'retry-backoff-strategy', 'retry-fallback-strategy', 'retry-num'")
    }

    @Test(arguments: [
        ("async", "yes", "true or false"),
        ("max-concurrent-operations", "0", "an integer from 1 to 2147483647"),
        ("batch-size", "-3", "an integer from 1 to 2147483647"),
        ("output-mode", "UNORDERED", "ORDERED or ALLOW_UNORDERED"),
        ("timeout", "0 s", "a positive duration"),
        ("timeout", "3 fortnights", "a duration such as '500 ms', '30 s' or '3 min'"),
        ("batch-max-wait", "soon", "a duration such as '500 ms', '30 s' or '3 min'"),
    ])
    func invalidValuesNameKeyExpectedAndFound(key: String, value: String, expected: String) {
        let error = Fixtures.error { _ = try PredictionOptions([key: value]) }
        #expect(error?.code == .invalidOption)
        #expect(error?.message == "ML_PREDICT option '\(key)' must be \(expected), found '\(value)'")
    }
}
