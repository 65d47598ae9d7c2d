import PrecisCore

/// What can go wrong while training or applying a classifier on given data.
/// `description` is the one-line message the command-line tool prints; bad
/// hyper-parameters are ``PrecisCore/ConfigurationError``s instead.
///
/// ```swift
/// do { _ = try TextClassifierTrainer().fit(texts: ["a b"], labels: ["x"]) }
/// catch let error as ClassificationError { print(error) }   // "need at least two classes…"
/// ```
public enum ClassificationError: PrecisError, Equatable {
    /// No training documents.
    case emptyTrainingSet
    /// All training documents have the same label.
    case singleClass(String)
    /// Inputs disagree in size.
    case shapeMismatch(String)
    /// Streaming training could not use its temporary cache (disk full, unwritable folder).
    case cache(String)

    /// Not about a file: the caller knows which documents it passed.
    public var path: String? { nil }

    public var message: String {
        switch self {
        case .emptyTrainingSet:
            return "no training documents"
        case .singleClass(let label):
            return "need at least two classes to train a classifier, but every document is labelled '\(label)'"
        case .shapeMismatch(let message):
            return message
        case .cache(let message):
            return "training cache: " + message
        }
    }
}
