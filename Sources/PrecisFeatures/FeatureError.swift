/// What can go wrong while building features.
///
/// ```swift
/// do { _ = try TfidfVectorizer().fit([]) } catch let error as FeatureError { print(error) }
/// ```
public enum FeatureError: Error, Equatable, CustomStringConvertible {
    /// No term at all in the documents (only stop words, or no words).
    case emptyVocabulary
    /// Terms were found, but none is left after min-df, max-df and max-features.
    case allTermsPruned
    /// The hyper-parameters contradict each other (the message says how).
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .emptyVocabulary:
            return "empty vocabulary: the documents contain no terms (perhaps only stop words)"
        case .allTermsPruned:
            return "no terms remain after pruning: try a lower min-df or a higher max-df"
        case .invalidConfiguration(let message):
            return "invalid vectoriser options: \(message)"
        }
    }
}
