import Foundation
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisCore

/// Reads and writes ``TextClassifier``s as `.precis` model files (format documented
/// in `Models/FORMAT.md`).
///
/// One little-endian binary file: a 32-byte header (magic `PRECISLR`, format
/// version, header size, payload length, FNV-1a-64 checksum of the payload), then
/// tagged sections: `META` (JSON: labels, vectoriser configuration, training
/// metadata), `VOCB` (vocabulary), `IDF `, `WGHT` (Float32 weights, features ×
/// classes), `BIAS` (Float32 intercepts). Writing goes to a temporary file in the
/// same directory that is renamed over the target, so a failed or interrupted
/// write never leaves a partial model nor touches an existing one.
///
/// ```swift
/// try ModelFile.write(classifier, to: "topics.precis")
/// let again = try ModelFile.read(path: "topics.precis")
/// ```
public enum ModelFile {
    /// The first eight bytes of every model file.
    public static let magic: [UInt8] = Array("PRECISLR".utf8)
    /// The format version this build writes and reads.
    public static let formatVersion: UInt32 = 1
    /// Size of the fixed header.
    static let headerSize = 32

    // MARK: Writing

    /// The complete file contents for `classifier`. Deterministic: the same classifier
    /// gives the same bytes.
    public static func encode(_ classifier: TextClassifier) throws -> [UInt8] {
        var payload = ByteWriter()
        payload.section("META", try metaJSON(classifier))

        var vocabulary = ByteWriter()
        let terms = classifier.vectorizer.vocabulary
        vocabulary.append(UInt32(terms.count))
        var offset: UInt32 = 0
        vocabulary.append(offset)
        for term in terms {
            offset += UInt32(term.utf8.count)
            vocabulary.append(offset)
        }
        for term in terms { vocabulary.bytes.append(contentsOf: term.utf8) }
        payload.section("VOCB", vocabulary.bytes)

        var idf = ByteWriter()
        idf.append(floats: classifier.vectorizer.idf)
        payload.section("IDF ", idf.bytes)

        var weights = ByteWriter()
        weights.append(UInt32(classifier.model.featureCount))
        weights.append(UInt32(classifier.model.classCount))
        weights.append(floats: classifier.model.weights.storage)
        payload.section("WGHT", weights.bytes)

        var bias = ByteWriter()
        bias.append(floats: classifier.model.intercepts)
        payload.section("BIAS", bias.bytes)

        var file = ByteWriter()
        file.bytes.append(contentsOf: magic)
        file.append(formatVersion)
        file.append(UInt32(headerSize))
        file.append(UInt64(payload.bytes.count))
        var hash = FNV64()
        hash.combine(payload.bytes)
        file.append(hash.value)
        file.bytes.append(contentsOf: payload.bytes)
        return file.bytes
    }

    /// Writes `classifier` to `path` atomically (temporary file + rename).
    ///
    /// - Throws: ``ModelFileError`` when the directory is not writable.
    public static func write(_ classifier: TextClassifier, to path: String) throws {
        let bytes = try encode(classifier)
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelFileError(path: path, "cannot write model: directory \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ModelFileError(path: path, "cannot write model: \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ModelFileError(path: path, "cannot write model: \(reason)")
        }
    }

    // MARK: Reading

