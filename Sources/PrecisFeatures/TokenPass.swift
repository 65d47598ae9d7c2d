import PrecisText
import PrecisCore

/// The first stage of fitting, run on one run of consecutive documents per
/// core: tokenise each document on its UTF-8 bytes, intern every token by
/// its bytes (``TermTable``) and keep the document as a sequence of token
/// ids, stop words already removed (scikit-learn removes them before
/// forming n-grams).
final class TokenPass: @unchecked Sendable {
    let range: Range<Int>
    let tokens: TermTable
    /// Per local token, in one record so a token costs one cache miss:
    /// `document << 32 | entry position` of its last document, its document
    /// frequency in this run, whether it is a stop word.
    struct TokenStats {
        var mark: UInt64
        var df: Int32
        var isStop: Bool
    }
    private let stats = GrowableBuffer<TokenStats>()
    /// The documents' token ids back to back (local ids, then global after ``remap(_:)``).
    let sequence: GrowableBuffer<UInt32>
    /// `ends[k]`: end of document `range.lowerBound + k` in `sequence`; `ends[0] == 0`.
    let ends = GrowableBuffer<Int>()
    /// Unigram counts (when the n-gram range starts at 1): per document, CSR-style, token ids.
    let unigrams: GrowableBuffer<UInt32>
    let unigramCounts: GrowableBuffer<UInt32>
    let unigramEnds = GrowableBuffer<Int>()
    /// Sum of the touched words (kept so the touching loads stay).
    private(set) var touched: UInt64 = 0
    /// A token waiting to be interned: its bytes, hash and first eight bytes.
    struct PendingToken {
        var start: UnsafePointer<UInt8>
        var count: Int
        var hash: UInt64
        var prefix: UInt64
    }
    /// Per local token: documents of this run it occurs in (after ``run(_:tokenizer:countUnigrams:keepSequence:)``).
    private(set) var tokenDF = GrowableBuffer<Int32>()

    init(configuration: TfidfConfiguration, range: Range<Int>, expectedBytes: Int) {
        self.range = range
        tokens = TermTable(capacity: Swift.min(1 << 16, Swift.max(64, expectedBytes / 64)))
        sequence = GrowableBuffer(capacity: configuration.ngramRange.upperBound > 1 ? Swift.max(64, expectedBytes / 5) : 16)
        let unigramCapacity = configuration.ngramRange.lowerBound == 1 ? Swift.max(64, expectedBytes / 10) : 16
        unigrams = GrowableBuffer(capacity: unigramCapacity)
        unigramCounts = GrowableBuffer(capacity: unigramCapacity)
        ends.append(0)
        unigramEnds.append(0)
        for word in configuration.stopWords.sorted() {
            var word = word
            word.withUTF8 { bytes in
                guard bytes.count > 0 else { return }
                let id = intern(bytes)
                stats[id].isStop = true
            }
        }
    }

    @inline(__always)
    private func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let id = tokens.intern(bytes)
        if id == stats.count { stats.append(TokenStats(mark: .max, df: 0, isStop: false)) }
        return id
    }

    /// Tokenises `documents[range]`, counting unigrams when `countUnigrams`
    /// and keeping the token sequence (for n-grams) when `keepSequence`.
    func run(_ documents: [String], tokenizer: Tokenizer, countUnigrams: Bool, keepSequence: Bool) {
        let buffer = TokenBuffer(capacity: 1 << 16)
        let stats = self.stats, sequence = self.sequence
        let unigrams = self.unigrams, unigramCounts = self.unigramCounts
        let table = self.tokens
        // A document's tokens, hashed and their home slots touched as they
        // come, then interned as a batch: the table's cache misses overlap.
        let pending = GrowableBuffer<PendingToken>(capacity: 1 << 12)
        let ids = GrowableBuffer<UInt32>(capacity: 1 << 12)
        var sink: UInt64 = 0
        for d in range {
            let mark = UInt64(d - range.lowerBound) << 32
            let start = unigrams.count
            pending.removeAll()
            tokenizer.forEachToken(in: documents[d], buffer: buffer, { token in
                let (h, prefix) = ByteHashing.hashAndPrefix(token.baseAddress!, token.count)
                sink &+= table.touch(h)
                pending.append(PendingToken(start: token.baseAddress!, count: token.count, hash: h, prefix: prefix))
            }, afterLast: {
                ids.reserve(pending.count)
                let out = ids.base
                for k in 0..<pending.count {
                    let p = pending.base[k]
                    let id = table.intern(UnsafeBufferPointer(start: p.start, count: p.count), hash: p.hash, prefix: p.prefix)
                    if id == stats.count { stats.append(TokenStats(mark: .max, df: 0, isStop: false)) }
                    sink &+= stats.base[id].mark
                    out[k] = UInt32(id)
                }
                ids.count = pending.count
            })
            // Room for every token, then plain stores through local pointers.
            let n = ids.count
            let idp = ids.base
            if keepSequence {
                sequence.reserve(sequence.count + n)
                let seq = sequence.base
                var m = sequence.count
                for k in 0..<n where !stats.base[Int(idp[k])].isStop { seq[m] = idp[k]; m += 1 }
                sequence.count = m
            }
            if countUnigrams {
                unigrams.reserve(start + n)
                unigramCounts.reserve(start + n)
                let u = unigrams.base, c = unigramCounts.base + start
                var entries = start
                for k in 0..<n {
                    let id = idp[k]
                    let record = stats.base + Int(id)
                    if record.pointee.isStop { continue }
                    let m = record.pointee.mark
                    if m & 0xFFFF_FFFF_0000_0000 == mark {
                        c[Int(m & 0xFFFF_FFFF)] += 1
                    } else {
                        record.pointee.mark = mark | UInt64(entries - start)
                        record.pointee.df += 1
                        u[entries] = id
                        c[entries - start] = 1
                        entries += 1
                    }
                }
                unigrams.count = entries
                unigramCounts.count = entries
            }
            ends.append(sequence.count)
            unigramEnds.append(unigrams.count)
        }
        touched = sink
        let df = GrowableBuffer<Int32>(capacity: stats.count)
        for id in 0..<stats.count { df.append(stats[id].df) }
        tokenDF = df
    }

    /// Rewrites the token sequence and unigram entries with `map[local]` ids.
    func remap(_ map: GrowableBuffer<UInt32>) {
        let m = map.base
        for buffer in [sequence, unigrams] {
            let s = buffer.base
            for k in 0..<buffer.count { s[k] = m[Int(s[k])] }
        }
        withExtendedLifetime(map) {}
    }
}

