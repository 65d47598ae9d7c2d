import Foundation
import PrecisCore
import PrecisLinearAlgebra
import PrecisText

/// Features by hashing, with no vocabulary kept: scikit-learn's
/// `HashingVectorizer`. Each term (token or space-joined n-gram, after the
/// same tokenising, stop words and n-grams as ``TfidfVectorizer``) goes to
/// column `|h| mod featureCount` where `h` is the signed MurmurHash3 of its
/// UTF-8 bytes (seed 0); with `alternateSign` an occurrence adds `-1` when
/// `h < 0` and `+1` otherwise. Memory does not grow with the vocabulary, so
/// it suits corpora too large for one; different terms may share a column.
///
/// Like ``TfidfVectorizer``, it holds configuration only. ``transform(_:)`` is
/// scikit-learn's stateless `HashingVectorizer.transform`; ``fit(_:)`` learns the
/// idf of each column (scikit-learn's `HashingVectorizer` + `TfidfTransformer`)
/// and returns a ``HashingTfidfModel`` that weighs new documents.
///
/// Options that need a vocabulary (`minDF`, `maxDF`, `maxFeatures`) are refused
/// with a ``ConfigurationError``, not ignored.
///
/// ```swift
/// let hashing = HashingVectorizer(featureCount: 1 << 18)
/// let x = try hashing.transform(["the cat sat"])     // like HashingVectorizer(n_features=2**18)
/// let unsigned = HashingVectorizer(featureCount: 1 << 18, alternateSign: false)
/// let (model, tfidf) = try unsigned.fitTransform(corpus)
/// let y = model.transform(["a new document"])        // the same idf and weighting
/// ```
public struct HashingVectorizer: Equatable, Sendable {
    /// Tokeniser, n-gram range, stop words, and the tf, idf and row-norm settings.
    /// The vocabulary options (`minDF`, `maxDF`, `maxFeatures`) must keep their defaults.
    public var configuration: TfidfConfiguration
    /// Number of columns (`n_features`), in `1...Int32.max`.
    public var featureCount: Int
    /// Whether to sign occurrences by their hash (`alternate_sign`); must be off for ``fit(_:)``.
    public var alternateSign: Bool

    /// A hashing vectorizer (scikit-learn's defaults: 2^20 columns, signed, l2 norm).
    public init(featureCount: Int = 1 << 20, alternateSign: Bool = true,
                configuration: TfidfConfiguration = TfidfConfiguration()) {
        self.featureCount = featureCount
        self.alternateSign = alternateSign
        self.configuration = configuration
    }

    /// Checks that the vectorizer can honour every option.
    ///
    /// - Throws: ``ConfigurationError`` for a column count outside `1...Int32.max`
    ///   or a vocabulary option (`minDF`, `maxDF`, `maxFeatures`) other than its default.
    public func validate() throws {
        guard featureCount >= 1 && featureCount <= Int(Int32.max) else {
            throw ConfigurationError("featureCount", featureCount, allowed: "in 1...\(Int32.max)")
        }
        let defaults = TfidfConfiguration()
        guard configuration.minDF == defaults.minDF else {
            throw ConfigurationError("minDF", configuration.minDF.numberText,
                                     allowed: "the default \(defaults.minDF.numberText) (hashing keeps no vocabulary to prune)")
        }
        guard configuration.maxDF == defaults.maxDF else {
            throw ConfigurationError("maxDF", configuration.maxDF.numberText,
                                     allowed: "the default \(defaults.maxDF.numberText) (hashing keeps no vocabulary to prune)")
        }
        if let maxFeatures = configuration.maxFeatures {
            throw ConfigurationError("maxFeatures", String(maxFeatures),
                                     allowed: "nil (hashing keeps no vocabulary to prune; featureCount sets the columns)")
        }
    }

