import Foundation

/// Reading whole input files, with the errors and line splitting every reader shares.
enum FileBytes {
    /// The contents of `path`, or a ``DatasetError`` naming it. Regular files and
    /// pipes (`<(command)`, named FIFOs) are read; a device such as `/dev/zero`
    /// would never end and is refused, as is a directory or a socket.
    static func read(_ path: String, allowPipes: Bool = true) throws -> Data {
        let name = path
        let path = path == "-" ? "/dev/stdin" : path
        var status = stat()
        guard stat(path, &status) == 0 else {
            if name == "-" { throw DatasetError(path: name, "cannot read standard input") }
            throw DatasetError(path: path, errno == ENOENT ? "no such file or directory" : "cannot read file (\(String(cString: strerror(errno))))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFIFO where allowPipes: break
        case S_IFDIR: throw DatasetError(path: path, "is a directory, not a file")
        default: throw DatasetError(path: path, "is not a regular file (a device, a socket, or a FIFO inside a data directory, is not read as data)")
        }
        if status.st_mode & S_IFMT == S_IFIFO {
            // A pipe has no size to read up to: read until the writer closes it.
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw DatasetError(path: name, "cannot read pipe")
            }
            defer { try? handle.close() }
            do {
                return try handle.readToEnd() ?? Data()
            } catch {
                throw DatasetError(path: name, "cannot read pipe (\(error.localizedDescription))")
            }
        }
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

    /// Length of the UTF-8 byte-order marks at the start: one, or several when a
    /// tool added its own in front of an existing one.
    static func bomLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        while bytes.count - n >= 3 && bytes[n] == 0xEF && bytes[n + 1] == 0xBB && bytes[n + 2] == 0xBF { n += 3 }
        return n
    }

    /// The end of the line starting at `start` (exclusive, before any terminator) and
    /// where the next line starts. Lines end with LF, CRLF or a lone CR (universal
    /// newlines, as Python and pandas read text), so a file with classic Mac OS line
    /// ends reads line by line instead of as one document.
    @inline(__always)
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, next: Int) {
        guard let base = bytes.baseAddress, start < bytes.count else { return (start, start) }
        let lf = memchr(base + start, 0x0A, bytes.count - start)
            .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
        if lf > start, let cr = memchr(base + start, 0x0D, lf - start) {
            let p = base.distance(to: cr.assumingMemoryBound(to: UInt8.self))
            if p + 1 == lf { return (p, lf + 1) }      // CRLF
            return (p, p + 1)                           // lone CR
        }
        return (lf, lf + 1)
    }

    /// Calls `body` with each non-blank line of `data` (without its line ending)
    /// and its 1-based line number. Lines end with LF, CRLF or a lone CR. Leading
    /// byte-order marks are skipped; lines of spaces and TABs only are passed over;
    /// a line longer than `limits` allow is an error naming it.
    static func forEachLine(_ data: Data, path: String, limits: ReaderLimits,
                            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = bomLength(bytes)
            var lineNumber = 0
            while start < bytes.count {
                lineNumber += 1
                let (end, next) = lineEnd(bytes, from: start)
                guard end - start <= limits.maximumLineBytes else {
                    throw DatasetError(path: path, line: lineNumber, limits.lineTooLong(end - start))
                }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = next
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                try body(line, lineNumber)
            }
        }
    }

    /// A label as read: surrounding spaces, TABs and invisible format characters
    /// (byte-order marks, zero-width spaces) removed, so they never make a second class.
    static func cleanLabel(_ label: String) -> String {
        label.trimmingCharacters(in: labelPadding)
    }

    static let labelPadding: CharacterSet = {
        var set = CharacterSet.whitespaces
        set.insert(charactersIn: "\u{FEFF}\u{200B}\u{200C}\u{200D}\u{2060}")
        return set
    }()
}
