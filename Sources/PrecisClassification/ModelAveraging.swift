import Foundation
import PrecisCore
import PrecisFeatures
import PrecisLinearAlgebra

/// Parameter averaging of classifiers trained apart on partitions of one corpus
/// (the "parameter mixing" of distributed training): the merged classifier's
/// weights and intercepts are the mean of the parts', weighted by how many
/// documents each was trained on. Repeating train-on-partitions-then-average,
/// each round starting from the last average, is iterative parameter mixing
/// (McDonald, Hall & Mann, 2010).
///
/// The parts must share their features exactly: the same vectoriser settings,
/// the same columns (the same hashing width, or the same vocabulary) and the
/// same idf (so train them on document frequencies summed over all partitions,
/// ``PrecisFeatures/DocumentFrequencies``), and the same probability model
/// (softmax or one-vs-rest). A temperature the parts share is kept; different
/// ones are averaged geometrically. Their labels may differ (a partition may lack a
/// rare class): the merged classifier has the union of the labels, and each
/// class's weights are the mean over the parts that have that class.
///
/// Deterministic: sums run in `Double` over the parts in a fixed order (by their
/// data checksum, then document count), so the same parts in any order give the
/// same bytes.
///
/// ```swift
/// let parts = try ["p0.precis", "p1.precis"].map { try ModelFile.read(path: $0) }
/// let merged = try ModelAveraging.average(parts)
/// try ModelFile.write(merged, to: "merged.precis")
/// ```
public enum ModelAveraging {
    /// How each part counts in the mean.
    public enum Weighting: String, Sendable, CaseIterable, Codable {
        /// By the number of documents it was trained on (`metadata.documents`).
        case documents
        /// Every part the same.
        case uniform
    }

