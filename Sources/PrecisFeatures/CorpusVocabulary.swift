import Foundation

/// The second stage of fitting: the chunks' counts merged into one
/// vocabulary (deterministically, chunk by chunk in document order), pruned
/// by document frequency and `max_features`, and sorted like scikit-learn's
/// `get_feature_names_out()` (by UTF-8 bytes of the term).
final class CorpusVocabulary: @unchecked Sendable {
    /// The merged tables: chunk 0's, grown with the others' terms.
    let tokens: TermTable
    let grams: NGramTable
    let tokenDF: GrowableBuffer<Int32>
    let gramDF: GrowableBuffer<Int32>
    /// Per chunk after the first: local token / n-gram id → merged id.
    private var tokenMaps: [GrowableBuffer<UInt32>?] = []
    private var gramMaps: [GrowableBuffer<UInt32>?] = []

    /// Per merged token / n-gram: its column, or -1 when it is not a feature.
    private(set) var tokenColumn = GrowableBuffer<Int32>()
    private(set) var gramColumn = GrowableBuffer<Int32>()
    /// The features (tagged merged ids) in column order.
    private(set) var features: [UInt32] = []

    init(merging chunks: [ChunkCounter]) {
        let first = chunks[0]
        tokens = first.tokens
        grams = first.grams
        tokenDF = first.tokenDF
        gramDF = first.gramDF
        tokenMaps.append(nil)
        gramMaps.append(nil)
        for chunk in chunks.dropFirst() {
            let tokenMap = GrowableBuffer<UInt32>(capacity: chunk.tokens.count)
            for local in 0..<chunk.tokens.count {
                let id = tokens.intern(chunk.tokens.bytes(local))
                if id == tokenDF.count { tokenDF.append(0) }
                tokenDF[id] += chunk.tokenDF[local]
                tokenMap.append(UInt32(id))
            }
            let gramMap = GrowableBuffer<UInt32>(capacity: chunk.grams.count)
            for local in 0..<chunk.grams.count {
                let key = chunk.grams.keys[local]
                let prefix = UInt32(truncatingIfNeeded: key >> 32)
                let last = UInt32(truncatingIfNeeded: key)
                let mappedPrefix = prefix & NGramTable.tag != 0
                    ? NGramTable.tagged(Int(gramMap[Int(prefix & ~NGramTable.tag)]))
                    : tokenMap[Int(prefix)]
                let id = grams.intern(NGramTable.key(prefix: mappedPrefix, last: tokenMap[Int(last)]),
                                      length: Int(chunk.grams.lengths[local]))
                if id == gramDF.count { gramDF.append(0) }
                gramDF[id] += chunk.gramDF[local]
                gramMap.append(UInt32(id))
            }
            tokenMaps.append(tokenMap)
            gramMaps.append(gramMap)
        }
    }

    /// Merged feature id of a chunk-local feature id.
    @inline(__always)
    func merged(_ feature: UInt32, chunk: Int) -> UInt32 {
        if feature & NGramTable.tag != 0 {
            guard let map = gramMaps[chunk] else { return feature }
            return NGramTable.tagged(Int(map[Int(feature & ~NGramTable.tag)]))
        }
        guard let map = tokenMaps[chunk] else { return feature }
        return map[Int(feature)]
    }

    /// Column of a merged feature id, or -1.
    @inline(__always)
    func column(_ feature: UInt32) -> Int32 {
        feature & NGramTable.tag != 0 ? gramColumn[Int(feature & ~NGramTable.tag)] : tokenColumn[Int(feature)]
    }

    /// Document frequency of a merged feature id.
    @inline(__always)
    func documentFrequency(_ feature: UInt32) -> Int32 {
        feature & NGramTable.tag != 0 ? gramDF[Int(feature & ~NGramTable.tag)] : tokenDF[Int(feature)]
    }

    /// The words (token ids) of a merged feature, first to last.
    func words(_ feature: UInt32, into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        var f = feature
        while f & NGramTable.tag != 0 {
            let key = grams.keys[Int(f & ~NGramTable.tag)]
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
    ///     document's counts into the two arrays (merged token / n-gram ids).
    func select(documents: Int, configuration: TfidfConfiguration,
                corpusFrequency: (GrowableBuffer<Int64>, GrowableBuffer<Int64>) -> Void) throws {
        let minDocs = configuration.minDF.documents(in: documents, roundingUp: true)
        let maxDocs = configuration.maxDF.documents(in: documents, roundingUp: false)
        guard maxDocs >= minDocs else {
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
        var order = Array(0..<tokens.count)
        let table = tokens
        order.sort { compareBytes(table.bytes($0), table.bytes($1)) < 0 }
        var rank = [UInt32](repeating: 0, count: tokens.count)
        for (r, id) in order.enumerated() { rank[id] = UInt32(r + 1) }
        var words: [UInt32] = []
        if maxN <= 2 {
            // Key: first word's rank, second word's rank (0 for a unigram);
            // the sorted keys are decoded back into features.
            var keys = [UInt64](repeating: 0, count: features.count)
            for (i, f) in features.enumerated() {
                if f & NGramTable.tag == 0 {
                    keys[i] = UInt64(rank[Int(f)]) << 32
                } else {
                    let key = grams.keys[Int(f & ~NGramTable.tag)]
                    keys[i] = UInt64(rank[Int(key >> 32)]) << 32 | UInt64(rank[Int(key & 0xFFFF_FFFF)])
                }
            }
            keys.withUnsafeMutableBufferPointer { UnstableSort.sort($0) }
            return keys.map { key in
                let a = UInt32(order[Int(key >> 32) - 1])
                let low = UInt32(truncatingIfNeeded: key)
                if low == 0 { return a }
                let b = UInt32(order[Int(low) - 1])
                return NGramTable.tagged(grams.find(NGramTable.key(prefix: a, last: b)))
            }
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
        let key = grams.keys[Int(feature & ~NGramTable.tag)]
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
