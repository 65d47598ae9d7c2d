import Foundation

/// The usual metrics of a multi-label classifier, as scikit-learn computes them on
/// binarised label sets: `f1_score(average="micro"/"macro"/"samples")`,
/// `accuracy_score` (subset accuracy: the whole set must be right), `hamming_loss`
/// and per-label precision/recall/F1/support. Encodes to the JSON keys `micro_f1`,
/// `macro_f1`, `samples_f1`, `subset_accuracy`, `hamming_loss`, `per_label`.
///
/// The labels counted are the given ones plus any that occur in the true or predicted
/// sets; macro-F1 averages over the labels with a true or predicted document (a label
/// with neither says nothing about the classifier).
///
/// ```swift
/// let m = MultiLabelMetrics(trueSets: [["a", "b"], ["c"]], predicted: [["a"], ["c"]])
/// m.microF1          // 0.8
/// m.subsetAccuracy   // 0.5
/// ```
public struct MultiLabelMetrics: Equatable, Sendable, Encodable {
    /// F1 of all (document, label) decisions pooled.
    public var microF1: Double
    /// Mean of the per-label F1s.
    public var macroF1: Double
    /// Mean over documents of the F1 between the true and predicted sets.
    public var samplesF1: Double
    /// Share of documents whose predicted set is exactly the true set.
    public var subsetAccuracy: Double
    /// Share of wrong (document, label) decisions.
    public var hammingLoss: Double
    /// Per label (sorted by UTF-8 bytes).
    public var perLabel: [String: ClassMetrics]
    /// Documents scored.
    public var documents: Int

    enum CodingKeys: String, CodingKey {
        case microF1 = "micro_f1", macroF1 = "macro_f1", samplesF1 = "samples_f1"
        case subsetAccuracy = "subset_accuracy", hammingLoss = "hamming_loss", perLabel = "per_label"
    }

    /// Metrics of `predicted` against `trueSets` (one set per document).
    public init(trueSets: [[String]], predicted: [[String]], labels: [String] = []) {
        precondition(trueSets.count == predicted.count, "MultiLabelMetrics: one predicted set per document")
        var universe = Set(labels)
        for set in trueSets { universe.formUnion(set) }
        for set in predicted { universe.formUnion(set) }
        let names = universe.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let k = names.count, n = trueSets.count
        var tp = [Int](repeating: 0, count: k), fp = tp, fn = tp
        var samples = 0.0, exact = 0, wrong = 0
        for (t, p) in zip(trueSets, predicted) {
            let truth = Set(t.compactMap { index[$0] }), guess = Set(p.compactMap { index[$0] })
            let hit = truth.intersection(guess).count
            for c in guess { if truth.contains(c) { tp[c] += 1 } else { fp[c] += 1 } }
            for c in truth where !guess.contains(c) { fn[c] += 1 }
            let denominator = truth.count + guess.count
            samples += denominator == 0 ? 1 : 2 * Double(hit) / Double(denominator)
            if truth == guess { exact += 1 }
            wrong += truth.symmetricDifference(guess).count
        }
        func f1(_ tp: Int, _ fp: Int, _ fn: Int) -> Double {
            tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
        }
        var perLabel: [String: ClassMetrics] = [:]
        var macro = 0.0, counted = 0
        for c in 0..<k {
            let precision = tp[c] + fp[c] == 0 ? 0 : Double(tp[c]) / Double(tp[c] + fp[c])
            let recall = tp[c] + fn[c] == 0 ? 0 : Double(tp[c]) / Double(tp[c] + fn[c])
            perLabel[names[c]] = ClassMetrics(precision: precision, recall: recall, f1: f1(tp[c], fp[c], fn[c]),
                                              support: tp[c] + fn[c])
            if tp[c] + fp[c] + fn[c] > 0 {
                macro += f1(tp[c], fp[c], fn[c])
                counted += 1
            }
        }
        microF1 = f1(tp.reduce(0, +), fp.reduce(0, +), fn.reduce(0, +))
        macroF1 = counted == 0 ? 0 : macro / Double(counted)
        samplesF1 = n == 0 ? 0 : samples / Double(n)
        subsetAccuracy = n == 0 ? 0 : Double(exact) / Double(n)
        hammingLoss = n == 0 || k == 0 ? 0 : Double(wrong) / Double(n * k)
        self.perLabel = perLabel
        documents = n
    }

    /// A plain-text report: the summary figures and a per-label table.
    public func report() -> String {
        var lines = [
            String(format: "micro-F1:        %.4f", microF1),
            String(format: "macro-F1:        %.4f", macroF1),
            String(format: "samples-F1:      %.4f", samplesF1),
            String(format: "subset accuracy: %.4f", subsetAccuracy),
            String(format: "Hamming loss:    %.4f", hammingLoss),
            "documents:       \(documents)",
            "",
        ]
        let width = max(5, perLabel.keys.map(\.count).max() ?? 5)
        lines.append("label".padding(toLength: width, withPad: " ", startingAt: 0) + "  precision  recall      f1  support")
        for name in perLabel.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let m = perLabel[name]!
            lines.append(name.padding(toLength: width, withPad: " ", startingAt: 0)
                         + String(format: "  %9.4f  %6.4f  %6.4f  %7d", m.precision, m.recall, m.f1, m.support))
        }
        return lines.joined(separator: "\n")
    }
}