    /// Reads the model at `path`.
    ///
    /// - Throws: ``ModelFileError`` for a missing, foreign, truncated, corrupt or
    ///   newer-format file.
    public static func read(path: String) throws -> TextClassifier {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelFileError(path: path, "model file not found")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw ModelFileError(path: path, "cannot read model file")
        }
        return try data.withUnsafeBytes { try decode($0, path: path) }
    }

    /// Parses model-file `bytes`; `path` is only used in error messages.
    public static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> TextClassifier {
        func fail(_ message: String) -> ModelFileError { ModelFileError(path: path, message) }
        guard bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else {
            throw fail("not a Precis model file (wrong magic number)")
        }
        guard bytes.count >= headerSize else { throw fail("truncated model file (\(bytes.count) bytes, header needs \(headerSize))") }
        var header = ByteReader(bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<headerSize]), offset: magic.count)
        let version = try header.uint32(or: fail("truncated header"))
        guard version == formatVersion else {
            throw fail("unsupported model format version \(version) (this precis reads version \(formatVersion))")
        }
        let declaredHeader = Int(try header.uint32(or: fail("truncated header")))
        let payloadLength = try header.uint64(or: fail("truncated header"))
        let checksum = try header.uint64(or: fail("truncated header"))
        guard declaredHeader >= headerSize, declaredHeader <= bytes.count else { throw fail("corrupt header") }
        let available = UInt64(bytes.count - declaredHeader)
        guard payloadLength <= available else {
            throw fail("truncated model file (payload is \(available) of \(payloadLength) bytes)")
        }
        guard payloadLength == available else { throw fail("corrupt model file (\(available - payloadLength) unexpected trailing bytes)") }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[declaredHeader...])
        var hash = FNV64()
        hash.combine(payload)
        guard hash.value == checksum else { throw fail("corrupt model file (checksum mismatch)") }

        // Sections.
        var sections: [String: UnsafeRawBufferPointer] = [:]
        var reader = ByteReader(bytes: payload, offset: 0)
        while reader.offset < payload.count {
            let tag = try reader.bytes(4, or: fail("corrupt section table"))
            let length = try reader.uint64(or: fail("corrupt section table"))
            guard length <= UInt64(payload.count - reader.offset) else { throw fail("corrupt section table") }
            let body = try reader.bytes(Int(length), or: fail("corrupt section table"))
            sections[String(decoding: tag, as: UTF8.self)] = body
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
        guard meta.format == Meta.formatName else { throw fail("not a Precis classifier model (\(meta.format))") }

        // Vocabulary (none for a hashed model).
        if let hashed = meta.hashing, !(1...Int(Int32.max)).contains(hashed) || hashed != meta.features {
            throw fail("corrupt model file (hashed columns \(hashed), expected \(meta.features))")
        }
        var vocabReader = ByteReader(bytes: try section("VOCB"), offset: 0)
        let termCount = Int(try vocabReader.uint32(or: fail("corrupt vocabulary")))
        guard termCount == (meta.hashing == nil ? meta.features : 0) else { throw fail("corrupt model file (vocabulary size \(termCount), expected \(meta.features))") }
        let offsetsBytes = try vocabReader.bytes((termCount + 1) * 4, or: fail("corrupt vocabulary"))
        let text = UnsafeRawBufferPointer(rebasing: vocabReader.bytes[vocabReader.offset...])
        var vocabulary: [String] = []
        vocabulary.reserveCapacity(termCount)
        var previous = Int(offsetsBytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian)
        for t in 0..<termCount {
            let next = Int(offsetsBytes.loadUnaligned(fromByteOffset: (t + 1) * 4, as: UInt32.self).littleEndian)
            guard previous <= next, next <= text.count else { throw fail("corrupt vocabulary") }
            vocabulary.append(String(decoding: UnsafeRawBufferPointer(rebasing: text[previous..<next]), as: UTF8.self))
            previous = next
        }

        let idf = try floats(try section("IDF "), count: meta.features, or: fail("corrupt idf section"))
        var weightReader = ByteReader(bytes: try section("WGHT"), offset: 0)
        let rows = Int(try weightReader.uint32(or: fail("corrupt weights")))
        let columns = Int(try weightReader.uint32(or: fail("corrupt weights")))
        guard rows == meta.features, columns == meta.labels.count, columns >= 2 else {
            throw fail("corrupt model file (weights are \(rows)×\(columns), expected \(meta.features)×\(meta.labels.count))")
        }
        let weightValues = try floats(UnsafeRawBufferPointer(rebasing: weightReader.bytes[weightReader.offset...]),
                                      count: rows * columns, or: fail("corrupt weights"))
        let intercepts = try floats(try section("BIAS"), count: columns, or: fail("corrupt intercepts"))

        var configuration = meta.vectorizer
        configuration.stopWords = Set(meta.stopWords)
        let tfidf = meta.hashing.map {
            TfidfModel(hashing: HashingTfidfModel(vectorizer: HashingVectorizer(featureCount: $0, alternateSign: false, configuration: configuration),
                                                  idfValues: idf))
        } ?? TfidfModel(configuration: configuration, vocabulary: vocabulary, idf: idf)
        let model = LogisticRegressionModel(weights: Matrix(rows: rows, columns: columns, elements: weightValues),
                                            intercepts: intercepts, multiClass: meta.multiClass ?? .multinomial)
        var classifier = TextClassifier(vectorizer: tfidf, model: model, labels: meta.labels, metadata: meta.training)
        if let temperature = meta.temperature {
            guard temperature > 0, temperature.isFinite else { throw fail("corrupt model file (temperature \(temperature))") }
            classifier.model.temperature = temperature
        }
        if let multiLabel = meta.multiLabel {
            guard multiLabel.thresholds.count == columns else { throw fail("corrupt model file (\(multiLabel.thresholds.count) thresholds for \(columns) labels)") }
            classifier.multiLabel = multiLabel
        }
        return classifier
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

    static func floats(_ bytes: UnsafeRawBufferPointer, count: Int, or error: ModelFileError) throws -> [Float] {
        guard bytes.count == count * 4 else { throw error }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                buffer[i] = Float(bitPattern: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self).littleEndian)
            }
            initialized = count
        }
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

    mutating func append<C: Collection>(floats: C) where C.Element == Float {
        bytes.reserveCapacity(bytes.count + floats.count * 4)
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
