import Foundation

/// How a multi-label classifier turns its per-label probabilities (independent
/// sigmoids) into a label set: every label whose probability reaches its own
/// threshold, and — unless empty sets are allowed — the most probable label when none
/// does (chosen over "the label nearest its threshold" by out-of-fold F1 on
/// reuters21578-modapte90's training split: micro 0.8848 vs 0.8801, macro 0.6104 vs
/// 0.6102). Fitted state, stored in the model file.
///
/// ```swift
/// let decision = MultiLabelDecision(thresholds: [0.4, 0.3, 0.5], allowEmpty: false)
/// decision.labels(probabilities: [0.9, 0.35, 0.1])   // [0, 1]
/// decision.labels(probabilities: [0.1, 0.2, 0.3])    // [2]: none passes, the most probable
/// ```
public struct MultiLabelDecision: Equatable, Sendable, Codable {
    /// One probability threshold per label.
    public var thresholds: [Float]
    /// Whether a document may get no label at all.
    public var allowEmpty: Bool
    /// How the thresholds and hyper-parameters were chosen (absent when set by hand).
    public var selection: MultiLabelSelection?

    /// A decision rule from its thresholds.
    public init(thresholds: [Float], allowEmpty: Bool, selection: MultiLabelSelection? = nil) {
        self.thresholds = thresholds
        self.allowEmpty = allowEmpty
        self.selection = selection
    }

    /// The chosen label indices (ascending) for one document's probabilities.
    public func labels<C: Collection>(probabilities p: C) -> [Int] where C.Element == Float, C.Index == Int {
        var chosen: [Int] = []
        var best = -1, bestProbability = -Float.infinity
        for (c, probability) in zip(0..., p) {
            let t = c < thresholds.count ? thresholds[c] : 0.5
            if probability >= t { chosen.append(c) }
            if probability > bestProbability { bestProbability = probability; best = c }
        }
        if chosen.isEmpty && !allowEmpty && best >= 0 { chosen = [best] }
        return chosen
    }
}

/// What the internal cross-validation of a multi-label fit tried and chose.
public struct MultiLabelSelection: Equatable, Sendable, Codable {
    /// Folds of the internal cross-validation (iterative stratification).
    public var folds: Int
    /// Each candidate alpha with its out-of-fold micro- and macro-F1 (thresholds tuned).
    public var candidates: [Candidate]
    /// The alpha kept.
    public var alpha: Double
    /// Labels whose threshold fell back to the pooled one (too few positives to tune).
    public var fallbackLabels: Int

    /// One tried setting.
    public struct Candidate: Equatable, Sendable, Codable {
        /// The L2 penalty tried.
        public var alpha: Double
        /// Its out-of-fold micro-F1 (thresholds tuned on the same out-of-fold probabilities).
        public var microF1: Double
        /// Its out-of-fold macro-F1.
        public var macroF1: Double
    }
}
