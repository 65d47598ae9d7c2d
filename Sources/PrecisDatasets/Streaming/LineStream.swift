import Foundation

/// Reads a file, standard input, a pipe or a FIFO as a stream of blocks of whole
/// lines, in bounded memory: at most about ``blockBytes`` of text (or one line,
/// when a line is longer) is held at a time, whatever the size of the input.
///
/// Lines are split by the same code as the whole-file readers
/// (`FileBytes.forEachLine`): LF or CRLF endings, a leading byte-order mark
/// skipped, blank lines (spaces and TABs only) passed over, and each line keeps
/// its 1-based number in the file.
///
/// `-` is standard input (named `<stdin>` in errors). Pipes, FIFOs, `/dev/stdin`
/// and process substitution (`<(command)`) are read as streams; a directory is refused.
///
/// ```swift
/// let stream = try LineStream(path: "big.jsonl")
/// while let block = try stream.nextBlock() {
///     for k in 0..<block.count { print(block.lineNumber(k)) }
/// }
/// ```
public final class LineStream {
    /// The path as given (`-` for standard input).
    public let path: String
    /// The name errors use: the path, or `<stdin>`.
    public let name: String
    /// About how many bytes of lines one block holds.
    public let blockBytes: Int
    /// Longest line accepted, in bytes (a longer one is an error naming its line).
    public let maximumLineBytes: Int

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes read but not yet handed out (a partial last line).
    private var pending: [UInt8] = []
    /// `pending[..<noLineEndBefore]` is known to hold no line ending (a long line
    /// being read), so it is not searched again.
    private var noLineEndBefore = 0
    /// Where each read lands before it joins `pending`.
    private var scratch: [UInt8] = []
    private var atEnd = false
    /// Lines (blank ones included) before the next block.
    private var linesBefore = 0
    /// Whether the next block is the first (where a byte-order mark may be).
    private var first = true

    /// Opens `path` (`-`: standard input).
    ///
    /// - Throws: ``DatasetError`` naming the file: missing, a directory, unreadable.
    public init(path: String, blockBytes: Int = 4 << 20, maximumLineBytes: Int = 64 << 20) throws {
        self.path = path
        self.name = path == "-" ? "<stdin>" : path
        self.blockBytes = max(1, blockBytes)
        self.maximumLineBytes = max(1, maximumLineBytes)
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                let code = errno
                throw DatasetError(path: path, code == ENOENT ? "no such file"
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
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Bytes of the input handed out in blocks so far (the offset of the next block).
    public private(set) var consumed = 0

    /// The next block of whole lines, or `nil` at the end of the input.
    /// A block may hold no line at all when its lines are all blank.
    ///
    /// - Throws: ``DatasetError`` naming the file and line for a line longer than
    ///   ``maximumLineBytes``, or an I/O error.
    public func nextBlock() throws -> LineBlock? {
        while true {
            if let cut = cutPoint() {
                let bytes = Array(pending[0..<cut])
                pending.removeSubrange(0..<cut)
                noLineEndBefore = 0
                return try makeBlock(bytes)
            }
            if atEnd {
                guard !pending.isEmpty else { return nil }
                let bytes = pending
                pending = []
                noLineEndBefore = 0
                return try makeBlock(bytes)
            }
            try fill()
        }
    }

    /// Where the next block ends (after its last line ending), once enough is read.
    private func cutPoint() -> Int? {
        guard pending.count >= blockBytes || atEnd else {
            if pending.count > maximumLineBytes { return lastLineEnd() ?? pending.count }
            return nil
        }
        return lastLineEnd()
    }

    /// Just past the last LF (or a CR not at the very end, which may still be
    /// followed by its LF) in `pending`.
    private func lastLineEnd() -> Int? {
        var p = pending.count - 1
        while p >= noLineEndBefore {
            let b = pending[p]
            if b == 0x0A { return p + 1 }
            if b == 0x0D && (p + 1 < pending.count || atEnd) { return p + 1 }
            p -= 1
        }
        noLineEndBefore = max(0, pending.count - 1)
        return nil
    }

    /// Reads up to a block more from the input (a pipe gives less per read).
    private func fill() throws {
        let want = max(blockBytes - pending.count, 1 << 16)
        if scratch.count < want { scratch = [UInt8](repeating: 0, count: want) }
        var got = 0
        try scratch.withUnsafeMutableBytes { raw in
            while true {
                let n = read(descriptor, raw.baseAddress!, want)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DatasetError(path: name, "cannot read (\(String(cString: strerror(errno))))")
                }
                got = n
                break
            }
        }
        pending.append(contentsOf: scratch[0..<got])
        if got == 0 { atEnd = true }
        if pending.count > maximumLineBytes && lastLineEnd() == nil {
            throw DatasetError(path: name, line: linesBefore + 1,
                               "line of more than \(maximumLineBytes) bytes (a file without line breaks? raise the limit with --max-line-bytes)")
        }
    }

    /// The block of the whole lines in `bytes`, split as `FileBytes.forEachLine` splits a file.
    private func makeBlock(_ bytes: [UInt8]) throws -> LineBlock {
        let base = linesBefore
        let offset = consumed
        consumed += bytes.count
        var ranges: [Range<Int>] = []
        var numbers: [Int] = []
        var number = 0
        try bytes.withUnsafeBufferPointer { all in
            var start = first ? FileBytes.bomLength(all) : 0
            while start < all.count {
                number += 1
                let (end, next) = FileBytes.lineEnd(all, from: start)
                guard end - start <= maximumLineBytes else {
                    throw DatasetError(path: name, line: base + number,
                                       "line of \(end - start) bytes exceeds the limit of \(maximumLineBytes) bytes (a file without line breaks? raise it with --max-line-bytes)")
                }
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    ranges.append(start..<end)
                    numbers.append(base + number)
                }
                start = next
            }
        }
        first = false
        linesBefore += number
        return LineBlock(name: name, storage: bytes, ranges: ranges, numbers: numbers, offset: offset, linesBefore: base)
    }
}
