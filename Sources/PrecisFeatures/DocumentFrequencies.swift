import Foundation
import PrecisCore
import PrecisLinearAlgebra

/// The document frequency of every column of a hashed feature space, with the
/// number of documents and their label counts: what one partition of a corpus
/// contributes to a shared idf. Partitions count their own documents
/// (``add(_:labels:)``), the counts are summed (``merge(_:)``), and the sum gives
/// the idf every partition's model then uses (``model()``), exactly the idf one
/// process would learn from the whole corpus (``HashingVectorizer/fit(_:)``).
///
/// Memory is one counter per column, whatever the number of documents, so the
/// counts can be collected over a stream in batches.
///
/// ```swift
/// let hashing = HashingVectorizer(featureCount: 1 << 20, alternateSign: false)
/// var part1 = try DocumentFrequencies(vectorizer: hashing)
/// try part1.add(["the cat sat"], labels: ["pets"])
/// var part2 = try DocumentFrequencies(vectorizer: hashing)
/// try part2.add(["stocks fell"], labels: ["markets"])
/// try part1.merge(part2)                          // 2 documents, both labels
/// let idf = try part1.model()                     // == hashing.fit(both texts)
/// try part1.encoded().write(to: URL(fileURLWithPath: "corpus.df"))
/// ```
///
/// ## File format
/// UTF-8 text (``encoded()``, ``init(decoding:path:)``), line 1 a JSON header, then
/// one line `column<TAB>count` per column with a non-zero count, columns ascending:
///
/// ```text
/// {"documents":2,"features":1048576,"format":"precis-document-frequencies","labels":{"markets":1,"pets":1},"stop_words":[],"vectorizer":{…},"version":1}
/// 12345	1
/// 70001	2
/// ```
///
/// `vectorizer` is the vectoriser configuration (as in `vectorizer.json`, stop words
/// listed apart in `stop_words`, sorted). Two counts can be summed when the
/// settings that decide the columns agree: ``featureCount``, tokeniser, n-gram
/// range and stop words.
public struct DocumentFrequencies: Equatable, Sendable {
    /// The format name in the header.
    public static let formatName = "precis-document-frequencies"
    /// The format version this build writes and reads.
    public static let formatVersion = 1

    /// The unsigned hashing vectoriser whose columns are counted.
    public private(set) var vectorizer: HashingVectorizer
    /// Number of documents counted.
    public private(set) var documents: Int = 0
    /// For each column, the number of documents with at least one term in it.
    public private(set) var counts: [Int]
    /// Documents per label (empty when counted without labels).
    public private(set) var labelCounts: [String: Int] = [:]

    /// Number of columns.
    public var featureCount: Int { vectorizer.featureCount }

    /// Empty counts for the columns of `vectorizer`.
    ///
    /// - Throws: ``ConfigurationError`` when the vectoriser cannot learn idf weights
    ///   (a vocabulary option, or `alternateSign` on; see ``HashingVectorizer/fit(_:)``).
    public init(vectorizer: HashingVectorizer) throws {
        try vectorizer.validateForFit()
        self.vectorizer = vectorizer
        self.counts = [Int](repeating: 0, count: vectorizer.featureCount)
    }

    /// Counts `texts` (a batch of documents; call as often as needed), and their
    /// `labels` when given (one per text).
    ///
    /// - Throws: ``DocumentFrequenciesError`` when `labels` and `texts` differ in length.
    public mutating func add(_ texts: [String], labels: [String]? = nil) throws {
        if let labels, labels.count != texts.count {
            throw DocumentFrequenciesError(path: nil, "\(labels.count) labels for \(texts.count) documents")
        }
        try add(counts: try vectorizer.counts(texts), labels: labels)
    }

