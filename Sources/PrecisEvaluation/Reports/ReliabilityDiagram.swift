/// Calibration of a classifier's top-class probabilities: documents binned by the
/// probability of their predicted label, and each bin's accuracy beside its mean
/// probability. A calibrated model's points lie on the diagonal.
///
/// ```swift
/// let diagram = ReliabilityDiagram(predictions, bins: 10)
/// diagram.expectedCalibrationError   // Σ |accuracy − confidence| × share of documents
/// ```
public struct ReliabilityDiagram: Equatable, Sendable {
    /// One probability interval.
    public struct Bin: Equatable, Sendable {
        /// The interval `[lower, upper)` (the last one includes 1).
        public var lower, upper: Double
        /// Documents whose top-class probability falls in it.
        public var count: Int
        /// Their mean top-class probability (0 when empty).
        public var meanConfidence: Double
        /// The share of them classified correctly (0 when empty).
        public var accuracy: Double
    }

    /// Equal-width bins over `[0, 1]`.
    public var bins: [Bin]
    /// Expected calibration error: the mean |accuracy − confidence| over bins,
    /// weighted by their share of documents.
    public var expectedCalibrationError: Double

    /// Bins `predictions` into `bins` equal-width intervals (at least 1).
    public init(_ predictions: [ScoredPrediction], bins: Int = 10) {
        self.init(pairs: predictions.map { ($0.confidence, $0.isCorrect) }, bins: bins)
    }

    /// Bins (probability, outcome) pairs: for a multi-label classifier, every
    /// (document, label) probability and whether the label applies.
    public init(pairs: [(Double, Bool)], bins: Int = 10) {
        let k = max(1, bins)
        var count = [Int](repeating: 0, count: k), confidence = [Double](repeating: 0, count: k)
        var correct = [Int](repeating: 0, count: k)
        for (p, isCorrect) in pairs {
            let c = p.isFinite ? min(max(p, 0), 1) : 0
            let b = min(k - 1, Int(c * Double(k)))
            count[b] += 1
            confidence[b] += c
            if isCorrect { correct[b] += 1 }
        }
        var ece = 0.0
        self.bins = (0..<k).map { b in
            let n = count[b]
            let mean = n > 0 ? confidence[b] / Double(n) : 0
            let accuracy = n > 0 ? Double(correct[b]) / Double(n) : 0
            return Bin(lower: Double(b) / Double(k), upper: Double(b + 1) / Double(k), count: n,
                       meanConfidence: mean, accuracy: accuracy)
        }
        for bin in self.bins where bin.count > 0 {
            ece += Double(bin.count) / Double(max(pairs.count, 1)) * abs(bin.accuracy - bin.meanConfidence)
        }
        expectedCalibrationError = ece
    }
}
