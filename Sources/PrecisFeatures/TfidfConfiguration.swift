import PrecisText

/// A document-frequency bound, as scikit-learn's `min_df` / `max_df`:
/// an absolute number of documents or a proportion of the corpus.
///
/// As text (``description`` and ``init(_:)``), an integer is a count and a
/// number with a decimal point a proportion, as on the command line:
///
/// ```swift
/// DocumentFrequency("2")      // .count(2)
/// DocumentFrequency("0.5")    // .proportion(0.5)
/// DocumentFrequency.proportion(1).description   // "1.0"
/// ```
public enum DocumentFrequency: Equatable, Sendable, Codable, LosslessStringConvertible {
    /// At least / at most this many documents.
    case count(Int)
    /// At least / at most this fraction of the documents, in `0...1`.
    case proportion(Double)

    /// The bound as a document count for a corpus of `documents` documents
    /// (`ceil` for a lower bound, `floor` for an upper one, as scikit-learn).
    public func documents(in documents: Int, roundingUp: Bool) -> Int {
        switch self {
        case .count(let n): return n
        case .proportion(let p):
            let x = p * Double(documents)
            return roundingUp ? Int(x.rounded(.up)) : Int(x.rounded(.down))
        }
    }

    /// Parses an integer count or a proportion written with a decimal point;
    /// `nil` for anything else. Ranges are checked by ``TfidfConfiguration/validate()``.
    public init?(_ text: String) {
        if let n = Int(text) {
            self = .count(n)
        } else if text.contains("."), let p = Double(text) {
            self = .proportion(p)
        } else {
            return nil
        }
    }

    /// The count, or the proportion with its decimal point.
    public var description: String {
        switch self {
        case .count(let n): return "\(n)"
        case .proportion(let p): return "\(p)"
        }
    }
}

/// How rows of a TF-IDF matrix are normalised.
public enum Norm: String, Equatable, Sendable, Codable, CaseIterable {
    /// Each row scaled to unit Euclidean length (scikit-learn's default).
    case l2
    /// Each row scaled so its absolute values sum to one.
    case l1
    /// Rows left as they are.
    case none
}

/// The hyper-parameters of a ``TfidfVectorizer``, with scikit-learn's
/// `TfidfVectorizer` defaults.
///
/// ```swift
/// var config = TfidfConfiguration()
/// config.ngramRange = 1...2
/// config.minDF = .count(2)
/// config.sublinearTF = true
/// ```
public struct TfidfConfiguration: Equatable, Sendable, Codable {
    /// Word n-gram lengths to extract (`ngram_range`).
    public var ngramRange: ClosedRange<Int> = 1...1
    /// Ignore terms in fewer documents than this (`min_df`).
    public var minDF: DocumentFrequency = .count(1)
    /// Ignore terms in more documents than this (`max_df`).
    public var maxDF: DocumentFrequency = .proportion(1.0)
    /// Keep only the most frequent terms across the corpus (`max_features`).
    public var maxFeatures: Int? = nil
    /// Tokens removed before n-grams are formed (`stop_words`).
    public var stopWords: Set<String> = []
    /// Use `1 + log(tf)` instead of raw counts (`sublinear_tf`).
    public var sublinearTF: Bool = false
    /// Add one to document frequencies, as if an extra document held every term (`smooth_idf`).
    public var smoothIDF: Bool = true
    /// Weight by inverse document frequency at all (`use_idf`).
    public var useIDF: Bool = true
    /// Row normalisation (`norm`).
    public var norm: Norm = .l2
    /// How text becomes tokens (`lowercase` and the default `token_pattern`).
    public var tokenizer: Tokenizer = Tokenizer()

    /// scikit-learn's defaults.
    public init() {}
}
