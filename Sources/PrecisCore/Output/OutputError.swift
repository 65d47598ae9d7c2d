import Foundation

/// An output that could not be written: a full disk, an I/O error, a refused
/// target. `description` is the one-line message the command-line tool prints,
/// naming the file or stream.
///
/// ```swift
/// do { try AtomicFile.write(Array("hi\n".utf8), to: "/dev/full") }
/// catch let error as OutputError { print(error) }   // "/dev/full: exists and is not a regular file (a character device); …"
/// ```
public struct OutputError: PrecisError, Equatable {
    /// The file, or a stream's name (`standard output`).
    public var path: String?
    /// What went wrong.
    public var message: String
    /// The `errno` of a failed system call, when there was one.
    public var code: Int32?

    /// An error about `path`.
    public init(path: String, _ message: String, code: Int32? = nil) {
        self.path = path
        self.message = message
        self.code = code
    }

    /// An error for the current `errno` while `doing` something with `path`.
    public static func system(_ path: String, _ doing: String, _ code: Int32 = errno) -> OutputError {
        OutputError(path: path, "\(doing): \(String(cString: strerror(code)))", code: code)
    }
}
