import Foundation

/// An open input — a file, standard input, a pipe or a FIFO — read front to back,
/// that can look ahead without losing what it saw: ``peek(_:)`` reads a head and
/// keeps it, and the reads that follow (``read(into:)``, ``readToEnd()``, a
/// ``LineStream`` over the source) start with those bytes, then go on with the rest
/// of the input. So the format of a pipe can be told from its first line and the
/// pipe still be streamed, in bounded memory, from its first byte.
///
/// ```swift
/// let source = try ByteSource(path: "-")              // standard input
/// let format = try DataFormat.sniff(source)           // reads a head only
/// let lines = LineStream(source: source)              // starts from that head
/// ```
public final class ByteSource {
    /// The path as given (`-` for standard input).
    public let path: String
    /// The name errors use: the path, or `<stdin>`.
    public let name: String
    /// The bytes left to read when the input is a regular file (its size from the
    /// offset it was opened at); nil for pipes, FIFOs, sockets and terminals.
    public let totalBytes: Int?
    /// Whether the input is a regular file (which could be opened and read again).
    public var isRegularFile: Bool { totalBytes != nil }
    /// Bytes taken from the input so far (handed out or held ahead by ``peek(_:)``):
    /// how far the source has read, whatever it gave out.
    public private(set) var bytesRead = 0

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes read ahead by ``peek(_:)`` and not yet handed out: `ahead[aheadStart...]`.
    private var ahead: [UInt8] = []
    private var aheadStart = 0
    private var atEnd = false

    /// Opens `path` (`-`: standard input).
    ///
    /// - Throws: ``DatasetError`` naming the file: missing, a directory, unreadable.
    public init(path: String) throws {
        self.path = path
        self.name = path == "-" ? "<stdin>" : path
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                let code = errno
                throw DatasetError(path: path, code == ENOENT ? "no such file or directory"
                                   : "cannot read file (\(String(cString: strerror(code))))")
            }
            descriptor = fd
            ownsDescriptor = true
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
            if ownsDescriptor { close(descriptor) }
            throw DatasetError(path: name, "is a directory, not a file")
        }
        if status.st_mode & S_IFMT == S_IFREG {
            let offset = lseek(descriptor, 0, SEEK_CUR)
            totalBytes = max(0, Int(status.st_size) - max(0, Int(offset)))
        } else {
            totalBytes = nil
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The bytes read ahead (by ``peek(_:)`` or ``readAhead(upTo:)``) and not yet handed out.
    public var held: ArraySlice<UInt8> { ahead[aheadStart...] }

    /// Reads once more from the input (one `read(2)` of at most `limit` bytes: on a
    /// pipe, what has arrived) and keeps the bytes after those held. Returns false
    /// at the end of the input.
    ///
    /// - Throws: ``DatasetError`` for an I/O error.
    @discardableResult
    public func readAhead(upTo limit: Int = 1 << 16) throws -> Bool {
        if atEnd { return false }
        if aheadStart > 0 {
            ahead.removeSubrange(0..<aheadStart)
            aheadStart = 0
        }
        let want = max(1, limit)
        let old = ahead.count
        ahead.append(contentsOf: repeatElement(0, count: want))
        let got = try ahead.withUnsafeMutableBytes { try readInput(into: UnsafeMutableRawBufferPointer(rebasing: $0[old...])) }
        ahead.removeLast(want - got)
        if got == 0 { atEnd = true }
        return got > 0
    }

    /// The next bytes of the input without consuming them: reads ahead until at
    /// least `count` bytes are held or the input ends, and returns what is held
    /// (possibly more than `count`, fewer only at the end). On a pipe this waits
    /// for `count` bytes or the writer's end; ``readAhead(upTo:)`` takes what has arrived.
    ///
    /// - Throws: ``DatasetError`` for an I/O error.
    public func peek(_ count: Int) throws -> ArraySlice<UInt8> {
        while ahead.count - aheadStart < count && !atEnd {
            try readAhead(upTo: max(count - (ahead.count - aheadStart), 4096))
        }
        return held
    }

    /// Reads up to `buffer.count` bytes into `buffer`: first those held by
    /// ``peek(_:)``, then from the input. Returns how many; 0 at the end.
    ///
    /// - Throws: ``DatasetError`` for an I/O error.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        if aheadStart < ahead.count {
            let n = min(buffer.count, ahead.count - aheadStart)
            ahead.withUnsafeBytes { held in
                buffer.baseAddress!.copyMemory(from: held.baseAddress! + aheadStart, byteCount: n)
            }
            aheadStart += n
            if aheadStart == ahead.count {
                ahead = []
                aheadStart = 0
            }
            return n
        }
        if atEnd { return 0 }
        let got = try readInput(into: buffer)
        if got == 0 { atEnd = true }
        return got
    }

    /// Everything left: the bytes held ahead, then the rest of the input.
    ///
    /// - Throws: ``DatasetError`` for an I/O error.
    public func readToEnd() throws -> Data {
        var out = Data()
        if let totalBytes { out.reserveCapacity(max(0, totalBytes - bytesRead) + ahead.count - aheadStart) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// One `read(2)` from the input, retried on EINTR.
    private func readInput(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = readDescriptor(descriptor, buffer.baseAddress!, buffer.count)
            if n >= 0 {
                bytesRead += n
                return n
            }
            if errno == EINTR { continue }
            throw DatasetError(path: name, "cannot read (\(String(cString: strerror(errno))))")
        }
    }
}

/// `read(2)` (a free function, so the name does not meet ``ByteSource/read(into:)``).
private func readDescriptor(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
