import Foundation
import PrecisCore
import PrecisLinearAlgebra

/// The hashed term counts of a streamed corpus, spilled block by block to an
/// anonymous temporary file (a ``PrecisCore/SpillFile``, removed from the directory
/// at once, so nothing is left behind even after a crash): each training epoch, or
/// the second pass of a streamed `vectorize --hashing`, reads them back instead of
/// reading and tokenising the text again, as Vowpal Wabbit's cache file does.
/// Only the table of blocks stays in memory.
///
/// ```swift
/// let cache = try HashedCountsCache(columns: 1 << 18)
/// try cache.append(counts: x, labels: [0, 1, 1])
/// let (again, labels) = try cache.block(0)
/// ```
package final class HashedCountsCache {
    /// One spilled block: where it is and how many documents it holds.
    package struct Entry {
        package var offset: Int
        package var length: Int
        package var documents: Int
    }

    package let columns: Int
    package private(set) var entries: [Entry] = []
    private let file: SpillFile

    /// A new, empty cache in `directory` (default: `$TMPDIR` or `/tmp`).
    package init(columns: Int, directory: String? = nil) throws {
        self.columns = columns
        do {
            file = try SpillFile(purpose: "hashed counts", directory: directory)
        } catch let error as OutputError {
            throw ClassificationError.cache("cannot create it: \(error)")
        }
    }

    /// Total documents cached.
    package var documents: Int { entries.reduce(0) { $0 + $1.documents } }

    /// Spills rows `rows` (default: all) of a block as one cache entry: their
    /// count matrix and each row's label index.
    package func append(counts: SparseMatrix, labels: [Int32], rows: Range<Int>? = nil) throws {
        precondition(counts.rows == labels.count && counts.columns == columns)
        let rows = rows ?? 0..<counts.rows
        let first = counts.rowOffsets[rows.lowerBound], last = counts.rowOffsets[rows.upperBound]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + rows.count * 8 + (last - first) * 8)
        /// Appends the raw bytes of `values` in one copy.
        func put<C: Collection>(_ values: C) {
            ContiguousArray(values).withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        put([UInt64(rows.count)])
        put(labels[rows])
        put(counts.rowOffsets[(rows.lowerBound + 1)...rows.upperBound].map { UInt32(truncatingIfNeeded: $0 - first) })
        put(counts.columnIndices[first..<last])
        put(counts.values[first..<last].map { UInt32($0) })
        let offset = file.count
        do {
            try file.append(bytes)
        } catch let error as OutputError {
            throw ClassificationError.cache(error.message)
        }
        entries.append(Entry(offset: offset, length: bytes.count, documents: rows.count))
    }

    /// Block `index` read back: its count matrix and labels.
    package func block(_ index: Int) throws -> (counts: SparseMatrix, labels: ContiguousArray<Int32>) {
        let entry = entries[index]
        var bytes = [UInt8](repeating: 0, count: entry.length)
        do {
            try bytes.withUnsafeMutableBytes { try file.read(at: entry.offset, into: $0) }
        } catch let error as OutputError {
            throw ClassificationError.cache(error.message)
        }
        return bytes.withUnsafeBytes { raw in
            let rows = Int(raw.loadUnaligned(as: UInt64.self))
            var p = 8
            /// The next `count` values, copied out in one go.
            func take<T>(_ count: Int, as: T.Type) -> ContiguousArray<T> {
                let size = count * MemoryLayout<T>.stride
                defer { p += size }
                return ContiguousArray<T>(unsafeUninitializedCapacity: count) { buffer, initialized in
                    if size > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: raw.baseAddress! + p, byteCount: size) }
                    initialized = count
                }
            }
            let labels = take(rows, as: Int32.self)
            let ends = take(rows, as: UInt32.self)
            let nnz = Int(ends.last ?? 0)
            let indices = take(nnz, as: Int32.self)
            let counts = take(nnz, as: UInt32.self)
            var offsets = ContiguousArray<Int>(repeating: 0, count: rows + 1)
            for i in 0..<rows { offsets[i + 1] = Int(ends[i]) }
            let matrix = SparseMatrix(rows: rows, columns: columns, rowOffsets: offsets, columnIndices: indices,
                                      values: ContiguousArray(counts.map { Float($0) }))
            return (matrix, labels)
        }
    }
}
