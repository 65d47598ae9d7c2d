import Foundation
import PrecisDatasets
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisCore

/// Reads and writes ``TextClassifier``s as `.precis` model files (format documented
/// in `Models/FORMAT.md`).
///
/// One little-endian binary file: a 32-byte header (magic `PRECISLR`, format
/// version, header size, payload length, checksum of the payload: ``ModelChecksum``), then
/// tagged sections: `META` (JSON: labels, vectoriser configuration, training
/// metadata), `VOCF` (front-coded vocabulary), `IDFP` (idf palette), `WQ8R` (int8
/// weights with a scale per feature, features × classes), `BIAS` (Float32 intercepts);
/// see ``CompactSections``. Version 1 files (`VOCB`, `IDF `, `WGHT`) are still read. Writing is atomic (``PrecisDatasets/AtomicFile``),
/// so a failed or interrupted write never leaves a partial model or a temporary
/// file, nor touches an existing model. Reading treats every file as hostile,
/// checksum or not (see ``decode(_:path:)``), and keeps the file's bytes: the
/// vocabulary is searched front-coded where it was read (``PrecisFeatures/FrontCodedTerms``)
/// and the 8-bit weights are scored without being dequantised (``QuantisedWeights``),
/// so loading a large model to classify one document decodes neither.
///
/// ```swift
/// try ModelFile.write(classifier, to: "topics.precis")
/// let again = try ModelFile.read(path: "topics.precis")
/// ```
public enum ModelFile {
    /// The first eight bytes of every model file.
    public static let magic: [UInt8] = Array("PRECISLR".utf8)
    /// The format version this build writes (it reads this one and every earlier one).
    public static let formatVersion: UInt32 = 2
    /// The oldest format version this build reads.
    public static let oldestFormatVersion: UInt32 = 1

    /// How a model file stores the weights.
    public enum WeightPrecision: String, CaseIterable, Sendable {
        /// 8-bit integers with one scale per feature (`WQ8R`): a quarter of the size,
        /// the same predictions on every corpus measured (see `Models/FORMAT.md`).
        case int8
        /// 32-bit floats (`WGHT`), exactly as trained.
        case float32
    }
    /// Size of the fixed header.
    static let headerSize = 32

    // MARK: Writing

    /// The complete file contents for `classifier`. Deterministic: the same classifier
    /// gives the same bytes.
    public static func encode(_ classifier: TextClassifier, weights precision: WeightPrecision = .int8) throws -> [UInt8] {
        var payload = ByteWriter()
        payload.section("META", try metaJSON(classifier))
        let vectorizer = classifier.vectorizer
        let termCount = vectorizer.hashedFeatureCount == nil ? vectorizer.featureCount : 0
        if let frontCoded = CompactSections.frontCodedVocabulary(count: termCount, forEachTerm: vectorizer.forEachTerm) {
            payload.section("VOCF", frontCoded)
        } else {
            payload.section("VOCB", plainVocabulary(vectorizer.vocabulary))
        }
        payload.section("IDFP", CompactSections.idfPalette(vectorizer.idf))
        if precision == .int8, let quantised = CompactSections.quantisedWeights(classifier.model.weights) {
            payload.section("WQ8R", quantised)
        } else {
            var weights = ByteWriter()
            weights.append(UInt32(classifier.model.featureCount))
            weights.append(UInt32(classifier.model.classCount))
            weights.append(floats: classifier.model.weights.storage)
            payload.section("WGHT", weights.bytes)
        }
        var bias = ByteWriter()
        bias.append(floats: classifier.model.intercepts)
        payload.section("BIAS", bias.bytes)
        return file(payload: payload.bytes)
    }

    /// The header and `payload`: a complete file.
    static func file(payload: [UInt8]) -> [UInt8] {
        var file = ByteWriter()
        file.bytes.append(contentsOf: magic)
        file.append(formatVersion)
        file.append(UInt32(headerSize))
        file.append(UInt64(payload.count))
        file.append(payload.withUnsafeBytes { ModelChecksum.value(of: $0, version: formatVersion) })
        file.bytes.append(contentsOf: payload)
        return file.bytes
    }

