import Foundation

/// Reading whole input files, with the errors every reader shares.
enum FileBytes {
    /// The contents of `path`, or a ``DatasetError`` naming it.
    static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError(path: path, "no such file")
        }
        guard !isDirectory.boolValue else { throw DatasetError(path: path, "is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(path: path, "cannot read file (permission denied or I/O error)")
        }
        return data
    }

    /// `bytes` as a string, or a ``DatasetError`` at `line` (invalid UTF-8 is refused).
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int) throws -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw DatasetError(path: path, line: line, "invalid UTF-8 (convert the file to UTF-8, e.g. with iconv)")
        }
        return s
    }

    /// Length of a UTF-8 byte-order mark at the start, if any.
    static func bomLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}
