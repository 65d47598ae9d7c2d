/// How far a stream has got, reported after each block (see
/// ``StreamOptions/progress``): records read, bytes of input consumed and, when
/// the input is a regular file, its size, so a display can give an ETA.
///
/// ```swift
/// var options = StreamOptions()
/// options.progress = { p in
///     if let f = p.fraction { print("\(Int(f * 100))% (\(p.records) records)") }
/// }
/// ```
public struct StreamProgress: Sendable, Equatable {
    /// Records read and processed so far.
    public var records: Int
    /// Malformed lines skipped so far.
    public var badLines: Int
    /// Bytes of input consumed so far.
    public var bytes: Int
    /// The input's size in bytes when it is a regular file; nil for pipes, FIFOs and terminals.
    public var totalBytes: Int?

    /// A progress report.
    public init(records: Int, badLines: Int = 0, bytes: Int, totalBytes: Int?) {
        self.records = records
        self.badLines = badLines
        self.bytes = bytes
        self.totalBytes = totalBytes
    }

    /// The share of the input consumed, in `0...1`, when the size is known.
    public var fraction: Double? {
        guard let totalBytes, totalBytes > 0 else { return nil }
        return min(1, Double(bytes) / Double(totalBytes))
    }
}
