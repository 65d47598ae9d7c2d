import Foundation
import PrecisCore

/// A Matrix Market file written as its rows arrive, in bounded memory: blocks of
/// rows are formatted on the cores and appended to an anonymous temporary file
/// while their entries are counted; ``finish(_:)`` then gives the header (which
/// needs the number of entries) followed by that body. The bytes are those
/// ``MatrixMarket/write(_:_:)`` gives for all the rows stacked in one matrix.
///
/// ```swift
/// let writer = try MatrixMarketWriter(columns: 1 << 20)
/// for block in blocks { try writer.append(block) }          // rows in order
/// try AtomicFile.write(to: "matrix.mtx") { file in
///     try writer.finish { try file.write(bytes: $0) }
/// }
/// ```
public final class MatrixMarketWriter {
    /// Columns of every block.
    public let columns: Int
    /// Rows appended so far.
    public private(set) var rows = 0
    /// Entries appended so far.
    public private(set) var nonZeroCount = 0
    private let body: SpillFile

    /// An empty matrix of `columns` columns, its body kept in `temporaryDirectory`
    /// (default `$TMPDIR`, else `/tmp`) until ``finish(_:)``.
    ///
    /// - Throws: ``PrecisCore/OutputError`` when the temporary file cannot be created.
    public init(columns: Int, temporaryDirectory: String? = nil) throws {
        self.columns = columns
        body = try SpillFile(purpose: "matrix body", directory: temporaryDirectory)
    }

    /// Appends the rows of `block`, after those appended before.
    ///
    /// - Throws: ``PrecisCore/OutputError`` (a full temporary directory), or a
    ///   ``PrecisCore/ConfigurationError`` when `block` has other columns.
    public func append(_ block: SparseMatrix) throws {
        guard block.columns == columns else {
            throw ConfigurationError("columns", block.columns, allowed: "the writer's \(columns)")
        }
        var failure: Error?
        MatrixMarket.forEachRowPiece(of: block, firstRow: rows) { piece in
            guard failure == nil else { return }
            do { try body.append(piece) } catch { failure = error }
        }
        if let failure { throw failure }
        rows += block.rows
        nonZeroCount += block.nonZeroCount
    }

    /// The whole file, in consecutive pieces: the header with the final shape and
    /// entry count, then every row appended. Can be called again (the body is kept).
    ///
    /// - Throws: ``PrecisCore/OutputError`` when the body cannot be read back, or what `write` threw.
    public func finish(_ write: (UnsafeRawBufferPointer) throws -> Void) throws {
        try MatrixMarket.headerLines(rows: rows, columns: columns, nonZeroCount: nonZeroCount).withUnsafeBytes { try write($0) }
        try body.copy(write)
    }
}