    /// The `VOCB` section of `terms` (format version 1's vocabulary, still read).
    static func plainVocabulary(_ terms: [String]) -> [UInt8] {
        var vocabulary = ByteWriter()
        vocabulary.append(UInt32(terms.count))
        var offset: UInt32 = 0
        vocabulary.append(offset)
        for term in terms {
            offset += UInt32(term.utf8.count)
            vocabulary.append(offset)
        }
        for term in terms { vocabulary.bytes.append(contentsOf: term.utf8) }
        return vocabulary.bytes
    }

    /// Writes `classifier` to `path` atomically (see ``PrecisDatasets/AtomicFile``):
    /// an interrupted write leaves neither a partial model nor a temporary file, and
    /// an existing model keeps its mode.
    ///
    /// - Parameter inputs: the files the model was trained from; `path` may be none of them.
    /// - Throws: ``ModelFileError`` when the target is refused (an input file, or an
    ///   existing path that is not a regular file) or cannot be written.
    public static func write(_ classifier: TextClassifier, to path: String, inputs: [String] = []) throws {
        let bytes = try encode(classifier)
        do {
            try AtomicFile.write(bytes, to: path, inputs: inputs)
        } catch let error as OutputError {
            throw ModelFileError(path: path, "cannot write model: \(error.message)")
        }
    }

    // MARK: Reading