/// The second stage: counting n-grams over the whole corpus, split by
/// owner instead of by document. Partition `p` counts the n-grams whose
/// *first* word it owns (token ids hashed to partitions), so
/// partitions never share a feature, an n-gram chain (prefix ids) stays
/// inside one partition, and no table needs merging afterwards.
final class GramPartition: @unchecked Sendable {
    let index: Int
    let grams: NGramTable
    /// Entries of every document (global order), CSR-style: partition-local
    /// n-gram ids with ``NGramTable/tag``.
    let features: GrowableBuffer<UInt32>
    let counts: GrowableBuffer<UInt32>
    let documentOffsets = GrowableBuffer<Int>()
    /// Document frequency per local n-gram (after ``run(_:owner:configuration:)``).
    private(set) var gramDF = GrowableBuffer<Int32>()
    /// Sum of the touched slots' keys (kept so the touching loads stay).
    private(set) var touched: UInt64 = 0

    init(index: Int, expectedOccurrences: Int) {
        self.index = index
        grams = NGramTable(capacity: Swift.max(16, Swift.min(1 << 23, expectedOccurrences / 3)))
        features = GrowableBuffer(capacity: Swift.max(64, expectedOccurrences / 2))
        counts = GrowableBuffer(capacity: Swift.max(64, expectedOccurrences / 2))
        documentOffsets.append(0)
    }

    /// Counts every document of `passes` (in document order).
    func run(_ passes: [TokenPass], owner: UnsafePointer<UInt8>, configuration: TfidfConfiguration) {
        let minN = configuration.ngramRange.lowerBound
        let maxN = configuration.ngramRange.upperBound
        let me = UInt8(index)
        var touched: UInt64 = 0
        let grams = self.grams, features = self.features, counts = self.counts
        for pass in passes {
            let seq = pass.sequence.base
            for k in 0..<(pass.ends.count - 1) {
                let document = UInt32(pass.range.lowerBound + k)
                let start = features.count
                let first = pass.ends[k], end = pass.ends[k + 1]
                // Touch the home slots of this document's bigrams first: the
                // loads are independent, so their cache misses overlap.
                var sink: UInt64 = 0
                if end - first > 1 {
                    for s in first..<(end - 1) where owner[Int(seq[s])] == me {
                        sink &+= grams.touch(NGramTable.key(prefix: seq[s], last: seq[s + 1]))
                    }
                }
                touched &+= sink
                for s in first..<end {
                    let t = seq[s]
                    if owner[Int(t)] != me { continue }
                    var prefix = t
                    var length = 2
                    while length <= maxN && s + length - 1 < end {
                        let key = NGramTable.key(prefix: prefix, last: seq[s + length - 1])
                        let g = length >= minN
                            ? grams.count(key, length: length, document: document, start: start,
                                          features: features, counts: counts)
                            : grams.intern(key, length: length)
                        prefix = NGramTable.tagged(g)
                        length += 1
                    }
                }
                documentOffsets.append(features.count)
            }
        }
        gramDF = grams.documentFrequencies(entries: features)
        self.touched = touched
        withExtendedLifetime(passes) {}
    }
}
