/// Why a model file could not be read or written; `description` is the one-line
/// message the command-line tool prints, naming the file.
///
/// ```swift
/// do { _ = try ModelFile.read(path: "notes.txt") }
/// catch let error as ModelFileError { print(error) }  // "notes.txt: not a Precis model file (wrong magic number)"
/// ```
public struct ModelFileError: Error, Equatable, CustomStringConvertible {
    /// The model file.
    public var path: String
    /// What is wrong.
    public var message: String

    /// An error about `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
