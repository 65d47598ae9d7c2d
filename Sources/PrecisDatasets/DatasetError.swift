/// A problem with an input data file, always naming the file and, where it
/// applies, the 1-based line.
///
/// `description` is the one-line message the command-line tool prints.
public struct DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file (or directory) concerned.
    public var path: String
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

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
