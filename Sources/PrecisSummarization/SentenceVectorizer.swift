import Foundation
import PrecisCore
import PrecisText
import PrecisFeatures
import PrecisLinearAlgebra

/// The TF-IDF vectors of one document's sentences, where each sentence is a
/// "document" for the idf: the representation TextRank and LexRank compare.
///
/// Weights are ``TfidfVectorizer``'s (and so scikit-learn's) for the same
/// ``TfidfConfiguration``, by the same code (the package's one TF-IDF weighting):
/// `tf × idf`, smoothed `idf = ln((1+n)/(1+df)) + 1`, optional sublinear tf,
/// L2-normalised rows. With `stemming` off and the
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
/// m.terms               // ["rates", "rose", "bank", "raised"]  (in first-seen order)
/// SentenceVectorizer(stemming: true).vectorize(["Rates rose."]).terms   // ["rate", "rose"]
/// ```
public struct SentenceVectorizer: Sendable {
    /// Tokenisation, stop words, tf, idf and norm options. Sentences are compared
    /// by single words: `ngramRange` must be `1...1`, and the vocabulary options
    /// (`minDF`, `maxDF`, `maxFeatures`) keep their defaults (see ``validate()``).
    public var configuration: TfidfConfiguration
    /// Whether ASCII tokens are Porter-stemmed.
    public var stemming: Bool

    /// A vectorizer; by default scikit-learn's tokens, ``SummaryStopWords/english``, sublinear tf, no stemming.
    public init(configuration: TfidfConfiguration? = nil, stemming: Bool = false) {
        var config = configuration ?? TfidfConfiguration()
        if configuration == nil {
            config.stopWords = SummaryStopWords.english
            config.sublinearTF = true
        }
        self.configuration = config
        self.stemming = stemming
    }

