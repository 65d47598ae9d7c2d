import PrecisClassification
import PrecisDatasets
import PrecisLinearAlgebra

extension TextClassifier {
    /// The metrics of this classifier on labelled texts: accuracy, F1, per-class
    /// report, confusion matrix and log-loss, as scikit-learn computes them.
    ///
    /// Labels in the data that the classifier never saw count as errors; they are
    /// listed in ``ClassificationMetrics/unseenLabels``.
    ///
    /// ```swift
    /// let test = try LabeledDataset.read(path: "test.tsv")
    /// let metrics = try classifier.evaluate(on: test)
    /// metrics.accuracy
    /// print(metrics.report())
    /// ```
    ///
    /// - Throws: ``PrecisClassification/ClassificationError/shapeMismatch(_:)`` when
    ///   `texts` and `labels` differ in length.
    public func evaluate(texts: [String], labels trueLabels: [String]) throws -> ClassificationMetrics {
        let scored = try scoredPredictions(texts: texts, labels: trueLabels)
        return ClassificationMetrics(trueLabels: trueLabels, predicted: scored.predicted, labels: labels,
                                     trueLabelProbabilities: scored.trueLabelProbabilities)
    }

    /// ``evaluate(texts:labels:)`` on labelled documents.
    public func evaluate(on documents: [LabeledDocument]) throws -> ClassificationMetrics {
        try evaluate(texts: documents.map(\.text), labels: documents.map(\.label))
    }

    /// The most probable label of each text, its probability, and the probability
    /// the classifier gives the true label (0 for a label it does not know).
    func scoredPredictions(texts: [String], labels trueLabels: [String]) throws
        -> (predicted: [String], trueLabelProbabilities: [Double], topProbabilities: [Double]) {
        guard texts.count == trueLabels.count else {
            throw ClassificationError.shapeMismatch("\(trueLabels.count) labels for \(texts.count) documents")
        }
        return scoredPredictions(probabilities(texts), labels: trueLabels)
    }

    /// ``scoredPredictions(texts:labels:)`` from the texts' probability matrix.
    func scoredPredictions(_ p: Matrix, labels trueLabels: [String])
        -> (predicted: [String], trueLabelProbabilities: [Double], topProbabilities: [Double]) {
        var index: [String: Int] = [:]
        for (c, label) in labels.enumerated() { index[label] = c }
        var predicted: [String] = [], trueProbability: [Double] = [], top: [Double] = []
        top.reserveCapacity(trueLabels.count)
        predicted.reserveCapacity(trueLabels.count)
        trueProbability.reserveCapacity(trueLabels.count)
        for (i, label) in trueLabels.enumerated() {
            var best = 0
            for c in 1..<labels.count where p[i, c] > p[i, best] { best = c }
            predicted.append(labels[best])
            top.append(Double(p[i, best]))
            trueProbability.append(index[label].map { Double(p[i, $0]) } ?? 0)
        }
        return (predicted, trueProbability, top)
    }
}
