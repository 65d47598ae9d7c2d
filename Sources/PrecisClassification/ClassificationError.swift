/// What can go wrong while training or applying a classifier. `description`
/// is the one-line message the command-line tool prints.
///
/// ```swift
/// do { _ = try LogisticRegression().fit(x, labels: y, classCount: 1) }
/// catch let error as ClassificationError { print(error) }   // "need at least two classes…"
/// ```
public enum ClassificationError: Error, Equatable, CustomStringConvertible {
    /// No training documents.
    case emptyTrainingSet
    /// All training documents have the same label.
    case singleClass(String)
    /// A hyper-parameter is out of range.
    case invalidConfiguration(String)
    /// Inputs disagree in size.
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case .emptyTrainingSet:
            return "no training documents"
        case .singleClass(let label):
            return "need at least two classes to train a classifier, but every document is labelled '\(label)'"
        case .invalidConfiguration(let message):
            return message
        case .shapeMismatch(let message):
            return message
        }
    }
}
