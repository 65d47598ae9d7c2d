import Foundation
import PrecisCore

/// The last stage of fitting: the partitions' counts seen as one
/// vocabulary (global token ids; n-gram ids numbered partition by
/// partition), pruned by document frequency and `max_features`, and sorted
/// like scikit-learn's `get_feature_names_out()` (by UTF-8 bytes of the term).
final class CorpusVocabulary: @unchecked Sendable {
    let tokens: TermTable
    /// Per global token: document frequency.
    let tokenDF: GrowableBuffer<Int32>
    /// Per global n-gram: key (prefix is a global token id or tagged global n-gram id) and document frequency.
    let gramKeys: GrowableBuffer<UInt64>
    let gramDF: GrowableBuffer<Int32>
    /// First global n-gram id of each partition.
    let gramOffsets: [Int]

    /// Per global token / n-gram: its column, or -1 when it is not a feature.
    private(set) var tokenColumn = GrowableBuffer<Int32>()
    private(set) var gramColumn = GrowableBuffer<Int32>()
    /// The features (tagged global ids) in column order.
    private(set) var features: [UInt32] = []

    /// - Parameter tokenDF: document frequency of each global token (as a unigram feature).
    init(tokens: TermTable, tokenDF: GrowableBuffer<Int32>, partitions: [GramPartition]) {
        self.tokens = tokens
        self.tokenDF = tokenDF
        var offsets: [Int] = []
        var total = 0
        for p in partitions { offsets.append(total); total += p.grams.count }
        gramOffsets = offsets
        gramKeys = GrowableBuffer(repeating: 0, count: total)
        gramDF = GrowableBuffer(repeating: 0, count: total)
        for (p, partition) in partitions.enumerated() {
            let base = offsets[p]
            let keys = partition.grams.keys
            for l in 0..<keys.count {
                var key = keys[l]
                let prefix = UInt32(truncatingIfNeeded: key >> 32)
                if prefix & NGramTable.tag != 0 {
                    key = NGramTable.key(prefix: NGramTable.tagged(base + Int(prefix & ~NGramTable.tag)),
                                         last: UInt32(truncatingIfNeeded: key))
                }
                gramKeys[base + l] = key
                gramDF[base + l] = partition.gramDF[l]
            }
        }
    }

    /// Column of a global feature id, or -1.
    @inline(__always)
    func column(_ feature: UInt32) -> Int32 {
        feature & NGramTable.tag != 0 ? gramColumn[Int(feature & ~NGramTable.tag)] : tokenColumn[Int(feature)]
    }

    /// Document frequency of a global feature id.
    @inline(__always)
    func documentFrequency(_ feature: UInt32) -> Int32 {
        feature & NGramTable.tag != 0 ? gramDF[Int(feature & ~NGramTable.tag)] : tokenDF[Int(feature)]
    }

    /// The words (token ids) of a global feature, first to last.
    func words(_ feature: UInt32, into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        var f = feature
        while f & NGramTable.tag != 0 {
            let key = gramKeys[Int(f & ~NGramTable.tag)]
            out.append(UInt32(truncatingIfNeeded: key))
            f = UInt32(truncatingIfNeeded: key >> 32)
        }
        out.append(f)
        out.reverse()
    }

