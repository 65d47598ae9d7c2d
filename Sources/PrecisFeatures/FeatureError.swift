import PrecisCore

/// What can go wrong while building features from documents. Bad hyper-parameters
/// are ``PrecisCore/ConfigurationError``s instead.
///
/// ```swift
/// do { _ = try TfidfVectorizer().fit([]) } catch let error as FeatureError { print(error) }
/// ```
public enum FeatureError: PrecisError, Equatable {
    /// No term is left: the documents hold no words (or only stop words),
    /// or min-df / max-df pruned every term.
    case emptyVocabulary

    /// A count matrix given to weigh (``HashingTfidfModel/weigh(counts:)``) that no
    /// hashing vectoriser makes: other columns, a column out of range, or a count
    /// that is not a whole number in `0..<2^32` (negative, fractional, NaN, infinite).
    case invalidCounts(String)

    /// Not about a file: the caller knows which documents it passed.
    public var path: String? { nil }

    public var message: String {
        switch self {
        case .emptyVocabulary:
            return "empty vocabulary: no term is left after min-df, max-df and stop words; the documents may contain only stop words"
        case .invalidCounts(let reason):
            return "invalid term counts: " + reason
        }
    }
}
