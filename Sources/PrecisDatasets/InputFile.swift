import Foundation

/// Reading one input file whole, for every command that takes a path: regular
/// files and pipes (`<(command)`, named FIFOs) are read; a directory, a device such
/// as `/dev/zero` (which never ends) or a socket is refused with a message.
///
/// ```swift
/// let data = try InputFile.read("article.txt")
/// ```
public enum InputFile {
    /// The contents of `path`.
    ///
    /// - Throws: ``DatasetError`` naming the file.
    public static func read(_ path: String) throws -> Data {
        try FileBytes.read(path)
    }
}