    /// Keeps the features within the bounds and the limit and numbers them
    /// in sorted order.
    ///
    /// - Parameters:
    ///   - corpusFrequency: called only when `maxFeatures` bites; adds every
    ///     document's counts into the two arrays (global token / n-gram ids).
    func select(documents: Int, configuration: TfidfConfiguration,
                corpusFrequency: (GrowableBuffer<Int64>, GrowableBuffer<Int64>) -> Void) throws {
        let minDocs = configuration.minDF.documents(in: documents, roundingUp: true)
        let maxDocs = configuration.maxDF.documents(in: documents, roundingUp: false)
        guard maxDocs >= minDocs else {
            // With max-df at its default, min-df simply exceeds the corpus: nothing can be kept.
            if configuration.maxDF == .proportion(1.0) { throw FeatureError.emptyVocabulary }
            throw FeatureError.invalidConfiguration("max-df corresponds to fewer documents than min-df")
        }
        // Candidates: every counted feature within the document-frequency bounds.
        var anyCounted = false
        var candidates: [UInt32] = []
        for id in 0..<tokenDF.count {
            let df = Int(tokenDF[id])
            if df > 0 { anyCounted = true; if df >= minDocs && df <= maxDocs { candidates.append(UInt32(id)) } }
        }
        for id in 0..<gramDF.count {
            let df = Int(gramDF[id])
            if df > 0 { anyCounted = true; if df >= minDocs && df <= maxDocs { candidates.append(NGramTable.tagged(id)) } }
        }
        guard anyCounted else { throw FeatureError.emptyVocabulary }
        guard !candidates.isEmpty else { throw FeatureError.emptyVocabulary }

        candidates = sortedByTerm(candidates, maxN: configuration.ngramRange.upperBound)

        if let limit = configuration.maxFeatures, candidates.count > limit {
            let tokenCF = GrowableBuffer<Int64>(repeating: 0, count: tokenDF.count)
            let gramCF = GrowableBuffer<Int64>(repeating: 0, count: gramDF.count)
            corpusFrequency(tokenCF, gramCF)
            // Most frequent first; ties by sorted position (a stable sort of scikit-learn's order).
            var order = Array(0..<candidates.count)
            let cf: [Int64] = candidates.map { f in
                f & NGramTable.tag != 0 ? gramCF[Int(f & ~NGramTable.tag)] : tokenCF[Int(f)]
            }
            order.sort { cf[$0] != cf[$1] ? cf[$0] > cf[$1] : $0 < $1 }
            var keep = Array(order.prefix(limit))
            keep.sort()
            candidates = keep.map { candidates[$0] }
        }

        features = candidates
        tokenColumn = GrowableBuffer(repeating: -1, count: tokenDF.count)
        gramColumn = GrowableBuffer(repeating: -1, count: gramDF.count)
        for (column, f) in candidates.enumerated() {
            if f & NGramTable.tag != 0 {
                gramColumn[Int(f & ~NGramTable.tag)] = Int32(column)
            } else {
                tokenColumn[Int(f)] = Int32(column)
            }
        }
    }

