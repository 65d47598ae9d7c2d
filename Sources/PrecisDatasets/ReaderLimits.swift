/// Bounds the readers apply to untrusted data files, so a hostile or broken file
/// ends with a one-line error instead of a huge allocation or a deep recursion.
/// The defaults are generous: far above any real document.
///
/// ```swift
/// var limits = ReaderLimits()
/// limits.maximumLineBytes = 1 << 20          // refuse lines over 1 MiB
/// let docs = try LabeledDataset.read(path: "train.tsv", limits: limits)
/// ```
public struct ReaderLimits: Sendable, Equatable {
    /// Longest line (TSV, JSONL) or CSV record, in bytes. Default 64 MiB.
    public var maximumLineBytes: Int
    /// Longest single field (a label or a text), in bytes. Default 64 MiB.
    public var maximumFieldBytes: Int
    /// Deepest nesting of JSON arrays and objects within one line. Default 64.
    public var maximumJSONDepth: Int

    /// Limits with the given (or default) values.
    public init(maximumLineBytes: Int = 64 << 20, maximumFieldBytes: Int = 64 << 20, maximumJSONDepth: Int = 64) {
        self.maximumLineBytes = maximumLineBytes
        self.maximumFieldBytes = maximumFieldBytes
        self.maximumJSONDepth = maximumJSONDepth
    }

    /// The defaults.
    public static let standard = ReaderLimits()

    /// The one-line explanation of a line over ``maximumLineBytes``.
    func lineTooLong(_ count: Int) -> String {
        "line of \(count) bytes exceeds the limit of \(maximumLineBytes) bytes (a file without line breaks? raise it with --max-line-bytes)"
    }

    /// The one-line explanation of a field over ``maximumFieldBytes``.
    func fieldTooLong(_ count: Int) -> String {
        "field of \(count) bytes exceeds the limit of \(maximumFieldBytes) bytes (raise it with --max-line-bytes if this is intended)"
    }
}
