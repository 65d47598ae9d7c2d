import Foundation
import PrecisClassification
import PrecisCore

/// Stratified K-fold cross-validation splits: every fold gets about the same share
/// of each class, and the assignment is reproducible from a seed.
///
/// The rows of each class are shuffled (SplitMix64 seeded with `seed`, Fisher–Yates)
/// and dealt to the folds round-robin, continuing from where the previous class
/// stopped, so fold sizes differ by at most one.
///
/// ```swift
/// let kfold = StratifiedKFold(labels: ["a", "a", "b", "b"], folds: 2, seed: 42)
/// for fold in 0..<2 {
///     let (train, test) = kfold.split(fold)   // row indices, ascending
/// }
/// ```
public struct StratifiedKFold: FoldAssignment {
    /// Number of folds.
    public let folds: Int
    /// `assignment[row]` is the fold in which `row` is a test row.
    public let assignment: [Int]

    /// Assigns the rows with `labels` to `folds` folds.
    ///
    /// - Precondition: `folds >= 2`.
    public init<L: Hashable & Comparable>(labels: [L], folds: Int, seed: UInt64) {
        precondition(folds >= 2, "StratifiedKFold needs at least two folds")
        self.folds = folds
        assignment = StratifiedAssignment.folds(labels: labels, count: folds, seed: seed)
    }
}

/// The result of a cross-validation: the metrics of each fold, of all out-of-fold
/// predictions pooled, and the mean ± standard deviation of accuracy and macro-F1
/// over folds. Encodes to the SPEC's JSON keys (the pooled metrics at the top level,
/// plus `folds`, `mean`, `std`).
///
/// ```swift
/// let summary = CrossValidationSummary(folds: perFold, pooled: pooled)
/// summary.mean.accuracy
/// ```
public struct CrossValidationSummary: Equatable, Sendable, Codable {
    /// Each fold's metrics on its test rows.
    public var folds: [ClassificationMetrics]
    /// Metrics of all out-of-fold predictions together.
    public var pooled: ClassificationMetrics
    /// Mean over folds.
    public var mean: Moments
    /// Standard deviation over folds (population, as `numpy.std`).
    public var std: Moments

    /// Accuracy and macro-F1 aggregates.
    public struct Moments: Equatable, Sendable, Codable {
        public var accuracy: Double
        public var macroF1: Double
        enum CodingKeys: String, CodingKey { case accuracy, macroF1 = "macro_f1" }
    }

    /// Summarises `folds` (and the `pooled` out-of-fold metrics).
    public init(folds: [ClassificationMetrics], pooled: ClassificationMetrics) {
        self.folds = folds
        self.pooled = pooled
        let accuracy = meanAndStandardDeviation(folds.map(\.accuracy))
        let macroF1 = meanAndStandardDeviation(folds.map(\.macroF1))
        self.mean = Moments(accuracy: accuracy.mean, macroF1: macroF1.mean)
        self.std = Moments(accuracy: accuracy.std, macroF1: macroF1.std)
    }

    enum CodingKeys: String, CodingKey { case folds, mean, std }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pooled = try ClassificationMetrics(from: decoder)
        folds = try container.decode([ClassificationMetrics].self, forKey: .folds)
        mean = try container.decode(Moments.self, forKey: .mean)
        std = try container.decode(Moments.self, forKey: .std)
    }

    public func encode(to encoder: Encoder) throws {
        try pooled.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(folds, forKey: .folds)
        try container.encode(mean, forKey: .mean)
        try container.encode(std, forKey: .std)
    }
}
