import Foundation
import PrecisText
import PrecisFeatures

/// The TF-IDF vectors of one document's sentences, where each sentence is a
/// "document" for the idf: the representation TextRank and LexRank compare.
///
/// Weights follow ``TfidfVectorizer`` (and so scikit-learn) for the same
/// ``TfidfConfiguration``: `tf × idf`, smoothed `idf = ln((1+n)/(1+df)) + 1`,
/// optional sublinear tf, L2-normalised rows. With `stemming` off and the
/// same stop words, ``vectorize(_:)`` equals `TfidfVectorizer.fitTransform`
/// up to column order. With `stemming` on, ASCII tokens are Porter-stemmed
/// first so that "rate", "rates" and "rated" meet.
///
/// It works on UTF-8 bytes with one hash table per document and stems each
/// distinct word once, so it costs O(tokens) rather than one `String` per token.
///
/// ```swift
/// let v = SentenceVectorizer()
/// let m = v.vectorize(["Rates rose.", "The bank raised rates."])
/// m.matrix.rows         // 2
/// m.terms               // ["bank", "rais", "rate", "rose"]  (stemmed, in first-seen order)
/// ```
public struct SentenceVectorizer: Sendable {
    /// Tokenisation, stop words, tf and idf options.
    public var configuration: TfidfConfiguration
    /// Whether ASCII tokens are Porter-stemmed.
    public var stemming: Bool

    /// A vectorizer; by default scikit-learn's tokens, ``SummaryStopWords/english``, sublinear tf, stemming.
    public init(configuration: TfidfConfiguration? = nil, stemming: Bool = true) {
        var config = configuration ?? TfidfConfiguration()
        if configuration == nil {
            config.stopWords = SummaryStopWords.english
            config.sublinearTF = true
        }
        self.configuration = config
        self.stemming = stemming
    }

    /// The vectors of some sentences.
    public struct Vectors: Sendable {
        /// `sentences × terms`, CSR, L2-normalised rows (an all-zero row for a sentence without terms).
        public var matrix: SparseMatrix
        /// Term `j` (stemmed when stemming is on), in order of first appearance.
        public var terms: [String]
        /// In how many sentences each term occurs.
        public var documentFrequency: [Int32]
        /// Each sentence's terms in reading order (term ids), for keyword extraction.
        public var sequences: [[Int32]]
    }

    /// Vectorizes `sentences`.
    public func vectorize(_ sentences: [String]) -> Vectors {
        var table = TermTable(stemming: stemming, stopWords: configuration.stopWords)
        var sequences: [[Int32]] = []
        sequences.reserveCapacity(sentences.count)
        for sentence in sentences {
            var sequence: [Int32] = []
            configuration.tokenizer.forEachToken(in: sentence) { bytes in
                let id = table.id(of: bytes)
                if id >= 0 { sequence.append(id) }
            }
            sequences.append(sequence)
        }
        let termCount = table.terms.count
        var df = [Int32](repeating: 0, count: termCount)
        var lastSeen = [Int32](repeating: -1, count: termCount)
        for (s, sequence) in sequences.enumerated() {
            for t in sequence where lastSeen[Int(t)] != Int32(s) {
                lastSeen[Int(t)] = Int32(s)
                df[Int(t)] += 1
            }
        }
        let n = Double(sentences.count)
        let idf: [Float] = df.map { d in
            let d = Double(d)
            guard configuration.useIDF else { return 1 }
            return Float(configuration.smoothIDF ? log((1 + n) / (1 + d)) + 1 : log(n / d) + 1)
        }
        var builder = SparseMatrix.Builder(columns: termCount)
        var counts = [Int32](repeating: 0, count: termCount)
        var rowTerms: [Int32] = []
        var rowValues: [Float] = []
        for sequence in sequences {
            rowTerms.removeAll(keepingCapacity: true)
            for t in sequence {
                if counts[Int(t)] == 0 { rowTerms.append(t) }
                counts[Int(t)] += 1
            }
            rowTerms.sort()
            rowValues.removeAll(keepingCapacity: true)
            var norm: Double = 0
            for t in rowTerms {
                let c = counts[Int(t)]
                counts[Int(t)] = 0
                var tf = Float(c)
                if configuration.sublinearTF { tf = 1 + Float(log(Double(c))) }
                let value = tf * idf[Int(t)]
                rowValues.append(value)
                switch configuration.norm {
                case .l2: norm += Double(value) * Double(value)
                case .l1: norm += Double(abs(value))
                case .none: break
                }
            }
            if configuration.norm == .l2 { norm = norm.squareRoot() }
            if configuration.norm != .none && norm > 0 {
                for k in rowValues.indices { rowValues[k] = Float(Double(rowValues[k]) / norm) }
            }
            builder.appendRow(indices: rowTerms, values: rowValues)
        }
        return Vectors(matrix: builder.build(), terms: table.terms, documentFrequency: df, sequences: sequences)
    }
}

/// Maps token bytes to term ids within one document, stemming and filtering
/// stop words once per distinct surface form.
struct TermTable {
    let stemming: Bool
    let stopWords: Set<String>
    let stemmer = PorterStemmer()
    /// Surface form (64-bit FNV-1a of its bytes) → term id, or -1 for a stop word.
    var surface: [UInt64: Int32] = [:]
    /// Term text → id.
    var ids: [String: Int32] = [:]
    var terms: [String] = []

    init(stemming: Bool, stopWords: Set<String>) {
        self.stemming = stemming
        self.stopWords = stopWords
    }

    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        hash ^= UInt64(bytes.count) << 56
        if let id = surface[hash] { return id }
        let word = String(decoding: bytes, as: UTF8.self)
        var id: Int32 = -1
        if !stopWords.contains(word) {
            var term = word
            if stemming && bytes.count > 3 && bytes.allSatisfy({ $0 < 0x80 }) {
                var w = Array(bytes)
                stemmer.stem(bytes: &w)
                term = String(decoding: w, as: UTF8.self)
            }
            if let existing = ids[term] { id = existing } else {
                id = Int32(terms.count)
                ids[term] = id
                terms.append(term)
            }
        }
        surface[hash] = id
        return id
    }
}