    /// `features` sorted by the UTF-8 bytes of their terms. Words never
    /// contain a space or any byte below `0x30`, so comparing the word
    /// sequences by rank of each word (a shorter prefix first) gives the
    /// order of the space-joined strings.
    private func sortedByTerm(_ features: [UInt32], maxN: Int) -> [UInt32] {
        // Tokens by bytes: first by their first eight bytes as a big-endian
        // word (zero-padded, and no token contains a zero byte), then in full.
        let table = tokens
        var head = [UInt64](repeating: 0, count: tokens.count)
        for t in 0..<tokens.count {
            let b = table.bytes(t)
            var w: UInt64 = 0
            for k in 0..<8 { w = w << 8 | (k < b.count ? UInt64(b[k]) : 0) }
            head[t] = w
        }
        let n = tokens.count
        // Radix sort of (head, id) pairs by head, then runs of equal heads
        // (tokens of eight bytes or more sharing them) in full byte order.
        var ids = [UInt32](unsafeUninitializedCapacity: n) { b, c in
            for t in 0..<n { b[t] = UInt32(t) }
            c = n
        }
        head.withUnsafeMutableBufferPointer { keys in
            ids.withUnsafeMutableBufferPointer { ids in
                RadixSort.sortPairs(keys, ids)
                var i = 0
                while i < n {
                    var j = i + 1
                    while j < n && keys[j] == keys[i] { j += 1 }
                    if j - i > 1 {
                        var run = UnsafeMutableBufferPointer(rebasing: ids[i..<j])
                        run.sort { a, b in
                            compareBytes(table.bytes(Int(a)), table.bytes(Int(b))) < 0
                        }
                    }
                    i = j
                }
            }
        }
        let order = ids.map { Int($0) }
        if maxN == 1 {
            // Unigrams only: the sorted tokens that are features.
            var isFeature = [Bool](repeating: false, count: n)
            for f in features { isFeature[Int(f)] = true }
            return order.compactMap { isFeature[$0] ? UInt32($0) : nil }
        }
        var rank = [UInt32](repeating: 0, count: tokens.count)
        for (r, id) in order.enumerated() { rank[id] = UInt32(r + 1) }
        var words: [UInt32] = []
        let rankBits = UInt64.bitWidth - UInt64(tokens.count + 1).leadingZeroBitCount
        let indexBits = UInt64.bitWidth - UInt64(features.count).leadingZeroBitCount
        if maxN <= 2 && 2 * rankBits + indexBits <= 64 {
            // Key: first word's rank, second word's rank (0 for a unigram), position in `features`.
            var keys = [UInt64](repeating: 0, count: features.count)
            let shiftB = UInt64(indexBits), shiftA = UInt64(indexBits + rankBits)
            for (i, f) in features.enumerated() {
                if f & NGramTable.tag == 0 {
                    keys[i] = UInt64(rank[Int(f)]) << shiftA | UInt64(i)
                } else {
                    let key = gramKeys[Int(f & ~NGramTable.tag)]
                    keys[i] = UInt64(rank[Int(key >> 32)]) << shiftA | UInt64(rank[Int(key & 0xFFFF_FFFF)]) << shiftB | UInt64(i)
                }
            }
            let scratch = GrowableBuffer<UInt64>(capacity: keys.count)
            keys.withUnsafeMutableBufferPointer {
                RadixSort.sort($0, lowBit: indexBits, highBit: indexBits + 2 * rankBits, scratch: scratch.base)
            }
            withExtendedLifetime(scratch) {}
            let mask = (UInt64(1) << shiftB) - 1
            return keys.map { features[Int($0 & mask)] }
        }
        // General n: fixed-stride rank sequences, zero-padded.
        let stride = maxN
        var keys = [UInt32](repeating: 0, count: features.count * stride)
        for (i, f) in features.enumerated() {
            self.words(f, into: &words)
            for (k, w) in words.enumerated() { keys[i * stride + k] = rank[Int(w)] }
        }
        var indices = Array(0..<features.count)
        keys.withUnsafeBufferPointer { keys in
            indices.sort { a, b in
                for k in 0..<stride {
                    let x = keys[a * stride + k], y = keys[b * stride + k]
                    if x != y { return x < y }
                }
                return false
            }
        }
        return indices.map { features[$0] }
    }

    /// Appends the UTF-8 bytes of a feature's term (words joined by one space).
    @inline(__always)
    func appendTerm(_ feature: UInt32, to out: GrowableBuffer<UInt8>, scratch: inout [UInt32]) {
        if feature & NGramTable.tag == 0 {
            append(tokens.bytes(Int(feature)), to: out)
            return
        }
        let key = gramKeys[Int(feature & ~NGramTable.tag)]
        if key >> 32 & UInt64(NGramTable.tag) == 0 {
            append(tokens.bytes(Int(key >> 32)), to: out)
            out.append(0x20)
            append(tokens.bytes(Int(key & 0xFFFF_FFFF)), to: out)
            return
        }
        words(feature, into: &scratch)
        for (k, w) in scratch.enumerated() {
            if k > 0 { out.append(0x20) }
            append(tokens.bytes(Int(w)), to: out)
        }
    }

    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: GrowableBuffer<UInt8>) {
        out.reserve(out.count + bytes.count)
        (out.base + out.count).initialize(from: bytes.baseAddress!, count: bytes.count)
        out.count += bytes.count
    }
}
