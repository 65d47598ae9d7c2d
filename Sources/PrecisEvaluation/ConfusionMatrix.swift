/// Counts of (true label, predicted label) pairs: rows are true labels, columns
/// predicted ones, both in ``labels`` order.
///
/// ```swift
/// let m = ConfusionMatrix(trueLabels: ["a", "b", "b"], predicted: ["a", "a", "b"], labels: ["a", "b"])
/// m.counts      // [[1, 0], [1, 1]]
/// ```
public struct ConfusionMatrix: Equatable, Sendable, Codable {
    /// Row and column labels.
    public let labels: [String]
    /// `counts[t][p]`: documents of true label `labels[t]` predicted as `labels[p]`.
    public private(set) var counts: [[Int]]

    /// Tallies the pairs. Labels missing from `labels` are appended (in order of first appearance).
    public init(trueLabels: [String], predicted: [String], labels: [String]) {
        precondition(trueLabels.count == predicted.count, "ConfusionMatrix: one prediction per document")
        var all = labels
        var index: [String: Int] = [:]
        for (i, label) in all.enumerated() { index[label] = i }
        for label in trueLabels + predicted where index[label] == nil {
            index[label] = all.count
            all.append(label)
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: all.count), count: all.count)
        for (t, p) in zip(trueLabels, predicted) { counts[index[t]!][index[p]!] += 1 }
        self.labels = all
        self.counts = counts
    }

    /// Number of documents.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// Correctly classified documents (the diagonal).
    public var correct: Int { labels.indices.reduce(0) { $0 + counts[$1][$1] } }
    /// Documents whose true label is `labels[i]`.
    public func support(_ i: Int) -> Int { counts[i].reduce(0, +) }
    /// Documents predicted as `labels[i]`.
    public func predictedCount(_ i: Int) -> Int { counts.reduce(0) { $0 + $1[i] } }
}