    /// Checks that the vectorizer can honour every option of ``configuration``.
    ///
    /// - Throws: ``ConfigurationError`` for an n-gram range other than `1...1` or a
    ///   vocabulary option (`minDF`, `maxDF`, `maxFeatures`) other than its default:
    ///   one document's sentences are weighed word by word, with every word kept.
    ///
    /// ```swift
    /// var v = SentenceVectorizer()
    /// v.configuration.ngramRange = 1...2
    /// try v.validate()     // throws: ngramRange must be 1...1 …, got 1...2
    /// ```
    public func validate() throws {
        let defaults = TfidfConfiguration()
        let why = "(sentences are compared word by word, every word kept)"
        guard configuration.ngramRange == 1...1 else {
            throw ConfigurationError("ngramRange", configuration.ngramRange, allowed: "1...1 \(why)")
        }
        guard configuration.minDF == defaults.minDF else {
            throw ConfigurationError("minDF", configuration.minDF.numberText, allowed: "the default \(defaults.minDF.numberText) \(why)")
        }
        guard configuration.maxDF == defaults.maxDF else {
            throw ConfigurationError("maxDF", configuration.maxDF.numberText, allowed: "the default \(defaults.maxDF.numberText) \(why)")
        }
        if let maxFeatures = configuration.maxFeatures {
            throw ConfigurationError("maxFeatures", maxFeatures, allowed: "nil \(why)")
        }
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
        var table = SentenceTermTable(stemming: stemming, stopWords: configuration.stopWords)
        var sequences: [[Int32]] = []
        sequences.reserveCapacity(sentences.count)
        let tokenizer = configuration.tokenizer
        // The fast path reproduces the default tokenizer on ASCII text in one pass.
        let asciiFastPath = tokenizer.lowercase && tokenizer.minimumLength == 2
        var lowered = [UInt8](repeating: 0, count: 256)
        for sentence in sentences {
            var sequence: [Int32] = []
            var text = sentence
            let handled: Bool = text.withUTF8 { bytes in
                guard asciiFastPath else { return false }
                var any: UInt8 = 0
                for b in bytes { any |= b }
                guard any < 0x80 else { return false }
                if lowered.count < bytes.count { lowered = [UInt8](repeating: 0, count: bytes.count * 2) }
                lowered.withUnsafeMutableBufferPointer { low in
                    var start = -1
                    for i in 0..<bytes.count {
                        let c = bytes[i]
                        if WordCharacters.isASCIIWord(c) {
                            low[i] = c &- 0x41 < 26 ? c | 0x20 : c
                            if start < 0 { start = i }
                        } else if start >= 0 {
                            if i - start >= 2 {
                                let id = table.id(of: UnsafeBufferPointer(rebasing: low[start..<i]))
                                if id >= 0 { sequence.append(id) }
                            }
                            start = -1
                        }
                    }
                    if start >= 0 && bytes.count - start >= 2 {
                        let id = table.id(of: UnsafeBufferPointer(rebasing: low[start..<bytes.count]))
                        if id >= 0 { sequence.append(id) }
                    }
                }
                return true
            }
            if !handled {
                tokenizer.forEachToken(in: sentence) { bytes in
                    let id = table.id(of: bytes)
                    if id >= 0 { sequence.append(id) }
                }
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
        let idf = df.map { TfidfWeighting.inverseDocumentFrequency(Int($0), documents: sentences.count,
                                                                     smooth: configuration.smoothIDF) }
        // Each sentence's (term, count) pairs, weighted and normalised as TfidfModel does.
        let rows = RowsBuffer(entries: sequences.reduce(0) { $0 + $1.count })
        let pairs = GrowableBuffer<UInt64>(capacity: 64)
        var counts = [UInt32](repeating: 0, count: termCount)
        idf.withUnsafeBufferPointer { idf in
            let weighting = TfidfWeighting(idf: idf, configuration: configuration)
            for sequence in sequences {
                pairs.removeAll()
                for t in sequence { counts[Int(t)] += 1 }
                for t in sequence where counts[Int(t)] > 0 {
                    pairs.append(UInt64(t) << 32 | UInt64(counts[Int(t)]))
                    counts[Int(t)] = 0
                }
                weighting.appendCounts(pairs.buffer, scratch: rows.scratch, indices: rows.indices, values: rows.values)
                rows.endRow()
            }
        }
        let matrix = RowsBuffer.concatenate([rows], columns: termCount)
        return Vectors(matrix: matrix, terms: table.terms, documentFrequency: df, sequences: sequences)
    }
}

/// Maps token bytes to term ids within one document, stemming and filtering
/// stop words once per distinct surface form. Both maps intern bytes in the
/// package's ``PrecisFeatures/TermTable`` (exact byte comparison, no strings
/// per token).
struct SentenceTermTable {
    let stemming: Bool
    /// The stop words, interned (shared, read-only).
    let stopWords: TermTable
    let stemmer = PorterStemmer()
    /// Distinct surface forms (lowercased tokens) …
    let surfaces = TermTable(capacity: 256)
    /// … and the term id of each (-1 for a stop word).
    var surfaceTerms: [Int32] = []
    /// Distinct terms (stemmed when stemming is on); the id of a term is its index here.
    let termTable = TermTable(capacity: 256)
    /// Term `j` as text.
    var terms: [String] = []

    init(stemming: Bool, stopWords: Set<String>) {
        self.stemming = stemming
        self.stopWords = stopWords == SummaryStopWords.english ? SummaryStopWords.englishTable : TermTable(words: stopWords)
    }

    /// The id of the token `bytes` (non-empty), or -1 for a stop word.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let surface = surfaces.intern(bytes)
        if surface < surfaceTerms.count { return surfaceTerms[surface] }
        var id: Int32 = -1
        if stopWords.find(bytes) < 0 {
            var stemmed: [UInt8]? = nil
            if stemming && bytes.count > 3 && bytes.allSatisfy({ $0 < 0x80 }) {
                var w = Array(bytes)
                stemmer.stem(bytes: &w)
                if w.count != bytes.count || !w.elementsEqual(bytes) { stemmed = w }
            }
            let term: Int
            if let stemmed {
                term = stemmed.withUnsafeBufferPointer { termTable.intern($0) }
                if term == terms.count { terms.append(String(decoding: stemmed, as: UTF8.self)) }
            } else {
                term = termTable.intern(bytes)
                if term == terms.count { terms.append(String(decoding: bytes, as: UTF8.self)) }
            }
            id = Int32(term)
        }
        surfaceTerms.append(id)
        return id
    }
}
