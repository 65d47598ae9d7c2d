import PrecisClassification
import PrecisLinearAlgebra

/// One document as a multi-label classifier saw it: the true labels, the
/// predicted ones with their probabilities, and its most confident wrong decision.
/// What the "most confident mistakes" of a multi-label report are made of.
public struct MultiLabelPrediction: Equatable, Sendable {
    /// A wrong decision on one label.
    public struct Mistake: Equatable, Sendable {
        /// The label decided wrongly.
        public var label: String
        /// The probability the classifier gave it.
        public var probability: Double
        /// True when the label applies but was not predicted; false when it was
        /// predicted but does not apply.
        public var missed: Bool
        /// How sure the wrong decision was: the probability of a wrongly predicted
        /// label, one minus the probability of a missed one.
        public var confidence: Double { missed ? 1 - probability : probability }
    }

    /// The document's text.
    public var text: String
    /// Its true labels.
    public var trueLabels: [String]
    /// The predicted labels with their probabilities, most probable first.
    public var predicted: [TextClassifier.LabelProbability]
    /// The most confident wrong decision, nil when the predicted set is the true set.
    public var worstMistake: Mistake?

    /// Whether the predicted set is exactly the true set.
    public var isExact: Bool { worstMistake == nil }
}

/// A multi-label classifier's evaluation with what a report shows beyond the
/// metrics: every document's prediction and the calibration of the per-label
/// probabilities over all (document, label) pairs.
///
/// ```swift
/// let e = classifier.evaluateMultiLabel(texts: texts, labelSets: labelSets)
/// e.metrics.microF1
/// e.reliability.expectedCalibrationError
/// ```
public struct MultiLabelEvaluation: Sendable {
    /// The metrics.
    public var metrics: MultiLabelMetrics
    /// Each document's prediction, in input order.
    public var predictions: [MultiLabelPrediction]
    /// Calibration of every (document, label) probability against whether the label applies.
    public var reliability: ReliabilityDiagram

    /// The evaluation of predictions already made: `probabilities` holds one row per
    /// document and one column per label of `labels` (labels the model does not know
    /// count as missed with probability 0).
    public init(texts: [String], labelSets: [[String]], labels: [String], probabilities: Matrix,
                classifications: [TextClassifier.MultiLabelClassification]) {
        var index: [String: Int] = [:]
        for (c, label) in labels.enumerated() { index[label] = c }
        var predictions: [MultiLabelPrediction] = []
        predictions.reserveCapacity(texts.count)
        var pairs: [(Double, Bool)] = []
        pairs.reserveCapacity(texts.count * labels.count)
        for (i, result) in classifications.enumerated() {
            let truth = Set(labelSets[i])
            let chosen = Set(result.labels.map(\.label))
            var worst: MultiLabelPrediction.Mistake?
            func consider(_ m: MultiLabelPrediction.Mistake) {
                if worst.map({ m.confidence > $0.confidence }) ?? true { worst = m }
            }
            for (c, label) in labels.enumerated() {
                let p = Double(probabilities[i, c])
                let applies = truth.contains(label)
                pairs.append((p, applies))
                if applies != chosen.contains(label) { consider(.init(label: label, probability: p, missed: applies)) }
            }
            for label in labelSets[i] where index[label] == nil { consider(.init(label: label, probability: 0, missed: true)) }
            predictions.append(MultiLabelPrediction(text: texts[i], trueLabels: labelSets[i], predicted: result.labels,
                                                    worstMistake: worst))
        }
        self.metrics = MultiLabelMetrics(trueSets: labelSets, predicted: classifications.map { $0.labels.map(\.label) },
                                         labels: labels)
        self.predictions = predictions
        self.reliability = ReliabilityDiagram(pairs: pairs)
    }
}

extension TextClassifier {
    /// Evaluates a multi-label classifier on texts with their label sets, with
    /// `progress` told after each block of documents classified.
    ///
    /// ```swift
    /// let e = classifier.evaluateMultiLabel(texts: ["wheat and corn"], labelSets: [["corn", "grain", "wheat"]])
    /// e.metrics.samplesF1
    /// ```
    public func evaluateMultiLabel(texts: [String], labelSets: [[String]], progress: WorkProgress? = nil) -> MultiLabelEvaluation {
        precondition(texts.count == labelSets.count, "evaluateMultiLabel: one label set per text")
        let p = labelProbabilities(texts, progress: progress)
        return MultiLabelEvaluation(texts: texts, labelSets: labelSets, labels: labels, probabilities: p,
                                    classifications: multiLabelClassifications(p))
    }
}
