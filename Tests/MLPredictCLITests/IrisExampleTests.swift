import Foundation
import Testing

/// `mlpredict run` on the scikit-learn and ONNX iris examples: each example's script trains (and
/// exports) the model deterministically into its model directory, then the sample input's output
/// is compared with `expected.jsonl` (probabilities rounded to 4 places there, compared within 1e-4).
@Suite(.serialized) struct IrisExampleTests {
    static func example(_ name: String) -> URL {
        CommandLineTool.packageDirectory.appendingPathComponent("examples/\(name)")
    }

    /// `body` on a thread of its own: its seconds of waiting for processes (Python importing
    /// scikit-learn) must not hold one of the cooperative pool's few threads, on which other
    /// suites' async tests measure that they are not starved.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// Runs `script` of example `name` with the virtual environment's Python; its exit status.
    static func prepare(_ name: String, _ script: String) throws -> Int32 {
        let python = ProcessInfo.processInfo.environment["VIRTUAL_ENV"].map { "\($0)/bin/python" } ?? "/usr/bin/python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [example(name).appendingPathComponent(script).path]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func check(_ name: String, script: String) async throws {
        let directory = Self.example(name)
        let (status, outcome) = try await Self.offThePool {
            (
                try Self.prepare(name, script),
                try CommandLineTool.run([
                    "run", directory.appendingPathComponent("model.sql").path,
                    "--input", directory.appendingPathComponent("input.jsonl").path, "--quiet",
                ])
            )
        }
        #expect(status == 0, "\(script) of examples/\(name) failed")
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        let expected = try Self.objects(String(contentsOf: directory.appendingPathComponent("expected.jsonl"), encoding: .utf8))
        let actual = try Self.objects(outcome.standardOutput)
        #expect(actual.count == expected.count)
        for (row, (got, want)) in zip(actual, expected).enumerated() {
            #expect(Set(got.keys) == Set(want.keys), "line \(row + 1)")
            for (key, value) in want {
                if key == "probability", let want = value as? Double, let got = got[key] as? Double {
                    #expect(abs(got - want) <= 1e-4, "line \(row + 1): probability \(got), expected \(want)")
                } else {
                    #expect("\(got[key] ?? "missing")" == "\(value)", "line \(row + 1): \(key)")
                }
            }
        }
    }

    @Test func scikitLearnClassifierPredictsTheSpecies() async throws {
        try await check("iris-sklearn", script: "train.py")
    }

    @Test func onnxClassifierPredictsTheSameClasses() async throws {
        try await check("iris-onnx", script: "export.py")
    }
}
