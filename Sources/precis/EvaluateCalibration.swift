import Foundation
import Precis

/// The calibration part of `precis evaluate` (single-label models): ECE, Brier score
/// and the reliability table, added to the metrics' JSON as `ece`, `brier`, `reliability`.
enum EvaluateCalibration {
    /// Calibration of `classifier`'s probabilities on the labelled texts.
    static func measure(_ classifier: TextClassifier, texts: [String], labels: [String]) -> Calibration {
        measure(classifier, probabilities: classifier.probabilities(texts), labels: labels)
    }

    /// Calibration of the probability matrix `p` (one row per text) the classifier gave the labelled texts.
    static func measure(_ classifier: TextClassifier, probabilities p: Matrix, labels: [String]) -> Calibration {
        var index: [String: Int] = [:]
        for (c, label) in classifier.labels.enumerated() { index[label] = c }
        return Calibration(probabilities: (0..<p.rows).map { p.row($0) }, trueClasses: labels.map { index[$0] })
    }

    /// The metrics' JSON object with the calibration keys added (one object; keys sorted on output).
    struct Merged: Encodable {
        var metrics: ClassificationMetrics
        var calibration: Calibration

        func encode(to encoder: Encoder) throws {
            try metrics.encode(to: encoder)
            try calibration.encode(to: encoder)
        }
    }
}