    /// The summed (signed) term counts of `documents`, not normalised.
    /// Columns whose signed occurrences cancel keep an explicit zero, as in scikit-learn.
    ///
    /// - Throws: ``ConfigurationError`` (see ``validate()``).
    public func counts(_ documents: [String]) throws -> SparseMatrix {
        try validate()
        return hashedRows(documents, signed: alternateSign) { entries, out in
            for k in 0..<entries.count {
                out.indices.append(Int32(truncatingIfNeeded: entries[k] >> 32))
                out.values.append(Float(Int32(bitPattern: UInt32(truncatingIfNeeded: entries[k]))))
            }
        }
    }

    /// `HashingVectorizer.transform`: the counts with each row normalised by
    /// `configuration.norm` (tf and idf options are not applied: that takes a ``fit(_:)``).
    ///
    /// - Throws: ``ConfigurationError`` (see ``validate()``).
    public func transform(_ documents: [String]) throws -> SparseMatrix {
        var x = try counts(documents)
        TfidfWeighting.normalize(&x, configuration.norm)
        return x
    }

    /// Learns the idf of every column from `documents`.
    ///
    /// - Throws: ``ConfigurationError`` (see ``validate()``; `alternateSign` must
    ///   be off, as idf weighting needs unsigned counts).
    public func fit(_ documents: [String]) throws -> HashingTfidfModel {
        try validateForFit()
        var df = [Int](repeating: 0, count: featureCount)
        for column in try counts(documents).columnIndices { df[Int(column)] += 1 }
        let idf = df.map { TfidfWeighting.inverseDocumentFrequency($0, documents: documents.count, smooth: configuration.smoothIDF) }
        return HashingTfidfModel(vectorizer: self, idf: idf)
    }

    /// Learns the idf of `documents` and returns their TF-IDF matrix: scikit-learn's
    /// `HashingVectorizer(alternate_sign=False)` + `TfidfTransformer().fit_transform`.
    ///
    /// - Throws: as ``fit(_:)``.
    public func fitTransform(_ documents: [String]) throws -> (model: HashingTfidfModel, matrix: SparseMatrix) {
        let model = try fit(documents)
        return (model, model.transform(documents))
    }

    package func validateForFit() throws {
        try validate()
        guard !alternateSign else {
            throw ConfigurationError("alternateSign", "true",
                                     allowed: "false to learn idf weights (they need unsigned counts)")
        }
    }


    /// Column and sign of a term's UTF-8 bytes.
    @inline(__always)
    func column(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Bool) {
        let h = Int32(bitPattern: MurmurHash3.hash32(bytes))
        let n = featureCount
        // A power of two (the usual width) takes a mask instead of a division; same column.
        let column = h == Int32.min ? (Int(Int32.max) - (n - 1)) % n
            : n & (n - 1) == 0 ? Int(h.magnitude) & (n - 1) : Int(h.magnitude) % n
        return (column, h < 0)
    }

