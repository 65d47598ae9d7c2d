import Foundation
import PrecisLinearAlgebra

/// The hashed term counts of a streamed corpus, spilled block by block to an
/// anonymous temporary file (removed from the directory at once, so nothing is
/// left behind even after a crash): each training epoch reads them back instead
/// of reading and tokenising the text again, as Vowpal Wabbit's cache file does.
/// Only the table of blocks stays in memory.
///
/// ```swift
/// let cache = try HashedCountsCache(columns: 1 << 18)
/// try cache.append(counts: x, labels: [0, 1, 1])
/// let (again, labels) = try cache.block(0)
/// ```
final class HashedCountsCache {
    /// One spilled block: where it is and how many documents it holds.
    struct Entry {
        var offset: Int
        var length: Int
        var documents: Int
    }

    let columns: Int
    private(set) var entries: [Entry] = []
    private let descriptor: Int32
    private var end = 0

    /// A new, empty cache in `directory` (default: `$TMPDIR` or `/tmp`).
    init(columns: Int, directory: String? = nil) throws {
        self.columns = columns
        let folder = directory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array((folder + "/precis-train-cache-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw ClassificationError.cache("cannot create it in \(folder): \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Total documents cached.
    var documents: Int { entries.reduce(0) { $0 + $1.documents } }

    /// Spills one block: its count matrix and each row's label index.
    func append(counts: SparseMatrix, labels: [Int32]) throws {
        precondition(counts.rows == labels.count && counts.columns == columns)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + counts.rows * 8 + counts.nonZeroCount * 8)
        /// Appends the raw bytes of `values` in one copy.
        func put<T>(_ values: ContiguousArray<T>) {
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        put(ContiguousArray([UInt64(counts.rows)]))
        put(ContiguousArray(labels))
        put(ContiguousArray(counts.rowOffsets.dropFirst().map { UInt32(truncatingIfNeeded: $0) }))
        put(counts.columnIndices)
        put(ContiguousArray(counts.values.map { UInt32($0) }))
        try bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = pwrite(descriptor, raw.baseAddress! + written, raw.count - written, off_t(end + written))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw ClassificationError.cache("cannot write: \(String(cString: strerror(errno))) (is the temporary directory full? set TMPDIR)")
                }
                written += n
            }
        }
        entries.append(Entry(offset: end, length: bytes.count, documents: counts.rows))
        end += bytes.count
    }

    /// Block `index` read back: its count matrix and labels.
    func block(_ index: Int) throws -> (counts: SparseMatrix, labels: ContiguousArray<Int32>) {
        let entry = entries[index]
        var bytes = [UInt8](repeating: 0, count: entry.length)
        try bytes.withUnsafeMutableBytes { raw in
            var read = 0
            while read < raw.count {
                let n = pread(descriptor, raw.baseAddress! + read, raw.count - read, off_t(entry.offset + read))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw ClassificationError.cache("cannot read it back") }
                read += n
            }
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
