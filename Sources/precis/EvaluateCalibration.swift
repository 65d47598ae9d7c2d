import Foundation
import Precis

/// The calibration part of `precis evaluate` (single-label models): ECE, Brier score
/// and the reliability table, added to the metrics' JSON as `ece`, `brier`, `reliability`.
enum EvaluateCalibration {
    /// Calibration of `classifier`'s probabilities on the labelled texts.
    static func measure(_ classifier: TextClassifier, texts: [String], labels: [String]) -> Calibration {
        let p = classifier.probabilities(texts)
        var index: [String: Int] = [:]
        for (c, label) in classifier.labels.enumerated() { index[label] = c }
        return Calibration(probabilities: (0..<p.rows).map { p.row($0) }, trueClasses: labels.map { index[$0] })
    }

    /// `metricsJSON` (one JSON object) with the calibration keys added; keys sorted.
    static func merge(_ metricsJSON: String, _ calibration: Calibration) throws -> String {
        guard var object = try JSONSerialization.jsonObject(with: Data(metricsJSON.utf8)) as? [String: Any],
              let extra = try JSONSerialization.jsonObject(with: Data(ClassifierSupport.json(calibration).utf8)) as? [String: Any] else {
            return metricsJSON
        }
        for (key, value) in extra { object[key] = value }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
