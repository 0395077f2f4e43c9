/// The metrics of `ML_EVALUATE`, from (label, prediction) pairs.
enum Metrics {
    /// Accuracy: the fraction of correct predictions. Precision, Recall and F1: per class (every
    /// value seen as a label or a prediction), then the unweighted mean over classes (macro
    /// average); a class never predicted has precision 0, one never labelled recall 0.
    static func classification(_ pairs: [(label: Value, prediction: Value)]) -> [Double] {
        guard !pairs.isEmpty else { return [.nan, .nan, .nan, .nan] }
        let correct = pairs.filter { $0.label == $0.prediction }.count
        var classes: [Value] = []
        for pair in pairs {
            for value in [pair.label, pair.prediction] where !classes.contains(value) { classes.append(value) }
        }
        var precision = 0.0, recall = 0.0, f1 = 0.0
        for value in classes {
            let truePositives = Double(pairs.filter { $0.label == value && $0.prediction == value }.count)
            let predicted = Double(pairs.filter { $0.prediction == value }.count)
            let actual = Double(pairs.filter { $0.label == value }.count)
            let classPrecision = predicted == 0 ? 0 : truePositives / predicted
            let classRecall = actual == 0 ? 0 : truePositives / actual
            precision += classPrecision
            recall += classRecall
            f1 += classPrecision + classRecall == 0 ? 0 : 2 * classPrecision * classRecall / (classPrecision + classRecall)
        }
        let count = Double(classes.count)
        return [Double(correct) / Double(pairs.count), precision / count, recall / count, f1 / count]
    }

    /// MAE, MSE, RMSE, MAPE (mean of |label − prediction| / |label|, as a fraction; labels of 0
    /// are left out of it) and R² (1 − residual sum of squares / total sum of squares).
    static func regression(_ pairs: [(label: Double, prediction: Double)]) -> [Double] {
        guard !pairs.isEmpty else { return [.nan, .nan, .nan, .nan, .nan] }
        let count = Double(pairs.count)
        let absolute = pairs.map { abs($0.label - $0.prediction) }
        let squared = pairs.map { ($0.label - $0.prediction) * ($0.label - $0.prediction) }
        let mse = squared.reduce(0, +) / count
        let relative = pairs.filter { $0.label != 0 }.map { abs(($0.label - $0.prediction) / $0.label) }
        let mean = pairs.map(\.label).reduce(0, +) / count
        let total = pairs.map { ($0.label - mean) * ($0.label - mean) }.reduce(0, +)
        return [
            absolute.reduce(0, +) / count, mse, mse.squareRoot(),
            relative.isEmpty ? .nan : relative.reduce(0, +) / Double(relative.count),
            total == 0 ? .nan : 1 - squared.reduce(0, +) / total,
        ]
    }

    /// Means over the pairs of: cosine similarity, Jaccard similarity of the vectors' sets of
    /// elements, and Euclidean distance.
    static func embedding(_ pairs: [(label: [Double], prediction: [Double])]) -> [Double] {
        guard !pairs.isEmpty else { return [.nan, .nan, .nan] }
        var cosine = 0.0, jaccard = 0.0, distance = 0.0
        for (label, prediction) in pairs {
            let dot = zip(label, prediction).map(*).reduce(0, +)
            let norms = label.map { $0 * $0 }.reduce(0, +).squareRoot() * prediction.map { $0 * $0 }.reduce(0, +).squareRoot()
            cosine += norms == 0 ? 0 : dot / norms
            let (left, right) = (Set(label), Set(prediction))
            let union = left.union(right).count
            jaccard += union == 0 ? 1 : Double(left.intersection(right).count) / Double(union)
            distance += zip(label, prediction).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        }
        let count = Double(pairs.count)
        return [cosine / count, jaccard / count, distance / count]
    }

    /// For points and the cluster each was assigned to: the Davies–Bouldin index (the mean over
    /// clusters of the largest (sᵢ + sⱼ) / d(cᵢ, cⱼ), sᵢ being the mean distance of cluster i's points
    /// to its centroid cᵢ), the intra-cluster variance (the mean squared distance of each point to its
    /// centroid) and the silhouette score (the mean of (b − a) / max(a, b), a being a point's mean
    /// distance to the rest of its cluster and b the least mean distance to another cluster's points;
    /// 0 for a point alone in its cluster). With fewer than two clusters the index and the score are NaN.
    static func clustering(_ assignments: [(point: [Double], cluster: Value)]) -> [Double] {
        guard !assignments.isEmpty else { return [.nan, .nan, .nan] }
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
        guard clusters.count > 1 else { return [.nan, variance, .nan] }
        let daviesBouldin = clusters.indices.map { i in
            clusters.indices.filter { $0 != i }.map { j in (spreads[i] + spreads[j]) / distance(centroids[i], centroids[j]) }
                .max()!
        }.reduce(0, +) / Double(clusters.count)
        var silhouette = 0.0
        for (own, points) in members.enumerated() {
            for point in points where points.count > 1 {
                let a = points.map { distance(point, $0) }.reduce(0, +) / Double(points.count - 1)
                let b = members.indices.filter { $0 != own }.map { other in
                    members[other].map { distance(point, $0) }.reduce(0, +) / Double(members[other].count)
                }.min()!
                silhouette += max(a, b) == 0 ? 0 : (b - a) / max(a, b)
            }
        }
        return [daviesBouldin, variance, silhouette / Double(assignments.count)]
    }

    private static func distance(_ left: [Double], _ right: [Double]) -> Double {
        zip(left, right).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    }
}