    /// Reads the model at `path`. The 32-byte header is read and checked first
    /// (magic number, version, payload length against the file's size), so a file
    /// that is not a model costs 32 bytes of reading whatever its size.
    ///
    /// - Throws: ``ModelFileError`` for a missing, foreign, truncated, corrupt,
    ///   inconsistent or newer-format file.
    public static func read(path: String) throws -> TextClassifier {
        // Non-blocking open: a FIFO must be refused, not waited on for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw ModelFileError(path: path, errno == ENOENT ? "no such file or directory" : "cannot read model file (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ModelFileError(path: path, "cannot read model file") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw ModelFileError(path: path, info.st_mode & S_IFMT == S_IFDIR ? "is a directory, not a file" : "is not a regular file, not a model file")
        }
        let size = Int(info.st_size)
        func readExactly(_ count: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
            var done = 0
            while done < count {
                let n = Foundation.read(fd, buffer.baseAddress! + done, count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw ModelFileError(path: path, n == 0 ? "truncated model file (the file shrank while being read)" : "cannot read model file (\(String(cString: strerror(errno))))") }
                done += n
            }
        }
        var header = [UInt8](repeating: 0, count: headerSize)
        let headerBytes = min(size, headerSize)
        try header.withUnsafeMutableBytes { try readExactly(headerBytes, into: $0) }
        _ = try header.withUnsafeBytes {
            try checkHeader(UnsafeRawBufferPointer(rebasing: $0[0..<headerBytes]), fileSize: size, path: path)
        }
        // Read into memory the model then keeps (its vocabulary and 8-bit weights are
        // used in place); not zero-filled first: every byte is read into (or the read throws).
        let file = try OwnedBytes(count: size) { buffer in
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<headerSize]).copyBytes(from: header)
            try readExactly(size - headerSize, into: UnsafeMutableRawBufferPointer(rebasing: buffer[headerSize...]))
        }
        return try decode(file, path: path)
    }

    /// Checks the fixed header of a file of `fileSize` bytes whose first bytes are
    /// `header`, and returns the payload length.
    static func checkHeader(_ header: UnsafeRawBufferPointer, fileSize: Int, path: String) throws -> Int {
        func fail(_ message: String) -> ModelFileError { ModelFileError(path: path, message) }
        guard header.count >= magic.count, header.prefix(magic.count).elementsEqual(magic) else {
            throw fail("not a Precis model file (wrong magic number)")
        }
        guard header.count >= headerSize else { throw fail("truncated model file (\(fileSize) bytes, header needs \(headerSize))") }
        var reader = ByteReader(bytes: UnsafeRawBufferPointer(rebasing: header[0..<headerSize]), offset: magic.count)
        let version = try reader.uint32(or: fail("truncated header"))
        guard (oldestFormatVersion...formatVersion).contains(version) else {
            throw fail("unsupported model format version \(version) (this precis reads versions \(oldestFormatVersion) to \(formatVersion); retrain the model with this precis, or use a newer one)")
        }
        let declaredHeader = Int(try reader.uint32(or: fail("truncated header")))
        let payloadLength = try reader.uint64(or: fail("truncated header"))
        guard declaredHeader == headerSize else { throw fail("corrupt header (header size \(declaredHeader), expected \(headerSize))") }
        let available = UInt64(fileSize - headerSize)
        guard payloadLength <= available else {
            throw fail("truncated model file (payload is \(available) of \(payloadLength) bytes)")
        }
        guard payloadLength == available else { throw fail("corrupt model file (\(available - payloadLength) unexpected trailing bytes)") }
        return Int(payloadLength)
    }

    /// Recomputes the checksum in the header of `bytes` (when they have a full
    /// header), as someone editing a model file would. For tests and fuzzing: the
    /// loader must survive such a file, checksum or not.
    public static func forgeChecksum(_ bytes: inout [UInt8]) {
        guard bytes.count >= headerSize else { return }
        let version = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: magic.count, as: UInt32.self).littleEndian }
        let value = bytes.withUnsafeBytes { ModelChecksum.value(of: UnsafeRawBufferPointer(rebasing: $0[headerSize...]), version: version) }
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(24..<32, with: $0) }
    }

    /// Parses model-file `bytes`; `path` is only used in error messages.
    ///
    /// Every part is checked before anything is built from it, whatever the checksum
    /// says: sizes against the bytes present, labels and vocabulary terms unique and
    /// non-empty, weights, intercepts and idf finite, the vectoriser's settings in range.
    public static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> TextClassifier {
        try decode(OwnedBytes(copying: bytes), path: path)
    }

    /// Parses the model file in `file`, whose bytes the model keeps using (its
    /// vocabulary and 8-bit weights stay where they are, see ``FrontCodedTerms`` and
    /// ``QuantisedWeights``).
    static func decode(_ file: OwnedBytes, path: String) throws -> TextClassifier {
        let bytes = file.bytes
        func fail(_ message: String) -> ModelFileError { ModelFileError(path: path, message) }
        _ = try checkHeader(UnsafeRawBufferPointer(rebasing: bytes.prefix(headerSize)), fileSize: bytes.count, path: path)
        let version = bytes.loadUnaligned(fromByteOffset: magic.count, as: UInt32.self).littleEndian
        let checksum = bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian
        let payload = UnsafeRawBufferPointer(rebasing: bytes[headerSize...])
        guard ModelChecksum.value(of: payload, version: version) == checksum else { throw fail("corrupt model file (checksum mismatch)") }

        // Sections: each once.
        var sections: [String: UnsafeRawBufferPointer] = [:]
        var reader = ByteReader(bytes: payload, offset: 0)
        while reader.offset < payload.count {
            let tag = try reader.bytes(4, or: fail("corrupt section table"))
            let length = try reader.uint64(or: fail("corrupt section table"))
            guard length <= UInt64(payload.count - reader.offset) else { throw fail("corrupt section table") }
            let body = try reader.bytes(Int(length), or: fail("corrupt section table"))
            let name = String(decoding: tag, as: UTF8.self)
            guard sections[name] == nil else { throw fail("corrupt model file (section \(name.trimmingCharacters(in: .whitespaces).debugDescription) appears twice)") }
            sections[name] = body
        }
        func section(_ tag: String) throws -> UnsafeRawBufferPointer {
            guard let body = sections[tag] else { throw fail("corrupt model file (no \(tag.trimmingCharacters(in: .whitespaces)) section)") }
            return body
        }

        let meta: Meta
        do {
            meta = try JSONDecoder().decode(Meta.self, from: Data(try section("META")))
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw fail("corrupt model file (unreadable metadata)")
        }
        guard meta.format == Meta.formatName else { throw fail("not a Precis classifier model (\(meta.format.debugDescription))") }
        try validate(meta, fail: fail)

        // Each section's sizes are checked against its bytes before anything is allocated
        // from it. A hashed model has no vocabulary; its idf and weights still have one row
        // per hashed column.
        if let hashed = meta.hashing, !(1...Int(Int32.max)).contains(hashed) || hashed != meta.features {
            throw fail("corrupt model file (hashed columns \(hashed), expected \(meta.features))")
        }
        // Each part in one of its two encodings (version 2's compact one, or version 1's), not both.
        func either(_ compact: String, _ plain: String) throws -> Bool {
            guard sections[compact] == nil || sections[plain] == nil else {
                throw fail("corrupt model file (both \(compact) and \(plain.trimmingCharacters(in: .whitespaces)) sections)")
            }
            return sections[compact] != nil
        }
        let frontCoded = try either("VOCF", "VOCB"), palette = try either("IDFP", "IDF "), quantised = try either("WQ8R", "WGHT")
        let rows = meta.features, columns = meta.labels.count
        let termCount = meta.hashing == nil ? meta.features : 0
        var configuration = meta.vectorizer
        configuration.stopWords = Set(meta.stopWords)

        // The vocabulary first (its size is the first check of META's feature count);
        // a hashed model's is empty but still checked.
        enum Vocabulary { case frontCoded(FrontCodedTerms), terms([String]) }
        let vocabulary: Vocabulary
        if frontCoded {
            vocabulary = .frontCoded(try CompactSections.vocabulary(fromFrontCoded: try section("VOCF"), owner: file, count: termCount, fail: fail))
        } else {
            vocabulary = .terms(try plainVocabulary(try section("VOCB"), count: termCount, fail: fail))
        }
        let idf: [Float]
        if palette {
            idf = try CompactSections.idf(fromPalette: try section("IDFP"), count: rows, fail: fail)
        } else {
            let idfBytes = try section("IDF ")
            guard idfBytes.count == rows * 4 else { throw fail("corrupt idf section (\(idfBytes.count) bytes for \(rows) features)") }
            idf = try finiteFloats(idfBytes, count: rows, or: fail("corrupt idf section (a value is not a finite number)"))
        }
        let quantisedWeights = quantised
            ? try CompactSections.weights(fromQuantised: try section("WQ8R"), owner: file, rows: rows, columns: columns, fail: fail)
            : nil
        let weightValues = quantised ? [] : try plainWeights(try section("WGHT"), rows: rows, columns: columns, fail: fail)
        let biasBytes = try section("BIAS")
        guard biasBytes.count == columns * 4 else { throw fail("corrupt intercepts (\(biasBytes.count) bytes for \(columns) classes)") }
        let intercepts = try finiteFloats(biasBytes, count: columns, or: fail("corrupt intercepts (an intercept is not a finite number)"))

        let tfidf: TfidfModel
        switch (meta.hashing, vocabulary) {
        case (let hashed?, _):
            tfidf = TfidfModel(hashing: HashingTfidfModel(vectorizer: HashingVectorizer(featureCount: hashed, alternateSign: false,
                                                                                        configuration: configuration),
                                                          idfValues: idf))
        case (nil, .frontCoded(let terms)):
            tfidf = TfidfModel(configuration: configuration, frontCoded: terms, idf: idf)
        case (nil, .terms(let terms)):
            tfidf = TfidfModel(configuration: configuration, vocabulary: terms, idf: idf)
        }
        let multiClass = meta.multiClass ?? .multinomial
        let model = quantisedWeights.map { LogisticRegressionModel(quantised: $0, intercepts: intercepts, multiClass: multiClass) }
            ?? LogisticRegressionModel(weights: Matrix(rows: rows, columns: columns, elements: weightValues),
                                       intercepts: intercepts, multiClass: multiClass)
        var classifier = TextClassifier(vectorizer: tfidf, model: model, labels: meta.labels, metadata: meta.training)
        if let temperature = meta.temperature {
            // Fitted temperatures lie on TemperatureScaling's grid (1/16...16, refined).
            guard temperature >= 1.0 / 64, temperature <= 64 else { throw fail("corrupt model file (temperature \(temperature))") }
            classifier.model.temperature = temperature
        }
        if let multiLabel = meta.multiLabel {
            guard multiLabel.thresholds.count == columns else { throw fail("corrupt model file (\(multiLabel.thresholds.count) thresholds for \(columns) labels)") }
            classifier.multiLabel = multiLabel
        }
        return classifier
    }

    /// Decodes a `WGHT` section (version 1's weights, and version 2's when written as
    /// `Float32`): `rows × columns` finite floats.
    static func plainWeights(_ body: UnsafeRawBufferPointer, rows: Int, columns: Int, fail: (String) -> ModelFileError) throws -> [Float] {
        var weightReader = ByteReader(bytes: body, offset: 0)
        let declaredRows = Int(try weightReader.uint32(or: fail("corrupt weights")))
        let declaredColumns = Int(try weightReader.uint32(or: fail("corrupt weights")))
        guard declaredRows == rows, declaredColumns == columns else {
            throw fail("corrupt model file (weights are \(declaredRows)×\(declaredColumns), expected \(rows)×\(columns))")
        }
        let weightBytes = UnsafeRawBufferPointer(rebasing: weightReader.bytes[weightReader.offset...])
        let (cells, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, weightBytes.count / 4 == cells, weightBytes.count % 4 == 0 else {
            throw fail("corrupt weights (\(weightBytes.count) bytes for \(rows)×\(columns) values)")
        }
        return try finiteFloats(weightBytes, count: cells, or: fail("corrupt weights (a weight is not a finite number)"))
    }

    /// Decodes a `VOCB` section (version 1's vocabulary) of `termCount` terms: offsets
    /// from 0 to the end of the text, terms valid UTF-8, non-empty and unique.
    static func plainVocabulary(_ body: UnsafeRawBufferPointer, count expected: Int, fail: (String) -> ModelFileError) throws -> [String] {
        var vocabReader = ByteReader(bytes: body, offset: 0)
        let termCount = Int(try vocabReader.uint32(or: fail("corrupt vocabulary")))
        guard termCount == expected else { throw fail("corrupt model file (vocabulary size \(termCount), expected \(expected))") }
        let offsetsBytes = try vocabReader.bytes((termCount + 1) * 4, or: fail("corrupt vocabulary (\(termCount) terms declared, offsets missing)"))
        let text = UnsafeRawBufferPointer(rebasing: vocabReader.bytes[vocabReader.offset...])
        let firstOffset = Int(offsetsBytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian)
        let lastOffset = Int(offsetsBytes.loadUnaligned(fromByteOffset: termCount * 4, as: UInt32.self).littleEndian)
        guard firstOffset == 0, lastOffset == text.count else { throw fail("corrupt vocabulary (term offsets do not cover the term text)") }
        // The term text is validated as UTF-8 once; a term is then valid when it does not
        // start inside a character (a continuation byte), which costs one byte test per term
        // instead of a validating String initialiser each.
        let textBytes = text.bindMemory(to: UInt8.self)
        guard String(validating: textBytes, as: UTF8.self) != nil else { throw fail("corrupt vocabulary (the terms are not valid UTF-8)") }
        var vocabulary: [String] = []
        vocabulary.reserveCapacity(termCount)
        var seen = Set<String>(minimumCapacity: termCount)
        var previous = 0
        for t in 0..<termCount {
            let next = Int(offsetsBytes.loadUnaligned(fromByteOffset: (t + 1) * 4, as: UInt32.self).littleEndian)
            guard previous < next, next <= text.count else { throw fail("corrupt vocabulary (term \(t) is empty or out of bounds)") }
            guard textBytes[previous] & 0xC0 != 0x80 else { throw fail("corrupt vocabulary (term \(t) is not valid UTF-8)") }
            let term = String(decoding: UnsafeBufferPointer(rebasing: textBytes[previous..<next]), as: UTF8.self)
            guard seen.insert(term).inserted else { throw fail("corrupt vocabulary (term \(term.debugDescription) appears twice)") }
            vocabulary.append(term)
            previous = next
        }
        return vocabulary
    }

    /// Largest n-gram length and token length a model may ask for.
    static let maximumNGram = 32
    static let maximumTokenLength = 1024

    /// The metadata's own consistency: labels, feature count, vectoriser settings.
    static func validate(_ meta: Meta, fail: (String) -> ModelFileError) throws {
        guard (0...Int(Int32.max)).contains(meta.features) else { throw fail("corrupt model file (feature count \(meta.features) out of range)") }
        var labels = Set<String>()
        for label in meta.labels {
            guard !label.isEmpty, !label.allSatisfy(\.isWhitespace) else { throw fail("corrupt model file (an empty class label)") }
            guard labels.insert(label).inserted else { throw fail("corrupt model file (class label \(label.debugDescription) appears twice)") }
        }
        guard labels.count >= 2 else { throw fail("corrupt model file (\(labels.count) class label(s); a classifier has at least two)") }
        let v = meta.vectorizer
        guard v.ngramRange.lowerBound >= 1, v.ngramRange.upperBound <= maximumNGram else {
            throw fail("corrupt model file (n-gram range \(v.ngramRange.lowerBound),\(v.ngramRange.upperBound); expected 1 ≤ min ≤ max ≤ \(maximumNGram))")
        }
        guard (1...maximumTokenLength).contains(v.tokenizer.minimumLength) else {
            throw fail("corrupt model file (minimum token length \(v.tokenizer.minimumLength); expected 1...\(maximumTokenLength))")
        }
        func validFrequency(_ f: DocumentFrequency) -> Bool {
            switch f {
            case .count(let n): return n >= 0
            case .proportion(let p): return p.isFinite && p >= 0 && p <= 1
            }
        }
        guard validFrequency(v.minDF), validFrequency(v.maxDF), (v.maxFeatures ?? 0) >= 0 else {
            throw fail("corrupt model file (document-frequency settings out of range)")
        }
        guard !meta.stopWords.contains(where: \.isEmpty) else { throw fail("corrupt model file (an empty stop word)") }
    }

    // MARK: Parts

    /// The JSON metadata section. Keys are sorted and stop words listed in order so
    /// the bytes are reproducible.
    struct Meta: Codable {
        static let formatName = "precis-text-classifier"
        var format: String
        var features: Int
        var labels: [String]
        var vectorizer: TfidfConfiguration
        var stopWords: [String]
        var training: TrainingMetadata
        /// How scores become probabilities; absent (read as multinomial) for softmax models.
        var multiClass: MultiClass?
        /// Per-label thresholds of a multi-label model; absent for single-label models.
        var multiLabel: MultiLabelDecision?
        /// The temperature dividing the scores before the softmax; absent when 1.
        var temperature: Float?
        /// Hashed columns of a hashed model (``PrecisFeatures/HashingVectorizer``, unsigned;
        /// the VOCB section is then empty); absent for vocabulary models.
        var hashing: Int?
    }

    static func metaJSON(_ classifier: TextClassifier) throws -> [UInt8] {
        var configuration = classifier.vectorizer.configuration
        let stopWords = configuration.stopWords.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        configuration.stopWords = []
        let meta = Meta(format: Meta.formatName, features: classifier.vectorizer.featureCount,
                        labels: classifier.labels, vectorizer: configuration, stopWords: stopWords,
                        training: classifier.metadata,
                        multiClass: classifier.model.multiClass == .multinomial ? nil : classifier.model.multiClass,
                        multiLabel: classifier.multiLabel,
                        temperature: classifier.model.temperature == 1 ? nil : classifier.model.temperature,
                        hashing: classifier.vectorizer.hashedFeatureCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(meta))
    }

    /// `count` little-endian floats (the caller has checked the size), all finite.
    static func finiteFloats(_ bytes: UnsafeRawBufferPointer, count: Int, or error: ModelFileError) throws -> [Float] {
        guard bytes.count == count * 4 else { throw error }
        var allFinite = true
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                let value = Float(bitPattern: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self).littleEndian)
                allFinite = allFinite && value.isFinite
                buffer[i] = value
            }
            initialized = count
        }
        guard allFinite else { throw error }
        return values
    }
}

