import Foundation
import PrecisText

/// Turns documents into TF-IDF vectors, computing exactly what scikit-learn's
/// `TfidfVectorizer` computes for the same settings.
///
/// `TfidfVectorizer` holds configuration only; ``fit(_:)`` learns a
/// vocabulary and idf weights and returns them as a ``TfidfModel``, which
/// then ``TfidfModel/transform(_:)``s documents.
///
/// ```swift
/// let vectorizer = TfidfVectorizer()
/// let (model, x) = try vectorizer.fitTransform(["the cat sat", "the dog sat"])
/// model.vocabulary            // ["cat", "dog", "sat", "the"]
/// x.rows                      // 2
/// ```
///
/// Weights: `tf × idf` with `idf = ln((1 + n) / (1 + df)) + 1` (smoothed) or
/// `ln(n / df) + 1`; `tf` is the raw count or `1 + ln(count)` when
/// sublinear; rows are then normalised. Features are sorted by term, like
/// scikit-learn's `get_feature_names_out()`.
public struct TfidfVectorizer: Sendable {
    /// The hyper-parameters.
    public var configuration: TfidfConfiguration

    /// A vectorizer with the given configuration (scikit-learn's defaults if omitted).
    public init(configuration: TfidfConfiguration = TfidfConfiguration()) {
        self.configuration = configuration
    }

    /// Learns the vocabulary and idf of `documents`.
    ///
    /// - Throws: ``FeatureError/emptyVocabulary`` when no term survives the
    ///   document-frequency bounds and stop words.
    public func fit(_ documents: [String]) throws -> TfidfModel {
        try fitTransform(documents).model
    }

    /// Learns the vocabulary and idf of `documents` and returns their TF-IDF matrix.
    public func fitTransform(_ documents: [String]) throws -> (model: TfidfModel, matrix: SparseMatrix) {
        let config = configuration
        let counted = documents.map { TermCounter.count($0, configuration: config) }
        var documentFrequency: [String: Int] = [:]
        var corpusFrequency: [String: Int] = [:]
        for doc in counted {
            for (term, n) in doc {
                documentFrequency[term, default: 0] += 1
                corpusFrequency[term, default: 0] += n
            }
        }
        let n = documents.count
        let minDocs = config.minDF.documents(in: n, roundingUp: true)
        let maxDocs = config.maxDF.documents(in: n, roundingUp: false)
        var kept = documentFrequency.filter { $0.value >= minDocs && $0.value <= maxDocs }.map(\.key)
        if let limit = config.maxFeatures, kept.count > limit {
            // Most frequent in the corpus first; ties broken by term, as scikit-learn.
            kept.sort { (corpusFrequency[$0]!, $1) > (corpusFrequency[$1]!, $0) }
            kept = Array(kept.prefix(limit))
        }
        guard !kept.isEmpty else { throw FeatureError.emptyVocabulary }
        kept.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let idf: [Float] = kept.map { term in
            let df = Double(documentFrequency[term]!)
            let total = Double(n)
            let value = config.smoothIDF ? log((1 + total) / (1 + df)) + 1 : log(total / df) + 1
            return Float(value)
        }
        let model = TfidfModel(configuration: config, vocabulary: kept, idf: idf)
        return (model, model.transform(counts: counted))
    }
}

/// What can go wrong while building features.
public enum FeatureError: Error, Equatable, CustomStringConvertible {
    /// No term was left after document-frequency pruning and stop words.
    case emptyVocabulary

    public var description: String {
        switch self {
        case .emptyVocabulary:
            return "empty vocabulary: no term is left after min-df, max-df and stop words; the documents may contain only stop words"
        }
    }
}

/// Counts the n-grams of one document.
enum TermCounter {
    static func count(_ text: String, configuration: TfidfConfiguration) -> [String: Int] {
        var tokens: [String] = []
        configuration.tokenizer.forEachToken(in: text) { bytes in
            let token = String(decoding: bytes, as: UTF8.self)
            if !configuration.stopWords.contains(token) { tokens.append(token) }
        }
        var counts: [String: Int] = [:]
        let range = configuration.ngramRange
        for n in range where n <= tokens.count {
            for start in 0...(tokens.count - n) {
                let gram = n == 1 ? tokens[start] : tokens[start..<(start + n)].joined(separator: " ")
                counts[gram, default: 0] += 1
            }
        }
        return counts
    }
}
