import Foundation
import PrecisText

/// Precision, recall, F1 and support of one class.
public struct ClassMetrics: Equatable, Sendable, Codable {
    /// Of the documents predicted as this class, the share that are (0 when none is).
    public var precision: Double
    /// Of the documents of this class, the share predicted as it (0 when there are none).
    public var recall: Double
    /// Harmonic mean of precision and recall (0 when both are 0).
    public var f1: Double
    /// Documents of this class.
    public var support: Int
}

/// The usual metrics of a single-label classifier on labelled data, as scikit-learn
/// computes them (`accuracy_score`, `f1_score(average="macro"/"weighted")`,
/// `log_loss`, `classification_report`, `confusion_matrix`). Encodes to the SPEC's
/// JSON keys.
///
/// ```swift
/// let m = ClassificationMetrics(trueLabels: ["a", "b"], predicted: ["a", "a"], labels: ["a", "b"])
/// m.accuracy        // 0.5
/// print(m.report()) // a table like classification_report
/// ```
public struct ClassificationMetrics: Equatable, Sendable, Codable {
    /// Share of documents classified correctly.
    public var accuracy: Double
    /// Unweighted mean of the per-class F1 scores.
    public var macroF1: Double
    /// Mean of the per-class F1 scores weighted by support.
    public var weightedF1: Double
    /// Mean negative log-probability of the true label (probabilities clipped to
    /// [1e-15, 1]); nil when no probabilities were given.
    public var logLoss: Double?
    /// Number of documents.
    public var n: Int
    /// The labels that occur in the data or the predictions, in the order of
    /// ``confusion``: the model's (in its order), then any seen only in the data.
    /// A model label that occurs nowhere is left out, as scikit-learn does by default,
    /// so the size follows the documents scored, never the classes a model declares.
    public var labels: [String]
    /// Per-label metrics.
    public var perClass: [String: ClassMetrics]
    /// Rows = true label, columns = predicted, in ``labels`` order; empty when there
    /// are more than ``maximumConfusionLabels`` labels (the per-class scores remain).
    public var confusion: [[Int]]
    /// True labels of the data that the model cannot predict (always errors).
    public var unseenLabels: [String]

    enum CodingKeys: String, CodingKey {
        case accuracy, n, labels, confusion
        case macroF1 = "macro_f1", weightedF1 = "weighted_f1", logLoss = "log_loss"
        case perClass = "per_class", unseenLabels = "unseen_labels"
    }

    /// The most labels for which ``confusion`` is filled in (a dense square of
    /// 4,096² counts is 128 MiB; beyond that nobody reads the table).
    public static let maximumConfusionLabels = 4096

    /// Metrics of `predicted` against `trueLabels`.
    ///
    /// - Parameters:
    ///   - labels: the labels the model knows, in its order; labels found only in
    ///     the data are appended and listed in ``unseenLabels``.
    ///   - trueLabelProbabilities: the model's probability of each document's true
    ///     label (0 for an unseen label), for the log-loss.
    public init(trueLabels: [String], predicted: [String], labels: [String],
                trueLabelProbabilities: [Double]? = nil) {
        let matrix = ConfusionMatrix(trueLabels: trueLabels, predicted: predicted, labels: labels)
        let known = Set(labels)
        self.labels = matrix.labels
        self.confusion = matrix.labels.count <= Self.maximumConfusionLabels ? matrix.counts : []
        self.n = trueLabels.count
        self.unseenLabels = matrix.labels.filter { !known.contains($0) }
        self.accuracy = n > 0 ? Double(matrix.correct) / Double(n) : 0
        var perClass: [String: ClassMetrics] = [:]
        var f1Sum = 0.0, weightedSum = 0.0
        for (i, label) in matrix.labels.enumerated() {
            let tp = Double(matrix.count(i, i))
            let predictedCount = Double(matrix.predictedCount(i))
            let support = matrix.support(i)
            let precision = predictedCount > 0 ? tp / predictedCount : 0
            let recall = support > 0 ? tp / Double(support) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            perClass[label] = ClassMetrics(precision: precision, recall: recall, f1: f1, support: support)
            f1Sum += f1
            weightedSum += f1 * Double(support)
        }
        self.perClass = perClass
        self.macroF1 = matrix.labels.isEmpty ? 0 : f1Sum / Double(matrix.labels.count)
        self.weightedF1 = n > 0 ? weightedSum / Double(n) : 0
        if let p = trueLabelProbabilities, !p.isEmpty, p.count == trueLabels.count {
            self.logLoss = p.reduce(0.0) { $0 - Foundation.log(min(max($1, 1e-15), 1)) } / Double(p.count)
        } else {
            self.logLoss = nil
        }
    }

