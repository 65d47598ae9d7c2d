import Foundation
import PrecisLinearAlgebra

extension TextClassifier {
    /// Whether this is a multi-label model (trained with `precis train --multi-label`).
    public var isMultiLabel: Bool { multiLabel != nil }

    /// One document's multi-label prediction.
    public struct MultiLabelClassification: Sendable, Equatable {
        /// The predicted labels with their probabilities, most probable first.
        public var labels: [LabelProbability]
        /// Every label's independent probability, in ``TextClassifier/labels`` order.
        public var probabilities: [Float]
    }

    /// Independent per-label probabilities `σ(x·W + b)` of each text (rows × labels).
    /// For a single-label model these are its one-vs-rest sigmoids or softmax scores.
    public func labelProbabilities(_ texts: [String]) -> Matrix {
        guard multiLabel != nil else { return probabilities(texts) }
        return MultiLabelTrainer.sigmoids(model, vectorizer.transform(texts))
    }

    /// The label set of each text: every label at or above its threshold (see
    /// ``MultiLabelDecision``).
    ///
    /// ```swift
    /// classifier.classifyMultiLabel(["Wheat and corn exports rose"])[0].labels.map(\.label)   // ["corn", "grain", "wheat"]
    /// ```
    public func classifyMultiLabel(_ texts: [String]) -> [MultiLabelClassification] {
        multiLabelClassifications(labelProbabilities(texts))
    }

    /// The label sets of the rows of a ``labelProbabilities(_:)`` matrix (as
    /// ``classifyMultiLabel(_:)`` decides them).
    public func multiLabelClassifications(_ p: Matrix) -> [MultiLabelClassification] {
        let decision = multiLabel ?? MultiLabelDecision(thresholds: [Float](repeating: 0.5, count: labels.count), allowEmpty: false)
        return (0..<p.rows).map { i in
            let row = p.row(i)
            return MultiLabelClassification(labels: rankedLabels(row, among: decision.labels(probabilities: row)), probabilities: row)
        }
    }
}