    /// Counts documents already hashed: `counts` are their rows of
    /// ``HashingVectorizer/counts(_:)`` by this ``vectorizer`` (so a stream that
    /// keeps the counts, as `vectorize --hashing` does, hashes each text once),
    /// with their `labels` when given (one per row).
    ///
    /// ```swift
    /// let x = try hashing.counts(block)
    /// try frequencies.add(counts: x)
    /// ```
    ///
    /// - Throws: ``DocumentFrequenciesError`` when `counts` has other columns or
    ///   `labels` another length.
    public mutating func add(counts matrix: SparseMatrix, labels: [String]? = nil) throws {
        guard matrix.columns == featureCount else {
            throw DocumentFrequenciesError(path: nil, "counts of \(matrix.columns) columns for \(featureCount) hashed columns")
        }
        if let labels, labels.count != matrix.rows {
            throw DocumentFrequenciesError(path: nil, "\(labels.count) labels for \(matrix.rows) documents")
        }
        counts.withUnsafeMutableBufferPointer { df in
            matrix.columnIndices.withUnsafeBufferPointer { columns in
                for column in columns { df[Int(column)] += 1 }
            }
        }
        documents += matrix.rows
        for label in labels ?? [] { labelCounts[label, default: 0] += 1 }
    }

    /// Why `other` cannot be summed with these counts, or nil when it can: the
    /// first setting that decides the columns and differs.
    public func incompatibility(with other: DocumentFrequencies) -> String? {
        Self.columnsIncompatibility(vectorizer, other.vectorizer)
    }

    /// Whether two hashing vectorisers put every term in the same column, and if
    /// not, which setting differs (for messages).
    public static func columnsIncompatibility(_ a: HashingVectorizer, _ b: HashingVectorizer) -> String? {
        if a.featureCount != b.featureCount { return "hashing width \(a.featureCount) vs \(b.featureCount)" }
        if a.alternateSign != b.alternateSign { return "alternate sign \(a.alternateSign) vs \(b.alternateSign)" }
        let x = a.configuration, y = b.configuration
        if x.ngramRange != y.ngramRange {
            return "n-gram range \(x.ngramRange.lowerBound),\(x.ngramRange.upperBound) vs \(y.ngramRange.lowerBound),\(y.ngramRange.upperBound)"
        }
        if x.tokenizer != y.tokenizer { return "tokeniser settings (lowercase, token length) differ" }
        if x.stopWords != y.stopWords { return "stop words differ (\(x.stopWords.count) vs \(y.stopWords.count) words)" }
        return nil
    }

    /// Adds the counts of `other` (another partition of the same corpus).
    ///
    /// - Throws: ``DocumentFrequenciesError`` when the two count different columns
    ///   (see ``incompatibility(with:)``).
    public mutating func merge(_ other: DocumentFrequencies) throws {
        if let reason = incompatibility(with: other) {
            throw DocumentFrequenciesError(path: nil, "cannot merge document frequencies: \(reason)")
        }
        for j in counts.indices { counts[j] += other.counts[j] }
        documents += other.documents
        for (label, n) in other.labelCounts { labelCounts[label, default: 0] += n }
    }

    /// The sum of `parts` (at least one), in their order.
    ///
    /// - Throws: ``DocumentFrequenciesError`` for no parts or incompatible ones.
    public static func merged(_ parts: [DocumentFrequencies]) throws -> DocumentFrequencies {
        guard var total = parts.first else { throw DocumentFrequenciesError(path: nil, "no document frequencies to merge") }
        for part in parts.dropFirst() { try total.merge(part) }
        return total
    }

    /// The fitted hashed TF-IDF vectoriser these counts give: the same as
    /// ``HashingVectorizer/fit(_:)`` on all the counted documents.
    ///
    /// - Throws: ``ConfigurationError`` if the vectoriser cannot learn idf weights.
    public func model() throws -> HashingTfidfModel {
        try HashingTfidfModel(vectorizer: vectorizer, documentFrequencies: counts, documents: documents)
    }

    // MARK: File format

    struct Header: Codable {
        var format: String
        var version: Int
        var features: Int
        var documents: Int
        var labels: [String: Int]
        var vectorizer: TfidfConfiguration
        var stopWords: [String]

        enum CodingKeys: String, CodingKey {
            case format, version, features, documents, labels, vectorizer
            case stopWords = "stop_words"
        }
    }

