import PrecisCore

/// Why a model file could not be found, read or written; `description` is the
/// one-line message the command-line tool prints, naming the file.
///
/// ```swift
/// do { _ = try ModelFile.read(path: "notes.txt") }
/// catch let error as ModelFileError { print(error) }  // "notes.txt: not a Precis model file (wrong magic number)"
/// ```
public struct ModelFileError: PrecisError, Equatable {
    /// The model file.
    public var path: String?
    /// What is wrong.
    public var message: String

    /// An error about `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    /// An error that names no single file (such as a default model found nowhere).
    public init(_ message: String) {
        self.path = nil
        self.message = message
    }
}
