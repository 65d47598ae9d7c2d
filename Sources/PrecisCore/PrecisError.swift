/// The one protocol every Precis error conforms to: what is wrong, and where.
///
/// `path` names the file, directory or stream (`-`) the problem is in, and `line`
/// the 1-based line where that applies; both are `nil` for problems that are not
/// about an input (a bad option, a single-class training set). `description` is
/// the one-line message the command-line tool prints: `path:line: message`.
///
/// ```swift
/// do {
///     _ = try LabeledDataset.read(path: "train.tsv")
/// } catch let error as PrecisError {
///     print(error.path ?? "-", error.line ?? 0, error.message)
///     print(error)                         // "train.tsv:3: missing TAB between label and text"
/// }
/// ```
public protocol PrecisError: Error, CustomStringConvertible, Sendable {
    /// The file, directory or stream concerned, when the error is about one.
    var path: String? { get }
    /// The 1-based line in ``path``, when the problem is on one line.
    var line: Int? { get }
    /// What is wrong, without the place.
    var message: String { get }
}

extension PrecisError {
    /// No line unless the error type says otherwise.
    public var line: Int? { nil }

    /// `path:line: message`, `path: message`, `line N: message` or just `message`.
    public var description: String {
        switch (path, line) {
        case let (path?, line?): return "\(path):\(line): \(message)"
        case let (path?, nil): return "\(path): \(message)"
        case let (nil, line?): return "line \(line): \(message)"
        case (nil, nil): return message
        }
    }
}
