import Testing
import PrecisCore
@testable import PrecisClassification
import PrecisFeatures
import PrecisLinearAlgebra

/// The hashed-counts cache's block format and the window buffers that out-of-core
/// training reuses from window to window.
struct TrainingWindowTests {
    /// Hashed counts of a small corpus, its TF-IDF model and the cache holding it in
    /// blocks of `chunk` documents.
    static func cached(_ n: Int = 200, chunk: Int = 16) throws -> (cache: HashedCountsCache, model: HashingTfidfModel,
                                                                  counts: SparseMatrix, labels: [Int32]) {
        let data = StreamingTrainerTests.corpus(n)
        let hashing = HashingVectorizer(featureCount: 1 << 10, alternateSign: false,
                                        configuration: StreamingTrainerTests.vectorizer)
        let counts = try hashing.counts(data.texts)
        let model = try hashing.fit(data.texts)
        let labels = (0..<n).map { Int32($0 % 3) }
        let cache = try HashedCountsCache(columns: hashing.featureCount)
        let encoder = HashedCountsCache.Encoder()
        for lower in stride(from: 0, to: n, by: chunk) {
            encoder.encode(counts: counts, labels: labels, rows: lower..<min(lower + chunk, n))
        }
        try cache.append(encoder)
        return (cache, model, counts, labels)
    }

    /// The rows `rows` of `x`, as a matrix.
    static func rows(_ x: SparseMatrix, _ rows: Range<Int>) -> SparseMatrix {
        let first = x.rowOffsets[rows.lowerBound], last = x.rowOffsets[rows.upperBound]
        return SparseMatrix(rows: rows.count, columns: x.columns,
                            rowOffsets: ContiguousArray(x.rowOffsets[rows.lowerBound...rows.upperBound].map { $0 - first }),
                            columnIndices: ContiguousArray(x.columnIndices[first..<last]), values: ContiguousArray(x.values[first..<last]))
    }

    @Test("cache blocks read back as written, with one-byte and four-byte counts")
    func cacheRoundTrip() throws {
        let (cache, _, counts, labels) = try Self.cached()
        #expect(cache.entries.count == 13)
        #expect(cache.documents == 200)
        for (k, entry) in cache.entries.enumerated() {
            let rows = (k * 16)..<min(k * 16 + 16, 200)
            let (got, gotLabels) = try cache.block(k)
            #expect(got == Self.rows(counts, rows))
            #expect(Array(gotLabels) == Array(labels[rows]))
            #expect(entry.entries == got.nonZeroCount && entry.length % 8 == 0)
        }
        // A count of 256 or more takes the wide form.
        let big = SparseMatrix(rows: 2, columns: 8, rowOffsets: [0, 2, 3], columnIndices: [1, 5, 0], values: [300, 1, 70_000])
        let wide = try HashedCountsCache(columns: 8)
        try wide.append(counts: big, labels: [4, 2])
        try wide.append(counts: big, labels: [4, 2], rows: 1..<2)
        #expect(try wide.block(0).counts == big)
        #expect(try wide.block(1).counts == Self.rows(big, 1..<2))
        #expect(Array(try wide.block(1).labels) == [2])
    }

    @Test("a window is the blocks weighed and stacked, whatever was in the buffers before")
    func windowsReuseBuffers() throws {
        let (cache, model, _, _) = try Self.cached()
        let slot = ContiguousArray((0..<model.featureCount).map { Int32(($0 * 7) % model.featureCount) })
        let classOf: [Int32] = [2, 0, 1]
        let window = TrainingWindow(model: model, slot: slot)
        // Large, small, smaller, larger and small again: the buffers shrink and grow in place.
        for blocks in [[3, 0, 12, 7, 5], [1], [12], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [4, 2]] {
            try window.fill(blocks: blocks, cache: cache, classOf: classOf)
            var parts: [SparseMatrix] = [], labels: [Int32] = []
            for b in blocks {
                let (counts, local) = try cache.block(b)
                parts.append(try model.weigh(counts: counts))
                labels += local.map { classOf[Int($0)] }
            }
            var offsets = ContiguousArray<Int>([0]), indices = ContiguousArray<Int32>(), values = ContiguousArray<Float>()
            for part in parts {
                let base = indices.count
                offsets += part.rowOffsets.dropFirst().map { $0 + base }
                indices += part.columnIndices
                values += part.values
            }
            let expected = SparseMatrix(rows: offsets.count - 1, columns: model.featureCount, rowOffsets: offsets,
                                        columnIndices: indices, values: values)
            #expect(window.matrix == expected)
            #expect(Array(window.labels) == labels)
            #expect(Array(window.slots) == expected.columnIndices.map { slot[Int($0)] })
        }
    }

    @Test("blocks from the end and the start fill a window with all their rows")
    func outOfOrderBlocks() throws {
        let (cache, model, _, _) = try Self.cached(20, chunk: 10)
        let window = TrainingWindow(model: model, slot: ContiguousArray(repeating: 0, count: model.featureCount))
        try window.fill(blocks: [1, 0], cache: cache, classOf: [0, 1, 2])
        #expect(window.rows == 20)
    }
}
