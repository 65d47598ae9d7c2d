/// How a stream of records is read: block size, line limit, and what a bad line does.
///
/// ```swift
/// var options = StreamOptions()
/// options.skipBadLines = true           // count malformed lines and go on
/// ```
public struct StreamOptions: Sendable, Equatable {
    /// About how many bytes of input are read, processed and written at a time.
    public var blockBytes: Int
    /// Longest line accepted, in bytes.
    public var maximumLineBytes: Int
    /// Whether a malformed line is counted and skipped instead of ending the stream.
    public var skipBadLines: Bool

    /// Options with the given (or default) values: 4 MiB blocks, 64 MiB lines, stop at a bad line.
    public init(blockBytes: Int = 4 << 20, maximumLineBytes: Int = 64 << 20, skipBadLines: Bool = false) {
        self.blockBytes = blockBytes
        self.maximumLineBytes = maximumLineBytes
        self.skipBadLines = skipBadLines
    }
}

/// What a stream read: records processed and bad lines skipped (with the first one's error).
public struct StreamSummary: Sendable, Equatable {
    /// Records read and processed.
    public var records = 0
    /// Malformed lines skipped (with ``StreamOptions/skipBadLines``).
    public var badLines = 0
    /// The first skipped line's error.
    public var firstBadLine: DatasetError?

    /// An empty summary.
    public init() {}

    /// The note for standard error when lines were skipped, e.g.
    /// `skipped 2 bad lines in x.jsonl (first: x.jsonl:7: invalid JSON)`; nil when none were.
    public func skippedNote(name: String) -> String? {
        guard badLines > 0 else { return nil }
        return "skipped \(badLines) bad line\(badLines == 1 ? "" : "s") in \(name)" + (firstBadLine.map { " (first: \($0))" } ?? "")
    }
}
