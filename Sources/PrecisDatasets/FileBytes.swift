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

    /// Calls `body` with each non-blank line of `data` (without its LF or CRLF ending)
    /// and its 1-based line number. A leading byte-order mark is skipped; lines of
    /// spaces and TABs only are passed over.
    static func forEachLine(_ data: Data,
                            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = bomLength(bytes)
            var lineNumber = 0
            while start < bytes.count {
                lineNumber += 1
                let rest = UnsafeBufferPointer(rebasing: bytes[start...])
                let end = rest.firstIndex(of: 0x0A).map { start + $0 } ?? bytes.count
                var lineEnd = end
                if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
                start = end + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                try body(line, lineNumber)
            }
        }
    }
}