    /// Hashes every document, split over the cores, and calls `appendRow` with
    /// each one's entries `column << 32 | count` (the count as a 32-bit signed
    /// integer; signed by the hash when `signed`), sorted by column, to append
    /// the document's row to `out`.
    func hashedRows(_ documents: [String], signed: Bool,
                    _ appendRow: (_ entries: UnsafeMutableBufferPointer<UInt64>, _ out: RowsBuffer) -> Void) -> SparseMatrix {
        // A few parts per core, so that a core done early takes another (the rows are
        // the same however the documents are split).
        let ranges = Parallelism.ranges(documents, parts: 4 * Parallelism.cores)
        let parts = ranges.map { _ in RowsBuffer() }
        let config = configuration
        let stopWords = TermTable(words: config.stopWords)
        Parallelism.run(ranges.count) { p in
            let out = parts[p]
            let buffer = TokenBuffer()
            // The document's tokens, back to back, each followed by one space: an n-gram's
            // space-joined bytes are then a slice of it, hashed where they lie.
            let arena = GrowableBuffer<UInt8>(capacity: 1 << 14)
            let spans = GrowableBuffer<UInt64>(capacity: 1024)      // offset << 32 | length
            let hits = GrowableBuffer<UInt64>(capacity: 1024)       // column << 1 | negative
            let entries = GrowableBuffer<UInt64>(capacity: 1024)    // column << 32 | count
            let scratch = GrowableBuffer<UInt64>(capacity: 1024)    // the radix sort's other half
            let keyBits = RadixSort.bits(featureCount - 1) + 1
            let counts = GrowableBuffer<Int32>(repeating: 0, count: 256 * ((keyBits + 7) / 8))
            for d in ranges[p] {
                arena.removeAll()
                spans.removeAll()
                hits.removeAll()
                entries.removeAll()
                config.tokenizer.forEachToken(in: documents[d], buffer: buffer) { token in
                    if stopWords.count > 0 && stopWords.find(token) >= 0 { return }
                    let at = arena.count, length = token.count
                    spans.append(UInt64(at) << 32 | UInt64(length))
                    arena.reserve(at + length + 1)
                    // Tokens are short: a loop, not a call to memmove.
                    let target = arena.base + at
                    for k in 0..<length { target[k] = token[k] }
                    target[length] = 0x20
                    arena.count = at + length + 1
                }
                let n = spans.count
                for length in config.ngramRange where length <= n {
                    for s in 0...(n - length) {
                        let first = spans[s], last = spans[s + length - 1]
                        let start = Int(first >> 32), end = Int(last >> 32) + Int(last & 0xFFFF_FFFF)
                        let (c, negative) = column(UnsafeBufferPointer(start: arena.base + start, count: end - start))
                        hits.append(UInt64(c) << 1 | (signed && negative ? 1 : 0))
                    }
                }
                let sorted = hits.buffer
                scratch.reserve(sorted.count)
                RadixSort.sortShortKeys(sorted, keyBits: keyBits, scratch: scratch.base, counts: counts.base)
                var k = 0
                while k < sorted.count {
                    let c = sorted[k] >> 1
                    var count: Int32 = 0
                    while k < sorted.count && sorted[k] >> 1 == c { count += sorted[k] & 1 == 1 ? -1 : 1; k += 1 }
                    entries.append(c << 32 | UInt64(UInt32(bitPattern: count)))
                }
                appendRow(entries.buffer, out)
                out.endRow()
            }
            withExtendedLifetime((arena, scratch, counts)) {}
        }
        withExtendedLifetime(stopWords) {}
        return RowsBuffer.concatenate(parts, columns: featureCount)
    }
}

/// A fitted hashed TF-IDF vectoriser: the ``HashingVectorizer`` (unsigned) and the
/// idf of each of its columns. A plain value, like ``TfidfModel``: it weighs new
/// documents with the idf learnt by ``HashingVectorizer/fit(_:)``.
///
/// ```swift
/// let model = try HashingVectorizer(featureCount: 1 << 18, alternateSign: false).fit(corpus)
/// let x = model.transform(["a new document"])
/// ```
public struct HashingTfidfModel: Equatable, Sendable {
    /// The vectoriser the idf was learnt with.
    public let vectorizer: HashingVectorizer
    /// Inverse document frequency of each column (a column no training document
    /// hit gets the idf of document frequency 0).
    public let idf: [Float]

    /// Number of columns of the matrices this model produces.
    public var featureCount: Int { vectorizer.featureCount }

    init(vectorizer: HashingVectorizer, idf: [Float]) {
        self.vectorizer = vectorizer
        self.idf = idf
    }

    /// The TF-IDF matrix of `documents`: one row per document, ``featureCount`` columns,
    /// weighted as ``TfidfModel/transform(_:)`` weighs a vocabulary's counts.
    public func transform(_ documents: [String]) -> SparseMatrix {
        idf.withUnsafeBufferPointer { idf in
            let weighting = TfidfWeighting(idf: idf, configuration: vectorizer.configuration)
            return vectorizer.hashedRows(documents, signed: false) { entries, out in
                weighting.appendCounts(entries, scratch: out.scratch, indices: out.indices, values: out.values)
            }
        }
    }
}

extension DocumentFrequency {
    /// The bound as the number it was given as (`2`, `0.5`), for messages.
    package var numberText: String {
        switch self {
        case .count(let n): return String(n)
        case .proportion(let p): return String(p)
        }
    }
}
