import PrecisText

/// The n-gram counts of one run of consecutive documents: the first,
/// parallel, stage of ``TfidfVectorizer/fit(_:)``.
///
/// Tokens are interned as byte slices (``TermTable``) and n-grams as chains
/// of ids (``NGramTable``); each document becomes a list of
/// `(feature, count)` entries, and every feature's document frequency is
/// kept. Feature ids are token ids, or n-gram ids with ``NGramTable/tag`` set.
final class ChunkCounter: @unchecked Sendable {
    let tokens: TermTable
    let grams: NGramTable
    /// Per token: whether it is a stop word (dropped before n-grams are formed).
    let isStop = GrowableBuffer<Bool>()
    /// Per token / n-gram: number of documents of this chunk it occurs in
    /// (n-grams: filled in when counting is done).
    let tokenDF = GrowableBuffer<Int32>()
    private(set) var gramDF = GrowableBuffer<Int32>()
    /// Per token: `document << 32 | position of its entry in that document`.
    private let tokenMark = GrowableBuffer<UInt64>()
    /// The documents' entries, CSR-style.
    let entryFeatures: GrowableBuffer<UInt32>
    let entryCounts: GrowableBuffer<UInt32>
    let documentOffsets = GrowableBuffer<Int>()

    private let configuration: TfidfConfiguration

    init(configuration: TfidfConfiguration, expectedBytes: Int) {
        self.configuration = configuration
        let expectedTokens = Swift.max(64, expectedBytes / 6)
        tokens = TermTable(capacity: Swift.min(1 << 16, expectedTokens / 4))
        grams = NGramTable(capacity: configuration.ngramRange.upperBound > 1 ? Swift.min(1 << 18, expectedTokens / 2) : 16)
        entryFeatures = GrowableBuffer(capacity: expectedTokens / 2)
        entryCounts = GrowableBuffer(capacity: expectedTokens / 2)
        documentOffsets.append(0)
        for word in configuration.stopWords.sorted() {
            var word = word
            word.withUTF8 { bytes in
                guard bytes.count > 0 else { return }
                let id = internToken(bytes)
                isStop[id] = true
            }
        }
    }

    @inline(__always)
    private func internToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let id = tokens.intern(bytes)
        if id == tokenDF.count {
            tokenDF.append(0)
            tokenMark.append(.max)
            isStop.append(false)
        }
        return id
    }

    /// Counts `documents[range]`.
    func count(_ documents: [String], range: Range<Int>) {
        let tokenizer = configuration.tokenizer
        let minN = configuration.ngramRange.lowerBound
        let maxN = configuration.ngramRange.upperBound
        let buffer = TokenBuffer(capacity: 1 << 16)
        let sequence = GrowableBuffer<UInt32>(capacity: 1 << 12)
        for d in range {
            let doc = UInt64(d - range.lowerBound) << 32
            sequence.removeAll()
            tokenizer.forEachToken(in: documents[d], buffer: buffer) { token in
                let id = internToken(token)
                if !isStop[id] { sequence.append(UInt32(id)) }
            }
            let start = entryFeatures.count
            let n = sequence.count
            if minN == 1 {
                for k in 0..<n { countToken(Int(sequence[k]), doc: doc, start: start) }
            }
            if maxN >= 2 && n >= 2 {
                for s in 0..<(n - 1) {
                    var prefix = sequence[s]
                    var length = 2
                    while length <= maxN && s + length - 1 < n {
                        let key = NGramTable.key(prefix: prefix, last: sequence[s + length - 1])
                        let g = length >= minN
                            ? grams.count(key, length: length, document: UInt32(doc >> 32), start: start,
                                          features: entryFeatures, counts: entryCounts)
                            : grams.intern(key, length: length)
                        prefix = NGramTable.tagged(g)
                        length += 1
                    }
                }
            }
            documentOffsets.append(entryFeatures.count)
        }
        gramDF = grams.documentFrequencies()
    }

    @inline(__always)
    private func countToken(_ id: Int, doc: UInt64, start: Int) {
        let mark = tokenMark[id]
        if mark & 0xFFFF_FFFF_0000_0000 == doc {
            entryCounts[start + Int(mark & 0xFFFF_FFFF)] += 1
        } else {
            tokenMark[id] = doc | UInt64(entryFeatures.count - start)
            entryFeatures.append(UInt32(id))
            entryCounts.append(1)
            tokenDF[id] += 1
        }
    }
}
