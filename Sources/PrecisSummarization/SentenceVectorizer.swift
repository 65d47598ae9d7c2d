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
                    var hash = HashTable.seed
                    var start = -1
                    for i in 0..<bytes.count {
                        let c = bytes[i]
                        if WordCharacters.isASCIIWord(c) {
                            let lower = c &- 0x41 < 26 ? c | 0x20 : c
                            low[i] = lower
                            if start < 0 { start = i; hash = HashTable.seed }
                            hash = HashTable.step(hash, lower)
                        } else if start >= 0 {
                            if i - start >= 2 {
                                let id = table.id(hash: HashTable.finish(hash), bytes: UnsafeBufferPointer(rebasing: low[start..<i]))
                                if id >= 0 { sequence.append(id) }
                            }
                            start = -1
                        }
                    }
                    if start >= 0 && bytes.count - start >= 2 {
                        let id = table.id(hash: HashTable.finish(hash), bytes: UnsafeBufferPointer(rebasing: low[start..<bytes.count]))
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
        // One logarithm per distinct document frequency (at most one per sentence), not per term.
        let idfOfDF = TfidfWeighting.inverseDocumentFrequencies(documents: sentences.count, smooth: configuration.smoothIDF)
        let idf = df.map { idfOfDF[Int($0)] }
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
/// stop words once per distinct surface form.
struct SentenceTermTable {
    let stemming: Bool
    let stopWords: Set<String>
    let stopHashes: HashTable
    let stemmer = PorterStemmer()
    /// Surface form (64-bit FNV-1a of its bytes) → term id, or -1 for a stop word.
    var surface = HashTable(capacity: 512)
    /// Term (hash of its text) → id.
    var ids = HashTable(capacity: 512)
    var terms: [String] = []

    init(stemming: Bool, stopWords: Set<String>) {
        self.stemming = stemming
        self.stopWords = stopWords
        self.stopHashes = stopWords == SummaryStopWords.english ? SummaryStopWords.englishHashes : HashTable(stopWords)
    }

    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        id(hash: HashTable.hash(bytes), bytes: bytes)
    }

    /// The id of the token `bytes` whose ``HashTable/hash(_:)`` is `hash`.
    mutating func id(hash: UInt64, bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let id = surface[hash] { return id }
        var id: Int32 = -1
        if stopHashes[hash] == nil {
            var termHash = hash
            var term: String? = nil
            if stemming && bytes.count > 3 && bytes.allSatisfy({ $0 < 0x80 }) {
                var w = Array(bytes)
                stemmer.stem(bytes: &w)
                if w.count != bytes.count || !w.elementsEqual(bytes) {
                    termHash = w.withUnsafeBufferPointer { HashTable.hash($0) }
                    term = String(decoding: w, as: UTF8.self)
                }
            }
            if let existing = ids[termHash] { id = existing } else {
                id = Int32(terms.count)
                ids[termHash] = id
                terms.append(term ?? String(decoding: bytes, as: UTF8.self))
            }
        }
        surface[hash] = id
        return id
    }
}

/// A small open-addressing hash table from 64-bit hashes to `Int32`, with
/// no per-lookup hashing cost beyond the key itself (the keys are already
/// FNV-1a hashes of byte strings; 64 bits make collisions within a document
/// practically impossible).
struct HashTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    /// A set of words (each mapped to 0).
    init<S: Sequence>(_ words: S) where S.Element == String {
        let list = Array(words)
        self.init(capacity: list.count)
        for word in list {
            var w = word
            let h = w.withUTF8 { HashTable.hash($0) }
            self[h] = 0
        }
    }

    /// FNV-1a of `bytes`, never 0 (0 marks an empty slot).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed
        for b in bytes { h = step(h, b) }
        return finish(h)
    }

    /// FNV-1a's offset basis.
    static var seed: UInt64 { FNV64.offsetBasis }

    /// One FNV-1a step.
    @inline(__always) static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { FNV64.step(h, b) }

    /// The final mixing (and the never-zero rule) of ``hash(_:)``.
    @inline(__always) static func finish(_ h: UInt64) -> UInt64 {
        let m = h ^ (h >> 29)
        return m == 0 ? 1 : m
    }

    subscript(key: UInt64) -> Int32? {
        get {
            var i = Int(truncatingIfNeeded: key) & mask
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            var i = Int(truncatingIfNeeded: key) & mask
            while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
            if keys[i] == 0 { count += 1 }
            keys[i] = key
            values[i] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != 0 { self[k] = v }
    }
}
