/// Mean ROUGE scores over a set of documents, as `precis evaluate-summaries` reports them.
///
/// ```swift
/// var total = RougeSummary()
/// total.add(RougeScorer().score(reference: "a cat sat", candidate: "a cat"))
/// total.mean.rouge1.f1      // mean F1 as a fraction
/// ```
public struct RougeSummary: Equatable, Sendable {
    /// Number of documents added.
    public private(set) var count = 0
    private var sums = [Double](repeating: 0, count: 9)

    /// An empty summary.
    public init() {}

    /// Adds one document's scores.
    public mutating func add(_ s: RougeScores) {
        let values = [s.rouge1.precision, s.rouge1.recall, s.rouge1.f1,
                      s.rouge2.precision, s.rouge2.recall, s.rouge2.f1,
                      s.rougeL.precision, s.rougeL.recall, s.rougeL.f1]
        for k in 0..<9 { sums[k] += values[k] }
        count += 1
    }

    /// The mean of each value (all zero when nothing was added).
    public var mean: RougeScores {
        let d = Double(max(count, 1))
        func score(_ k: Int) -> RougeScore {
            RougeScore(precision: sums[k] / d, recall: sums[k + 1] / d, f1: sums[k + 2] / d)
        }
        return RougeScores(rouge1: score(0), rouge2: score(3), rougeL: score(6))
    }
}
