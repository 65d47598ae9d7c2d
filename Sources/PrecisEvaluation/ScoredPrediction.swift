import PrecisClassification
import PrecisDatasets
import PrecisLinearAlgebra

/// One evaluated document: its true label, the classifier's most probable label and
/// that label's probability. What reliability diagrams and "most confident
/// mistakes" lists are made of.
///
/// ```swift
/// let (metrics, predictions) = try classifier.evaluateWithPredictions(on: test)
/// let wrong = predictions.filter { !$0.isCorrect }.sorted { $0.confidence > $1.confidence }
/// ```
public struct ScoredPrediction: Equatable, Sendable, Codable {
    /// The document's text.
    public var text: String
    /// Its true label.
    public var trueLabel: String
    /// The classifier's most probable label.
    public var predicted: String
    /// The probability of ``predicted`` (the top-class probability).
    public var confidence: Double

    /// A prediction record.
    public init(text: String, trueLabel: String, predicted: String, confidence: Double) {
        self.text = text
        self.trueLabel = trueLabel
        self.predicted = predicted
        self.confidence = confidence
    }

    /// Whether the prediction is the true label.
    public var isCorrect: Bool { trueLabel == predicted }
}

extension TextClassifier {
    /// ``evaluate(texts:labels:)`` plus each document's prediction and top-class
    /// probability (for reports: calibration and confident mistakes).
    ///
    /// ```swift
    /// let (metrics, predictions) = try classifier.evaluateWithPredictions(on: test)
    /// let html = ClassificationReport(title: "topics", metrics: metrics, predictions: predictions).html()
    /// ```
    public func evaluateWithPredictions(texts: [String], labels trueLabels: [String]) throws
        -> (metrics: ClassificationMetrics, predictions: [ScoredPrediction]) {
        let scored = try scoredPredictions(texts: texts, labels: trueLabels)
        let metrics = ClassificationMetrics(trueLabels: trueLabels, predicted: scored.predicted, labels: labels,
                                            trueLabelProbabilities: scored.trueLabelProbabilities)
        var predictions: [ScoredPrediction] = []
        predictions.reserveCapacity(texts.count)
        for i in texts.indices {
            predictions.append(ScoredPrediction(text: texts[i], trueLabel: trueLabels[i], predicted: scored.predicted[i],
                                                confidence: scored.topProbabilities[i]))
        }
        return (metrics, predictions)
    }

    /// ``evaluateWithPredictions(texts:labels:)`` with progress reports (documents
    /// classified of all, once per block) and the probability matrix (one row per
    /// text, for calibration), so the texts are classified once.
    ///
    /// ```swift
    /// let (metrics, predictions, p) = try classifier.evaluateWithPredictions(texts: texts, labels: labels) { done, total in
    ///     print("\(done)/\(total)")
    /// }
    /// ```
    public func evaluateWithPredictions(texts: [String], labels trueLabels: [String], progress: WorkProgress?) throws
        -> (metrics: ClassificationMetrics, predictions: [ScoredPrediction], probabilities: Matrix) {
        guard texts.count == trueLabels.count else {
            throw ClassificationError.shapeMismatch("\(trueLabels.count) labels for \(texts.count) documents")
        }
        let p = probabilities(texts, progress: progress)
        let scored = scoredPredictions(p, labels: trueLabels)
        let metrics = ClassificationMetrics(trueLabels: trueLabels, predicted: scored.predicted, labels: labels,
                                            trueLabelProbabilities: scored.trueLabelProbabilities)
        let predictions = texts.indices.map {
            ScoredPrediction(text: texts[$0], trueLabel: trueLabels[$0], predicted: scored.predicted[$0],
                             confidence: scored.topProbabilities[$0])
        }
        return (metrics, predictions, p)
    }

    /// ``evaluateWithPredictions(texts:labels:)`` on labelled documents.
    public func evaluateWithPredictions(on documents: [LabeledDocument]) throws
        -> (metrics: ClassificationMetrics, predictions: [ScoredPrediction]) {
        try evaluateWithPredictions(texts: documents.map(\.text), labels: documents.map(\.label))
    }
}
