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
/// A block is stored as a 16-byte header (rows, entries, bytes per count), the
/// rows' labels (`Int32`), the rows' ends (`UInt32`), the entries' columns
/// (`UInt32`) and their counts: one byte each when every count of the block is
/// below 256 (almost always), else four; padded to 8 bytes. About 5 bytes an
/// entry, so the file and the page cache it fills stay small.
///
/// ```swift
/// let cache = try HashedCountsCache(columns: 1 << 18)
/// try cache.append(counts: x, labels: [0, 1, 1])
/// let (again, labels) = try cache.block(0)
/// ```
package final class HashedCountsCache {
    /// One spilled block: where it is and how many documents and entries it holds.
    package struct Entry: Equatable {
        package var offset: Int
        package var length: Int
        package var documents: Int
        /// Stored (non-zero) entries.
        package var entries: Int
    }

    package let columns: Int
    package private(set) var entries: [Entry] = []
    private let file: SpillFile
    /// The encoder of ``append(counts:labels:rows:)``, kept for its buffer.
    private let encoder = Encoder()

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
        precondition(counts.columns == columns)
        encoder.removeAll()
        encoder.encode(counts: counts, labels: labels, rows: rows ?? 0..<counts.rows)
        try append(encoder)
    }

    /// Spills the blocks an ``Encoder`` holds, in its order, with one write.
    package func append(_ encoder: Encoder) throws {
        let offset = file.count
        do {
            try file.append(UnsafeRawBufferPointer(start: encoder.bytes.base, count: encoder.bytes.count))
        } catch let error as OutputError {
            throw ClassificationError.cache(error.message)
        }
        for var entry in encoder.entries {
            entry.offset += offset
            entries.append(entry)
        }
    }

    /// Block `index` read into `bytes` (which grows as needed and is meant to be
    /// reused from block to block): a view of its rows, valid until `bytes` changes.
    package func read(_ index: Int, into bytes: GrowableBuffer<UInt8>) throws -> Block {
        let entry = entries[index]
        bytes.removeAll()
        bytes.reserve(entry.length)
        do {
            try file.read(at: entry.offset, into: UnsafeMutableRawBufferPointer(start: bytes.base, count: entry.length))
        } catch let error as OutputError {
            throw ClassificationError.cache(error.message)
        }
        bytes.count = entry.length
        let block = Block(UnsafeRawPointer(bytes.base))
        guard block.rows == entry.documents, block.entries == entry.entries else {
            throw ClassificationError.cache("block \(index) reads back damaged")
        }
        return block
    }

    /// Block `index` read back: its count matrix and labels.
    package func block(_ index: Int) throws -> (counts: SparseMatrix, labels: ContiguousArray<Int32>) {
        let bytes = GrowableBuffer<UInt8>(capacity: entries[index].length)
        let block = try read(index, into: bytes)
        let rows = block.rows, nnz = block.entries
        let labels = ContiguousArray(UnsafeBufferPointer(start: block.labels, count: rows))
        var offsets = ContiguousArray<Int>(repeating: 0, count: rows + 1)
        for i in 0..<rows { offsets[i + 1] = Int(block.ends[i]) }
        let indices = ContiguousArray<Int32>(unsafeUninitializedCapacity: nnz) { out, initialized in
            for k in 0..<nnz { out[k] = Int32(bitPattern: block.columns[k]) }
            initialized = nnz
        }
        let values = ContiguousArray<Float>(unsafeUninitializedCapacity: nnz) { out, initialized in
            for k in 0..<nnz { out[k] = Float(block.count(k)) }
            initialized = nnz
        }
        return (SparseMatrix(rows: rows, columns: columns, rowOffsets: offsets, columnIndices: indices, values: values), labels)
    }
}

