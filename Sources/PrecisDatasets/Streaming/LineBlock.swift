import PrecisCore

/// A block of whole, non-blank lines read by a ``LineStream``, each with its
/// 1-based line number in the file.
///
/// ```swift
/// let stream = try LineStream(path: "docs.tsv")
/// if let block = try stream.nextBlock() {
///     let lengths = block.map { line, number in line.count }   // in parallel, in order
/// }
/// ```
public struct LineBlock: Sendable {
    /// The name errors use (the path, or `<stdin>`).
    public let name: String
    let storage: [UInt8]
    let ranges: [Range<Int>]
    let numbers: [Int]
    /// Byte offset of the block in the input.
    public let offset: Int
    /// Lines of the input before this block (blank ones included).
    public let linesBefore: Int

    /// Number of (non-blank) lines.
    public var count: Int { ranges.count }

    /// Bytes of text in the block.
    public var byteCount: Int { storage.count }

    /// The 1-based line number of line `k`.
    public func lineNumber(_ k: Int) -> Int { numbers[k] }

    /// Calls `body` with the bytes of line `k` (without its line ending).
    public func withLine<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[ranges[k]])) }
    }

    /// `transform` of every line (its bytes and line number), computed on all
    /// cores and returned in line order, each as a success or the error it threw.
    public func map<T>(chunk: Int = 32, _ transform: (UnsafeBufferPointer<UInt8>, Int) throws -> T) -> [Result<T, Error>] {
        storage.withUnsafeBufferPointer { all in
            Parallelism.map(ranges.count, chunk: chunk) { k in
                Result { try transform(UnsafeBufferPointer(rebasing: all[ranges[k]]), numbers[k]) }
            }
        }
    }
}
