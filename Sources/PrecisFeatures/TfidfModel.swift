import Foundation
import PrecisCore
import PrecisLinearAlgebra

/// A fitted TF-IDF vectorizer: vocabulary, idf weights and the configuration
/// they were learnt with. A plain value: save it, load it, share it.
///
/// ```swift
/// let model = try TfidfVectorizer().fit(trainingTexts)
/// let x = model.transform(["a new document"])
/// model.featureIndex(of: "document")      // its column, if a feature
/// ```
///
/// The lookup index behind ``transform(_:)`` and ``featureIndex(of:)`` is
/// built from the vocabulary on first use and shared by copies of the model.
public struct TfidfModel: Equatable, Sendable {
    /// The configuration used to fit.
    public let configuration: TfidfConfiguration
    /// Feature names; feature `j` is `vocabulary[j]`. Sorted by UTF-8 bytes.
    /// (A fitted model keeps its terms compactly and makes these strings on
    /// first access.)
    public var vocabulary: [String] { storage.terms }
    /// Inverse document frequency of each feature.
    public let idf: [Float]
    /// For a hashed model (no vocabulary: terms go to hashed columns, see
    /// ``HashingVectorizer``), its number of columns; nil for a vocabulary model.
    public let hashedFeatureCount: Int?
    let storage: VocabularyStorage
    let lazyIndex: LazyFeatureIndex

    /// A model from its parts (as stored in a model file).
    public init(configuration: TfidfConfiguration, vocabulary: [String], idf: [Float]) {
        precondition(vocabulary.count == idf.count, "TfidfModel: one idf per term")
        self.configuration = configuration
        self.storage = VocabularyStorage(strings: vocabulary)
        self.idf = idf
        self.hashedFeatureCount = nil
        self.lazyIndex = LazyFeatureIndex()
    }

    /// A hashed model: features are the columns of `hashing`'s unsigned
    /// ``HashingVectorizer``, weighted by its idf. A classifier trained on it
    /// keeps no vocabulary, so its size does not grow with the corpus.
    ///
    /// ```swift
    /// let hashed = TfidfModel(hashing: try HashingVectorizer(featureCount: 1 << 18, alternateSign: false).fit(texts))
    /// hashed.featureCount      // 262144
    /// ```
    public init(hashing: HashingTfidfModel) {
        self.configuration = hashing.vectorizer.configuration
        self.storage = VocabularyStorage(strings: [])
        self.idf = hashing.idf
        self.hashedFeatureCount = hashing.featureCount
        self.lazyIndex = LazyFeatureIndex()
    }

    /// The hashed vectoriser with its idf, for a hashed model; nil for a vocabulary model.
    public var hashing: HashingTfidfModel? {
        hashedFeatureCount.map {
            HashingTfidfModel(vectorizer: HashingVectorizer(featureCount: $0, alternateSign: false, configuration: configuration), idfValues: idf)
        }
    }

    /// The name of feature `j`: its term, or `hash:j` for a hashed model (as the
    /// `vocabulary.txt` of `precis vectorize --hashing` names columns).
    public func term(_ j: Int) -> String {
        hashedFeatureCount == nil ? vocabulary[j] : "hash:\(j)"
    }

    /// A fitted model whose terms are UTF-8 bytes back to back (term `j` at `offsets[j]..<offsets[j+1]`).
    /// `sorted`: the terms are known to be strictly ascending by bytes (checked by the caller).
    package init(configuration: TfidfConfiguration, termBytes: ContiguousArray<UInt8>, offsets: ContiguousArray<Int>, idf: [Float],
                 sorted: Bool = false) {
        precondition(offsets.count - 1 == idf.count, "TfidfModel: one idf per term")
        self.configuration = configuration
        self.storage = VocabularyStorage(bytes: termBytes, offsets: offsets, sorted: sorted)
        self.idf = idf
        self.hashedFeatureCount = nil
        self.lazyIndex = LazyFeatureIndex()
    }

    /// A model read from a file whose terms stay front-coded (``FrontCodedTerms``):
    /// a few documents are transformed by searching them in place, and the index for
    /// many documents is built by decoding them in order.
    package init(configuration: TfidfConfiguration, frontCoded: FrontCodedTerms, idf: [Float]) {
        precondition(frontCoded.count == idf.count, "TfidfModel: one idf per term")
        self.configuration = configuration
        self.storage = VocabularyStorage(frontCoded: frontCoded)
        self.idf = idf
        self.hashedFeatureCount = nil
        self.lazyIndex = LazyFeatureIndex()
    }

    public static func == (lhs: TfidfModel, rhs: TfidfModel) -> Bool {
        lhs.configuration == rhs.configuration && lhs.idf == rhs.idf && lhs.hashedFeatureCount == rhs.hashedFeatureCount
            && (lhs.storage === rhs.storage || lhs.vocabulary == rhs.vocabulary)
    }

