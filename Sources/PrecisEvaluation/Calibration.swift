import Foundation

/// How far a classifier's probabilities can be taken at their word: the expected
/// calibration error (ECE) of the top label's probability over equal-width bins, the
/// multi-class Brier score, and the reliability table behind the ECE. Encodes to
/// `ece`, `brier`, `reliability`.
///
/// ```swift
/// // Two documents, three classes; the first is right with 0.9, the second wrong with 0.6.
/// let c = Calibration(probabilities: [[0.9, 0.05, 0.05], [0.6, 0.3, 0.1]], trueClasses: [0, 1])
/// c.ece        // (|0.9 − 1| + |0.6 − 0|) / 2 = 0.35
/// ```
public struct Calibration: Equatable, Sendable, Codable {
    /// Σ over bins of (documents in bin / all) × |accuracy − mean confidence|.
    public var ece: Double
    /// Mean over documents of Σ_c (p_c − [c = true class])².
    public var brier: Double
    /// One row per non-empty bin of the top label's probability.
    public var reliability: [Bin]

    /// A bin of the reliability table.
    public struct Bin: Equatable, Sendable, Codable {
        /// Confidence range `[lower, upper)` (the last bin includes 1).
        public var lower: Double
        public var upper: Double
        /// Documents whose top probability falls in the range.
        public var count: Int
        /// Their mean top probability.
        public var confidence: Double
        /// The share of them whose top label is right.
        public var accuracy: Double
    }

    /// Calibration of `probabilities` (one row per document, one column per class)
    /// against `trueClasses` (a column index, or nil for a class the model does not
    /// know: then every prediction is wrong and its Brier term counts all the mass).
    public init(probabilities: [[Float]], trueClasses: [Int?], bins: Int = 10) {
        precondition(probabilities.count == trueClasses.count, "Calibration: one true class per row")
        let binCount = max(1, bins)
        var count = [Int](repeating: 0, count: binCount)
        var confidence = [Double](repeating: 0, count: binCount), correct = confidence
        var brierSum = 0.0
        for (row, truth) in zip(probabilities, trueClasses) {
            guard !row.isEmpty else { continue }
            var best = 0
            for c in 1..<row.count where row[c] > row[best] { best = c }
            let top = Double(row[best])
            let bin = min(binCount - 1, Int(top * Double(binCount)))
            count[bin] += 1
            confidence[bin] += top
            if best == truth { correct[bin] += 1 }
            for (c, p) in row.enumerated() {
                let target = c == truth ? 1.0 : 0.0
                brierSum += (Double(p) - target) * (Double(p) - target)
            }
            if truth == nil { brierSum += 1 }
        }
        let n = Double(max(probabilities.count, 1))
        var ece = 0.0
        var table: [Bin] = []
        for b in 0..<binCount where count[b] > 0 {
            let meanConfidence = confidence[b] / Double(count[b]), accuracy = correct[b] / Double(count[b])
            ece += Double(count[b]) / n * abs(accuracy - meanConfidence)
            table.append(Bin(lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount),
                             count: count[b], confidence: meanConfidence, accuracy: accuracy))
        }
        self.ece = ece
        self.brier = brierSum / n
        self.reliability = table
    }

    /// The reliability table as text.
    public func report() -> String {
        var lines = [String(format: "calibration: ECE %.4f, Brier %.4f", ece, brier),
                     "  confidence      n  mean conf  accuracy"]
        for bin in reliability {
            lines.append(String(format: "  %.1f-%.1f   %6d     %.4f    %.4f", bin.lower, bin.upper, bin.count, bin.confidence, bin.accuracy))
        }
        return lines.joined(separator: "\n")
    }
}
