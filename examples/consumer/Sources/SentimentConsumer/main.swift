import Foundation
import MLPredict

// Labels a few sentences with the VADER model of examples/sentiment, created from DDL.
// Run with VIRTUAL_ENV naming a Python 3.11 venv that has vaderSentiment installed.

/// `examples/consumer`, against which the DDL's relative model directory is resolved.
let packageDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // SentimentConsumer
    .deletingLastPathComponent()  // Sources
    .deletingLastPathComponent()

let ddl = """
    CREATE MODEL sentiment
    INPUT (text STRING)
    OUTPUT (label STRING, confidence FLOAT)
    WITH (
        'provider' = 'generic-python',
        'model-directory-path' = '../sentiment/model',
        'python-predict-class' = 'sentiment.SentimentPredictFunction'
    )
    """

let sentences = [
    "I love this product",
    "This is the worst purchase I have ever made",
    "The package arrived on Tuesday.",
]

do {
    let model = try ModelRegistry.default.createModel(fromDDL: ddl, relativeTo: packageDirectory.path)
    for sentence in sentences {
        for row in try model.predict([.string(sentence)]) {
            print("\(sentence) → \(row)")
        }
    }
    try model.close()
} catch {
    FileHandle.standardError.write(Data("SentimentConsumer: \(error)\n".utf8))
    exit(1)
}