    /// The vocabulary as UTF-8 text, feature `j` on line `j + 1` (each line
    /// ending in a newline): the `vocabulary.txt` of `precis vectorize`.
    /// Made straight from the model's compact storage, without a `String` per term.
    ///
    /// ```swift
    /// try model.vocabularyText().write(to: URL(fileURLWithPath: "vocabulary.txt"))
    /// ```
    public func vocabularyText() -> Data {
        guard let hashedFeatureCount else { return storage.lines() }
        return Data((0..<hashedFeatureCount).map { "hash:\($0)\n" }.joined().utf8)
    }

    /// Calls `body` with each term's column and UTF-8 bytes, in column order, without
    /// making a `String` per term when the model keeps its terms compactly.
    package func forEachTerm(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) { storage.forEachTerm(body) }

    /// Number of features (columns of the matrices this model produces).
    public var featureCount: Int { hashedFeatureCount ?? storage.count }

    var index: FeatureIndex {
        lazyIndex.get { FeatureIndex(vocabulary: storage, stopWords: configuration.stopWords) }
    }

    /// The column of `term` (words joined by single spaces), if it is in the vocabulary.
    public func featureIndex(of term: String) -> Int? {
        if let hashing = hashing {
            return Array(term.utf8).withUnsafeBufferPointer { hashing.vectorizer.column($0).0 }
        }
        return index.column(of: term)
    }

    /// The TF-IDF matrix of `documents`: one row per document, ``featureCount`` columns.
    /// Terms outside the vocabulary are ignored. Large inputs are split over the cores.
    public func transform(_ documents: [String]) -> SparseMatrix {
        if let hashing = hashing { return hashing.transform(documents) }
        if let small = transformBySearch(documents) { return small }
        let index = self.index
        let config = configuration
        let ranges = Parallelism.ranges(documents, parts: Parallelism.cores)
        let parts = ranges.map { _ in RowsBuffer() }
        idf.withUnsafeBufferPointer { idf in
            let weighting = TfidfWeighting(idf: idf, configuration: config)
            Parallelism.run(ranges.count) { p in
                let out = parts[p]
                let scratch = FeatureIndex.Scratch()
                for d in ranges[p] {
                    index.count(documents[d], configuration: config, scratch: scratch)
                    weighting.appendCounts(scratch.pairs.buffer, scratch: out.scratch, indices: out.indices, values: out.values)
                    out.endRow()
                }
            }
        }
        return RowsBuffer.concatenate(parts, columns: featureCount)
    }
}

extension TfidfModel {
    /// The matrix of a few documents whose terms are cheaper to look up one by one in
    /// the sorted vocabulary than to index it (``SortedVocabularyLookup``: the same
    /// result); nil when the index is already built, the vocabulary is not in sorted
    /// compact form, or the documents are too large for that to pay.
    package func transformBySearch(_ documents: [String]) -> SparseMatrix? {
        guard !lazyIndex.isBuilt, storage.byteCount > 0 else { return nil }
        var textBytes = 0
        for document in documents { textBytes += document.utf8.count }
        // Index building costs about a pass over the vocabulary's bytes; a lookup
        // costs about log2(terms) comparisons per token and n-gram length.
        let lookups = textBytes * configuration.ngramRange.upperBound
        guard lookups < storage.byteCount / 16, storage.isSearchable else { return nil }
        if let frontCoded = storage.frontCoded { return transform(documents, searching: frontCoded) }
        return storage.withCompactForm { bytes, offsets in
            transform(documents, searching: SortedTermArray(bytes: bytes, offsets: offsets))
        }
    }

    /// The matrix of `documents`, each term looked up in `terms`.
    private func transform<Terms: TermSearching>(_ documents: [String], searching terms: Terms) -> SparseMatrix {
        let out = RowsBuffer()
        let config = configuration
        return idf.withUnsafeBufferPointer { idf in
            let weighting = TfidfWeighting(idf: idf, configuration: config)
            let lookup = SortedVocabularyLookup(terms: terms, configuration: config)
            let scratch = SortedVocabularyLookup<Terms>.Scratch()
            for document in documents {
                lookup.count(document, scratch: scratch)
                weighting.appendCounts(scratch.pairs.buffer, scratch: out.scratch, indices: out.indices, values: out.values)
                out.endRow()
            }
            return RowsBuffer.concatenate([out], columns: featureCount)
        }
    }
}

/// A value computed once, on first use, shared by copies and threads.
final class LazyFeatureIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var value: FeatureIndex?

    /// Whether the value has been made.
    var isBuilt: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value != nil
    }

    func get(_ make: () -> FeatureIndex) -> FeatureIndex {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}