/// Appends little-endian values to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends the floats' IEEE-754 bits, little-endian: one copy of contiguous
    /// storage on little-endian hosts (a large model's weights), else value by value.
    mutating func append<C: Collection>(floats: C) where C.Element == Float {
        bytes.reserveCapacity(bytes.count + floats.count * 4)
        #if _endian(little)
        if floats.withContiguousStorageIfAvailable({ bytes.append(contentsOf: UnsafeRawBufferPointer($0)) }) != nil { return }
        #endif
        for f in floats { append(f.bitPattern) }
    }

    /// A tagged section: 4-byte tag, UInt64 length, body.
    mutating func section(_ tag: String, _ body: [UInt8]) {
        precondition(tag.utf8.count == 4)
        bytes.append(contentsOf: tag.utf8)
        append(UInt64(body.count))
        bytes.append(contentsOf: body)
    }
}

/// Reads little-endian values from a byte buffer, failing cleanly past its end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    mutating func bytes(_ count: Int, or error: ModelFileError) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - offset else { throw error }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func uint32(or error: ModelFileError) throws -> UInt32 {
        let b = try bytes(4, or: error)
        return b.loadUnaligned(as: UInt32.self).littleEndian
    }

    mutating func uint64(or error: ModelFileError) throws -> UInt64 {
        let b = try bytes(8, or: error)
        return b.loadUnaligned(as: UInt64.self).littleEndian
    }
}
