import PrecisCore

/// A problem with an input data file, always naming the file and, where it
/// applies, the 1-based line.
///
/// `description` is the one-line message the command-line tool prints.
///
/// ```swift
/// let error = DatasetError(path: "train.tsv", line: 3, "missing TAB")
/// print(error)     // "train.tsv:3: missing TAB"
/// ```
public struct DatasetError: PrecisError, Equatable {
    /// The file (or directory, or `-` for standard input) concerned.
    public var path: String?
    /// The 1-based line number, when the problem is on one line.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// An error about `path` (and `line`).
    public init(path: String, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
}