    /// The weighted mean of `parts`.
    ///
    /// - Throws: ``ModelAveragingError`` for fewer than one part, multi-label parts,
    ///   or parts whose features or probability models differ (the message names
    ///   the first part that differs from the first one, and how).
    public static func average(_ parts: [TextClassifier], weighting: Weighting = .documents) throws -> TextClassifier {
        guard let first = parts.first else { throw ModelAveragingError(part: nil, "no models to merge") }
        for (i, part) in parts.enumerated() {
            if part.multiLabel != nil { throw ModelAveragingError(part: i, "multi-label models cannot be merged") }
            if i > 0, let reason = incompatibility(first, part) { throw ModelAveragingError(part: i, reason) }
        }
        let order = parts.indices.sorted { a, b in
            let x = parts[a].metadata, y = parts[b].metadata
            if x.dataChecksum != y.dataChecksum { return x.dataChecksum.utf8.lexicographicallyPrecedes(y.dataChecksum.utf8) }
            if x.documents != y.documents { return x.documents < y.documents }
            return a < b
        }
        let sorted = order.map { parts[$0] }
        let share = sorted.map { weighting == .uniform ? 1.0 : Double(max($0.metadata.documents, 0)) }
        guard share.reduce(0, +) > 0 else { throw ModelAveragingError(part: nil, "the models were trained on no documents") }

        let labels = Array(Set(sorted.flatMap(\.labels))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let k = labels.count, features = first.model.featureCount
        var weights = [Double](repeating: 0, count: features * k)
        var intercepts = [Double](repeating: 0, count: k)
        var classShare = [Double](repeating: 0, count: k)
        for (part, s) in zip(sorted, share) where s > 0 {
            let columns = part.labels.map { label in labels.firstIndex(of: label)! }
            let pk = part.labels.count
            part.model.weights.storage.withUnsafeBufferPointer { w in
                for j in 0..<features {
                    let row = j * pk, out = j * k
                    for (c, target) in columns.enumerated() { weights[out + target] += s * Double(w[row + c]) }
                }
            }
            for (c, target) in columns.enumerated() {
                intercepts[target] += s * Double(part.model.intercepts[c])
                classShare[target] += s
            }
        }
        var merged = [Float](repeating: 0, count: features * k)
        for j in 0..<features {
            for c in 0..<k { merged[j * k + c] = Float(weights[j * k + c] / classShare[c]) }
        }
        let bias = (0..<k).map { Float(intercepts[$0] / classShare[$0]) }
        var model = LogisticRegressionModel(weights: Matrix(rows: features, columns: k, elements: merged),
                                            intercepts: bias, multiClass: first.model.multiClass)
        model.temperature = temperature(sorted, share: share)
        return TextClassifier(vectorizer: first.vectorizer, model: model, labels: labels,
                              metadata: metadata(sorted, share: share))
    }

    /// The parts' common probability temperature, or the weighted geometric mean of
    /// theirs when they differ (a temperature is a scale).
    static func temperature(_ parts: [TextClassifier], share: [Double]) -> Float {
        let first = parts[0].model.temperature
        if parts.allSatisfy({ $0.model.temperature == first }) { return first }
        var sum = 0.0, total = 0.0
        for (part, s) in zip(parts, share) where s > 0 {
            sum += s * log(Double(part.model.temperature))
            total += s
        }
        return Float(exp(sum / total))
    }

    /// Why `other` cannot be averaged with `reference`, or nil when it can.
    public static func incompatibility(_ reference: TextClassifier, _ other: TextClassifier) -> String? {
        incompatibility(reference.vectorizer, other.vectorizer) ?? incompatibility(reference.model.multiClass, other.model.multiClass)
    }

    /// Why a model with probabilities `other` cannot join ones with `reference`, or nil.
    public static func incompatibility(_ reference: MultiClass, _ other: MultiClass) -> String? {
        reference == other ? nil : "\(other.rawValue) probabilities, expected \(reference.rawValue)"
    }

    /// Why weights over the features of `b` do not mean the same as over those of `a`
    /// (columns, settings, idf or vocabulary differ), or nil when they do.
    public static func incompatibility(_ a: TfidfModel, _ b: TfidfModel) -> String? {
        if a.hashedFeatureCount != b.hashedFeatureCount {
            func kind(_ m: TfidfModel) -> String { m.hashedFeatureCount.map { "\($0) hashed columns" } ?? "a vocabulary of \(m.featureCount) terms" }
            return "\(kind(b)), expected \(kind(a))"
        }
        if a.featureCount != b.featureCount { return "\(b.featureCount) features, expected \(a.featureCount)" }
        var x = a.configuration, y = b.configuration
        if x.ngramRange != y.ngramRange || x.tokenizer != y.tokenizer || x.stopWords != y.stopWords {
            return "different tokenisation (n-gram range, tokeniser or stop words)"
        }
        if x.sublinearTF != y.sublinearTF || x.useIDF != y.useIDF || x.smoothIDF != y.smoothIDF || x.norm != y.norm {
            return "different weighting (sublinear tf, idf or norm settings)"
        }
        x.stopWords = []; y.stopWords = []
        if x != y { return "different vectoriser settings" }
        if a.idf != b.idf {
            return "different idf (train every part with the same document frequencies: precis document-frequencies --merge)"
        }
        if a != b { return "different vocabulary" }
        return nil
    }

    /// The merged classifier's account: every part's documents and class counts,
    /// the parts' optimiser figures weighted as the weights were (the training
    /// accuracy is each part's on its own partition), and the parts' checksums combined.
    static func metadata(_ parts: [TextClassifier], share: [Double]) -> TrainingMetadata {
        var hash = FNV64()
        for part in parts { hash.combine(part.metadata.dataChecksum.utf8); hash.combine(CollectionOfOne(0x0A)) }
        let total = share.reduce(0, +)
        var meta = TrainingMetadata(documents: parts.reduce(0) { $0 + $1.metadata.documents }, dataChecksum: hash.hexDigest)
        for part in parts { for (label, n) in part.metadata.classCounts { meta.classCounts[label, default: 0] += n } }
        meta.classifier = parts[0].metadata.classifier
        meta.iterations = parts.map(\.metadata.iterations).max() ?? 0
        meta.converged = parts.allSatisfy(\.metadata.converged)
        meta.finalLoss = zip(parts, share).reduce(0.0) { $0 + $1.1 * $1.0.metadata.finalLoss } / total
        meta.trainingAccuracy = zip(parts, share).reduce(0.0) { $0 + $1.1 * $1.0.metadata.trainingAccuracy } / total
        return meta
    }
}

/// Why classifiers could not be averaged: names the part (its position in the
/// list given) when one is at fault.
public struct ModelAveragingError: PrecisError, Equatable {
    /// Position of the offending part in the list given, if one is at fault.
    public var part: Int?
    public var message: String
    public var path: String? { nil }

    /// An error about part `part` (nil: about the whole list).
    public init(part: Int?, _ message: String) {
        self.part = part
        self.message = message
    }
}
