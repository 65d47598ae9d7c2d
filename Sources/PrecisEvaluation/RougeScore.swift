/// Precision, recall and F1 of one ROUGE measure, as fractions in `0...1`.
///
/// ```swift
/// let s = RougeScore(precision: 0.5, recall: 0.25)
/// s.f1    // 0.3333...
/// ```
public struct RougeScore: Equatable, Sendable, Codable {
    /// Matched units over units in the candidate.
    public var precision: Double
    /// Matched units over units in the reference.
    public var recall: Double
    /// Harmonic mean of precision and recall (0 when both are 0).
    public var f1: Double

    /// A score from precision and recall; F1 is derived as `rouge-score` does.
    public init(precision: Double, recall: Double) {
        self.precision = precision
        self.recall = recall
        self.f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// A score with all three values given.
    public init(precision: Double, recall: Double, f1: Double) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
    }

    /// The all-zero score.
    public static let zero = RougeScore(precision: 0, recall: 0, f1: 0)
}

/// ROUGE-1, ROUGE-2 and ROUGE-L of one candidate against one reference.
public struct RougeScores: Equatable, Sendable, Codable {
    /// Unigram overlap.
    public var rouge1: RougeScore
    /// Bigram overlap.
    public var rouge2: RougeScore
    /// Longest common subsequence over the whole text.
    public var rougeL: RougeScore
}