    /// The counts as the text file format (see the type's documentation). Deterministic.
    public func encoded() throws -> Data {
        var configuration = vectorizer.configuration
        let stopWords = configuration.stopWords.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        configuration.stopWords = []
        let header = Header(format: Self.formatName, version: Self.formatVersion, features: featureCount,
                            documents: documents, labels: labelCounts, vectorizer: configuration, stopWords: stopWords)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = try encoder.encode(header)
        out.append(0x0A)
        var body: [UInt8] = []
        body.reserveCapacity(counts.count / 4)
        for (column, count) in counts.enumerated() where count > 0 {
            body.append(contentsOf: String(column).utf8)
            body.append(0x09)
            body.append(contentsOf: String(count).utf8)
            body.append(0x0A)
        }
        out.append(contentsOf: body)
        return out
    }

    /// Reads the text format; `path` names the file in errors.
    ///
    /// - Throws: ``DocumentFrequenciesError`` naming the file and line for anything
    ///   that is not a well-formed counts file (foreign header, newer version, a
    ///   column out of range or repeated, a count that is not a non-negative integer
    ///   or exceeds the document count).
    public init(decoding data: Data, path: String) throws {
        func fail(_ line: Int?, _ message: String) -> DocumentFrequenciesError {
            DocumentFrequenciesError(path: path, line: line, message)
        }
        let bytes = [UInt8](data)
        let headerEnd = bytes.firstIndex(of: 0x0A) ?? bytes.count
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[0..<headerEnd]))
        } catch {
            throw fail(1, "not a document-frequencies file (line 1 must be its JSON header)")
        }
        guard header.format == Self.formatName else { throw fail(1, "not a document-frequencies file (format \(header.format))") }
        guard header.version == Self.formatVersion else {
            throw fail(1, "unsupported document-frequencies version \(header.version) (this precis reads \(Self.formatVersion))")
        }
        guard header.features >= 1, header.features <= Int(Int32.max) else { throw fail(1, "features must be in 1...\(Int32.max), got \(header.features)") }
        guard header.documents >= 0 else { throw fail(1, "negative document count") }
        guard header.labels.values.allSatisfy({ $0 >= 0 }), header.labels.values.reduce(0, +) <= header.documents else {
            throw fail(1, "label counts exceed the document count")
        }
        var configuration = header.vectorizer
        configuration.stopWords = Set(header.stopWords)
        let hashing = HashingVectorizer(featureCount: header.features, alternateSign: false, configuration: configuration)
        do {
            try self.init(vectorizer: hashing)
        } catch let error as ConfigurationError {
            throw fail(1, "invalid vectoriser settings: \(error.parameter) must be \(error.allowed)")
        }
        documents = header.documents
        labelCounts = header.labels

        var line = 1, start = headerEnd + 1, previous = -1
        while start < bytes.count {
            line += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer { start = end + 1 }
            if start == end { continue }   // a blank line (e.g. a final one)
            guard let tab = bytes[start..<end].firstIndex(of: 0x09),
                  let column = Self.integer(bytes[start..<tab]), let count = Self.integer(bytes[(tab + 1)..<end]) else {
                throw fail(line, "expected column<TAB>count (two non-negative integers)")
            }
            guard column < header.features else { throw fail(line, "column \(column) is outside 0..<\(header.features)") }
            guard column > previous else { throw fail(line, "column \(column) is out of order or repeated (columns ascend)") }
            guard count <= header.documents else { throw fail(line, "count \(count) exceeds the \(header.documents) documents") }
            counts[column] = count
            previous = column
        }
    }

    /// Reads the counts file at `path`.
    ///
    /// - Throws: ``DocumentFrequenciesError`` naming the file (missing, unreadable, malformed).
    public static func read(path: String) throws -> DocumentFrequencies {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DocumentFrequenciesError(path: path, "no such file or directory")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw DocumentFrequenciesError(path: path, "cannot read the file")
        }
        return try DocumentFrequencies(decoding: data, path: path)
    }

    /// A decimal integer of at most 18 digits, or nil.
    static func integer(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

/// A malformed or incompatible document-frequencies file or merge.
public struct DocumentFrequenciesError: PrecisError, Equatable {
    public var path: String?
    public var line: Int?
    public var message: String

    /// An error about `path` (and `line`), or about no file when `path` is nil.
    public init(path: String?, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
}
