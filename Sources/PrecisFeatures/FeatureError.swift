/// What can go wrong while building features.
///
/// ```swift
/// do { _ = try TfidfVectorizer().fit([]) } catch let error as FeatureError { print(error) }
/// ```
public enum FeatureError: Error, Equatable, CustomStringConvertible {
    /// No term is left: the documents hold no words (or only stop words),
    /// or min-df / max-df pruned every term.
    case emptyVocabulary
    /// The hyper-parameters contradict each other (the message says how).
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .emptyVocabulary:
            return "empty vocabulary: no term is left after min-df, max-df and stop words; the documents may contain only stop words"
        case .invalidConfiguration(let message):
            return "invalid vectoriser options: \(message)"
        }
    }
}