extension HashedCountsCache {
    /// A cached block as read back (``HashedCountsCache/read(_:into:)``): pointers
    /// into the bytes it was read into.
    package struct Block {
        package let rows: Int
        package let entries: Int
        /// Each row's label index.
        package let labels: UnsafePointer<Int32>
        /// Each row's end in the entries (row `i` is `ends[i-1]..<ends[i]`, from 0).
        package let ends: UnsafePointer<UInt32>
        /// Each entry's column.
        package let columns: UnsafePointer<UInt32>
        private let narrowCounts: UnsafePointer<UInt8>?
        private let wideCounts: UnsafePointer<UInt32>?

        init(_ raw: UnsafeRawPointer) {
            let header = raw.assumingMemoryBound(to: UInt32.self)
            rows = Int(header[0])
            entries = Int(header[1])
            let wide = header[2] == 4
            labels = (raw + 16).assumingMemoryBound(to: Int32.self)
            ends = (raw + 16 + 4 * rows).assumingMemoryBound(to: UInt32.self)
            columns = (raw + 16 + 8 * rows).assumingMemoryBound(to: UInt32.self)
            let counts = raw + 16 + 8 * rows + 4 * entries
            narrowCounts = wide ? nil : counts.assumingMemoryBound(to: UInt8.self)
            wideCounts = wide ? counts.assumingMemoryBound(to: UInt32.self) : nil
        }

        /// Where row `i`'s entries start.
        @inline(__always) package func start(_ i: Int) -> Int { i == 0 ? 0 : Int(ends[i - 1]) }

        /// The count of entry `k`.
        @inline(__always) package func count(_ k: Int) -> UInt32 {
            if let narrowCounts { return UInt32(narrowCounts[k]) }
            return wideCounts.unsafelyUnwrapped[k]
        }
    }

    /// Encodes blocks of hashed counts into a reusable byte buffer, to be spilled
    /// together by ``HashedCountsCache/append(_:)``; encoders filled side by side
    /// on the cores and appended in order give the same file as one.
    package final class Encoder {
        /// The encoded blocks, back to back.
        package let bytes = GrowableBuffer<UInt8>(capacity: 1 << 16)
        /// Their entries (offsets within ``bytes``).
        package private(set) var entries: [Entry] = []

        package init() {}

        /// Forgets the blocks (the memory is kept).
        package func removeAll() {
            bytes.removeAll()
            entries.removeAll(keepingCapacity: true)
        }

        /// Appends rows `rows` of `counts` (whole counts in `0..<2^32`, as
        /// ``PrecisFeatures/HashingVectorizer/counts(_:)`` makes them unsigned) and
        /// their labels as one block.
        package func encode(counts: SparseMatrix, labels: [Int32], rows: Range<Int>) {
            precondition(counts.rows == labels.count, "HashedCountsCache: one label per row")
            let first = counts.rowOffsets[rows.lowerBound], last = counts.rowOffsets[rows.upperBound]
            let nnz = last - first
            counts.values.withUnsafeBufferPointer { values in
                counts.columnIndices.withUnsafeBufferPointer { columns in
                    var wide = false
                    for k in first..<last where values[k] >= 256 { wide = true; break }
                    let length = (16 + 8 * rows.count + nnz * (wide ? 8 : 5) + 7) & ~7
                    let start = bytes.count
                    bytes.reserve(start + length)
                    let raw = UnsafeMutableRawPointer(bytes.base + start)
                    raw.initializeMemory(as: UInt8.self, repeating: 0, count: length)
                    let header = raw.assumingMemoryBound(to: UInt32.self)
                    header[0] = UInt32(rows.count)
                    header[1] = UInt32(nnz)
                    header[2] = wide ? 4 : 1
                    let outLabels = (raw + 16).assumingMemoryBound(to: Int32.self)
                    let outEnds = (raw + 16 + 4 * rows.count).assumingMemoryBound(to: UInt32.self)
                    for (k, i) in rows.enumerated() {
                        outLabels[k] = labels[i]
                        outEnds[k] = UInt32(truncatingIfNeeded: counts.rowOffsets[i + 1] - first)
                    }
                    let outColumns = (raw + 16 + 8 * rows.count).assumingMemoryBound(to: UInt32.self)
                    for k in 0..<nnz { outColumns[k] = UInt32(bitPattern: columns[first + k]) }
                    let outCounts = raw + 16 + 8 * rows.count + 4 * nnz
                    if wide {
                        let out = outCounts.assumingMemoryBound(to: UInt32.self)
                        for k in 0..<nnz { out[k] = UInt32(values[first + k]) }
                    } else {
                        let out = outCounts.assumingMemoryBound(to: UInt8.self)
                        for k in 0..<nnz { out[k] = UInt8(values[first + k]) }
                    }
                    bytes.count = start + length
                    entries.append(Entry(offset: start, length: length, documents: rows.count, entries: nnz))
                }
            }
        }
    }
}