    /// A plain-text table in the layout of scikit-learn's `classification_report`
    /// (per-class precision, recall, F1, support; accuracy; macro and weighted averages),
    /// followed by the log-loss when known.
    public func report(digits: Int = 4) -> String {
        // Labels are escaped (they come from data files) and cut at 64 characters.
        let shown = labels.map { TerminalText.escaped($0, limit: 64) }
        let width = max(12, shown.map(\.count).max() ?? 0)
        func number(_ x: Double) -> String { String(format: "%9.\(digits)f", x) }
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var lines: [String] = []
        lines.append(pad("") + " precision    recall  f1-score   support")
        lines.append("")
        for (label, name) in zip(labels, shown) {
            let m = perClass[label] ?? ClassMetrics(precision: 0, recall: 0, f1: 0, support: 0)
            lines.append(pad(name) + " " + number(m.precision) + " " + number(m.recall) + " " + number(m.f1)
                         + String(format: " %9d", m.support))
        }
        lines.append("")
        let blank = String(repeating: " ", count: 9)
        lines.append(pad("accuracy") + " " + blank + " " + blank + " " + number(accuracy) + String(format: " %9d", n))
        let count = Double(max(labels.count, 1))
        let scores = labels.map { perClass[$0] ?? ClassMetrics(precision: 0, recall: 0, f1: 0, support: 0) }
        let macroP = scores.reduce(0.0) { $0 + $1.precision } / count
        let macroR = scores.reduce(0.0) { $0 + $1.recall } / count
        lines.append(pad("macro avg") + " " + number(macroP) + " " + number(macroR) + " " + number(macroF1) + String(format: " %9d", n))
        let total = Double(max(n, 1))
        let weightedP = scores.reduce(0.0) { $0 + $1.precision * Double($1.support) } / total
        let weightedR = scores.reduce(0.0) { $0 + $1.recall * Double($1.support) } / total
        lines.append(pad("weighted avg") + " " + number(weightedP) + " " + number(weightedR) + " " + number(weightedF1) + String(format: " %9d", n))
        if let logLoss {
            lines.append("")
            lines.append(pad("log-loss") + " " + String(format: "%.4f", logLoss))
        }
        return lines.joined(separator: "\n")
    }

    /// The confusion matrix as an aligned text table (rows = true, columns = predicted),
    /// with labels abbreviated to column numbers for wide sets.
    public func confusionTable() -> String {
        let k = labels.count
        guard confusion.count == k else {
            return "(not shown: \(k) labels, more than \(Self.maximumConfusionLabels); see the per-class scores)"
        }
        let cell = max(5, String(confusion.flatMap { $0 }.max() ?? 0).count + 1)
        let names = labels.map { TerminalText.escaped($0, limit: 24) }
        let nameWidth = names.map(\.count).max() ?? 0
        func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        var lines = [pad("true \\ predicted", nameWidth + 5) + (0..<k).map { pad("[\($0)]", cell) }.joined()]
        for (i, name) in names.enumerated() {
            lines.append(pad("[\(i)] " + name, nameWidth + 5) + confusion[i].map { pad(String($0), cell) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
