import Foundation

/// The metrics of `ML_EVALUATE`, computed as Flink's planner computes them (its
/// `*EvaluatorAccumulator` classes in `flink-table-planner`), each as (key, value) in Flink's order.
enum Metrics {
    /// Flink's `ClassificationEvaluatorAccumulator`: labels compared case-insensitively; the
    /// classes are the distinct labels (a value only ever predicted is not a class); Accuracy is
    /// Σ TPᵢ / n; Precision and Recall are macro-averaged over the classes (0 for a class with no
    /// predictions, resp. no labels); F1 is the harmonic mean of the macro Precision and Recall.
    static func classification(_ pairs: [(label: String, prediction: String)]) -> [(String, Double)]? {
        guard !pairs.isEmpty else { return nil }
        var classes: [String] = []  // lowercased, first-seen order
        for pair in pairs where !classes.contains(pair.label.lowercased()) { classes.append(pair.label.lowercased()) }
        let lowered = pairs.map { ($0.label.lowercased(), $0.prediction.lowercased()) }
        var accuracy = 0.0, precision = 0.0, recall = 0.0
        for value in classes {
            let truePositives = lowered.filter { $0.0 == value && $0.1 == value }.count
            // False positives: rows of other (labelled) classes predicted as this one.
            let falsePositives = lowered.filter { $0.0 != value && $0.1 == value }.count
            let falseNegatives = lowered.filter { $0.0 == value && $0.1 != value }.count
            accuracy += Double(truePositives) / Double(pairs.count)
            precision += truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
            recall += truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        precision /= Double(classes.count)
        recall /= Double(classes.count)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return [("Accuracy", accuracy), ("Precision", precision), ("Recall", recall), ("F1", f1)]
    }

    /// Flink's `RegressionEvaluatorAccumulator`: MAE, MSE, RMSE; MAPE in percent, 100 · Σ|e/y| over
    /// the labels y ≠ 0 divided by all n (0 when that sum is 0); R2 = 1 − SSres / SStot with SStot =
    /// Σy² − (Σy)²/n, NaN unless SStot > 0.
    static func regression(_ pairs: [(label: Double, prediction: Double)]) -> [(String, Double)]? {
        guard !pairs.isEmpty else { return nil }
        var sumActual = 0.0, sumSquaredActual = 0.0, sumSquaredError = 0.0, sumAbsoluteError = 0.0, sumPercent = 0.0
        for (actual, predicted) in pairs {
            sumActual += actual
            sumSquaredActual += actual * actual
            let error = actual - predicted
            sumSquaredError += error * error
            sumAbsoluteError += abs(error)
            if actual != 0 { sumPercent += abs(error / actual) * 100 }
        }
        let count = Double(pairs.count)
        let mse = sumSquaredError / count
        let totalSS = sumSquaredActual - sumActual * sumActual / count
        return [
            ("MAE", sumAbsoluteError / count), ("MSE", mse), ("RMSE", mse.squareRoot()),
            ("MAPE", sumPercent > 0 ? sumPercent / count : 0),
            ("R2", totalSS > 0 ? 1 - sumSquaredError / totalSS : .nan),
        ]
    }

    /// Flink's `EmbeddingEvaluatorAccumulator`, on FLOAT elements (products and differences in
    /// single precision, sums in double, as Java does with `Float[]`): means of the cosine
    /// similarity, the weighted Jaccard similarity Σmin / Σmax (both vectors shifted by their
    /// least element when it is negative) and the Euclidean distance.
    static func embedding(_ pairs: [(label: [Float], prediction: [Float])]) -> [(String, Double)]? {
        guard !pairs.isEmpty else { return nil }
        var cosine = 0.0, jaccard = 0.0, distance = 0.0
        for (actual, predicted) in pairs {
            let (v1, v2) = (predicted, actual)
            var dot = 0.0, norm1 = 0.0, norm2 = 0.0
            var minimum = Double.greatestFiniteMagnitude
            for i in v1.indices {
                dot += Double(v1[i] * v2[i])
                norm1 += Double(v1[i] * v1[i])
                norm2 += Double(v2[i] * v2[i])
                minimum = min(minimum, Double(min(v1[i], v2[i])))
            }
            cosine += dot / (norm1.squareRoot() * norm2.squareRoot())
            let shift = minimum < 0 ? minimum : 0
            var intersection = 0.0, union = 0.0, squares = 0.0
            for i in v1.indices {
                intersection += Double(min(v1[i], v2[i])) - shift
                union += Double(max(v1[i], v2[i])) - shift
                let difference = Double(v1[i] - v2[i])
                squares += difference * difference
            }
            jaccard += intersection / union
            distance += squares.squareRoot()
        }
        let count = Double(pairs.count)
        return [
            ("Mean Cosine Similarity", cosine / count), ("Mean Jaccard Similarity", jaccard / count),
            ("Mean Euclidean Distance", distance / count),
        ]
    }

    /// Flink's `TextGenerationEvaluatorAccumulator`, on lowercased texts split into words at runs of
    /// whitespace (as Java's `split("\\s+")`): unigram BLEU with the brevity penalty
    /// exp(1 − max(r/h, 1)), ROUGE-1 recall, and, as "semantic similarity" without an embedding
    /// model, the Jaccard similarity of the two sets of words.
    static func textGeneration(_ pairs: [(label: String, prediction: String)]) -> [(String, Double)]? {
        guard !pairs.isEmpty else { return nil }
        var bleu = 0.0, rouge = 0.0, similarity = 0.0
        for (label, prediction) in pairs {
            let reference = javaWords(label.lowercased()), hypothesis = javaWords(prediction.lowercased())
            var referenceCounts: [String: Int] = [:]
            for word in reference { referenceCounts[word, default: 0] += 1 }
            var hypothesisCounts: [String: Int] = [:]
            for word in hypothesis { hypothesisCounts[word, default: 0] += 1 }
            let matches = hypothesisCounts.map { min($0.value, referenceCounts[$0.key] ?? 0) }.reduce(0, +)
            let penalty = exp(1 - max(Double(reference.count) / Double(hypothesis.count), 1))
            bleu += penalty * Double(matches) / Double(hypothesis.count)
            var remaining = referenceCounts, recalled = 0
            for word in hypothesis where (remaining[word] ?? 0) > 0 {
                recalled += 1
                remaining[word]! -= 1
            }
            rouge += Double(recalled) / Double(reference.count)
            let (left, right) = (Set(reference), Set(hypothesis))
            similarity += Double(left.intersection(right).count) / Double(left.union(right).count)
        }
        let count = Double(pairs.count)
        return [("Mean BLEU", bleu / count), ("Mean ROUGE", rouge / count), ("Mean Semantic Similarity", similarity / count)]
    }

    /// Java's `text.split("\\s+")`: a leading empty word when the text starts with whitespace,
    /// trailing empty words dropped, and the text itself when it holds no whitespace.
    static func javaWords(_ text: String) -> [String] {
        let whitespace: Set<Character> = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"]
        guard text.contains(where: { whitespace.contains($0) }) else { return [text] }
        var words = text.split(omittingEmptySubsequences: false, whereSeparator: { whitespace.contains($0) }).map(String.init)
        // Runs of whitespace are one separator.
        words = words.enumerated().filter { $0.offset == 0 || !$0.element.isEmpty }.map(\.element)
        while words.last?.isEmpty == true { words.removeLast() }
        return words
    }

    /// MLPredict's own (Flink rejects the task 'clustering'): for points and the cluster each was
    /// assigned to, the Davies–Bouldin index, the intra-cluster variance and the silhouette score.
    static func clustering(_ assignments: [(point: [Double], cluster: Value)]) -> [(String, Double)]? {
        guard !assignments.isEmpty else { return nil }
        var clusters: [Value] = []
        var members: [[[Double]]] = []
        for (point, cluster) in assignments {
            if let index = clusters.firstIndex(of: cluster) {
                members[index].append(point)
            } else {
                clusters.append(cluster)
                members.append([point])
            }
        }
        let centroids = members.map { points in
            points[0].indices.map { axis in points.map { $0[axis] }.reduce(0, +) / Double(points.count) }
        }
        let spreads = zip(members, centroids).map { points, centroid in
            points.map { distance($0, centroid) }.reduce(0, +) / Double(points.count)
        }
        let squared = zip(members, centroids).flatMap { points, centroid in
            points.map { distance($0, centroid) * distance($0, centroid) }
        }
        let variance = squared.reduce(0, +) / Double(assignments.count)
        var daviesBouldin = Double.nan, silhouette = Double.nan
        if clusters.count > 1 {
            daviesBouldin = clusters.indices.map { i in
                clusters.indices.filter { $0 != i }.map { j in (spreads[i] + spreads[j]) / distance(centroids[i], centroids[j]) }
                    .max()!
            }.reduce(0, +) / Double(clusters.count)
            var total = 0.0
            for (own, points) in members.enumerated() {
                for point in points where points.count > 1 {
                    let a = points.map { distance(point, $0) }.reduce(0, +) / Double(points.count - 1)
                    let b = members.indices.filter { $0 != own }.map { other in
                        members[other].map { distance(point, $0) }.reduce(0, +) / Double(members[other].count)
                    }.min()!
                    total += max(a, b) == 0 ? 0 : (b - a) / max(a, b)
                }
            }
            silhouette = total / Double(assignments.count)
        }
        return [("Mean Davies-Bouldin Index", daviesBouldin), ("Intra-Cluster Variance", variance), ("Silhouette Score", silhouette)]
    }

    private static func distance(_ left: [Double], _ right: [Double]) -> Double {
        zip(left, right).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    }
}
