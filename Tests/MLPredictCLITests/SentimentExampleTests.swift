import Foundation
import Testing

/// `mlpredict run` on the VADER sentiment example in `examples/sentiment`.
@Suite struct SentimentExampleTests {
    static let modelFile = CommandLineTool.packageDirectory.appendingPathComponent("examples/sentiment/model.sql").path
    static let inputFile = CommandLineTool.packageDirectory.appendingPathComponent("examples/sentiment/input.jsonl").path

    @Test func labelsEveryTextAndSkipsTheNullOne() throws {
        let outcome = try CommandLineTool.run(["run", "--quiet", Self.modelFile, "--input", Self.inputFile])
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        // Row 6 has a NULL text, for which the model returns no rows, so it has no line.
        #expect(
            outcome.standardOutput == """
                {"id":1,"text":"I love this product","label":"positive","confidence":0.6369}
                {"id":2,"text":"This is the worst purchase I have ever made","label":"negative","confidence":0.6249}
                {"id":3,"text":"The package arrived on Tuesday.","label":"neutral","confidence":1.0}
                {"id":4,"text":"Not bad at all!","label":"positive","confidence":0.484}
                {"id":5,"text":"I am so happy 😀","label":"positive","confidence":0.8186}

                """)
    }
}
