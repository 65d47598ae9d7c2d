import Foundation
import Testing
import PrecisClassification
import PrecisDatasets
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisTestSupport

/// Model files crafted by someone who can recompute the checksum (issue 16): every
/// one must be refused with a one-line message naming the file, never load into
/// something a caller could trap on.
struct HostileModelTests {
    /// A small valid classifier whose parts the tests then corrupt.
    static func classifier(labels: [String] = ["business", "sport"], terms: [String] = ["market", "match", "shares"],
                           weights: [Float]? = nil, intercepts: [Float]? = nil, idf: [Float]? = nil,
                           configure: (inout TfidfConfiguration) -> Void = { _ in }) -> TextClassifier {
        var configuration = TfidfConfiguration()
        configure(&configuration)
        let k = labels.count
        let tfidf = TfidfModel(configuration: configuration, vocabulary: terms, idf: idf ?? terms.map { _ in 1.5 })
        let w = weights ?? (0..<(terms.count * k)).map { Float($0 % 3) - 1 }
        let model = LogisticRegressionModel(weights: Matrix(rows: terms.count, columns: k, elements: w),
                                            intercepts: intercepts ?? [Float](repeating: 0, count: k))
        return TextClassifier(vectorizer: tfidf, model: model, labels: labels,
                              metadata: TrainingMetadata(documents: 4, dataChecksum: "0"))
    }

    /// Encodes (which recomputes the checksum, like a forger would) and decodes.
    /// Both weight encodings are tried (int8 `WQ8R`, the default, and `Float32` `WGHT`):
    /// they must agree on refusing, and the int8 one's message is returned.
    static func refusal(_ classifier: TextClassifier) throws -> String? {
        var messages: [String?] = []
        for precision in ModelFile.WeightPrecision.allCases {
            let bytes = try ModelFile.encode(classifier, weights: precision)
            do {
                _ = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "forged.precis") }
                messages.append(nil)
            } catch let error as ModelFileError {
                #expect(error.description.hasPrefix("forged.precis: "))
                #expect(!error.description.contains("\n"))
                messages.append(error.description)
            }
        }
        #expect(messages.allSatisfy { ($0 == nil) == (messages[0] == nil) }, "\(messages)")
        return messages[0]
    }

    @Test("the unmodified classifier loads (the cases below fail for their own reason)")
    func baselineLoads() throws {
        #expect(try Self.refusal(Self.classifier()) == nil)
    }

    @Test("duplicate, empty and blank labels are refused", arguments: [
        ["sport", "sport"], ["", "sport"], ["  ", "sport"], ["sport"],
    ])
    func badLabels(labels: [String]) throws {
        let message = try #require(try Self.refusal(Self.classifier(labels: labels)))
        #expect(message.contains("label"), "\(message)")
    }

    @Test("duplicate and empty vocabulary terms are refused", arguments: [
        ["market", "market", "shares"], ["market", "", "shares"],
    ])
    func badTerms(terms: [String]) throws {
        let message = try #require(try Self.refusal(Self.classifier(terms: terms)))
        #expect(message.contains("vocabulary"), "\(message)")
    }

    @Test("NaN or infinite weights, intercepts and idf values are refused")
    func nonFinite() throws {
        for value in [Float.nan, .infinity, -.infinity] {
            #expect(try Self.refusal(Self.classifier(weights: [1, 2, value, 0, 0, 0]))?.contains("weight") == true)
            #expect(try Self.refusal(Self.classifier(intercepts: [0, value]))?.contains("intercept") == true)
            #expect(try Self.refusal(Self.classifier(idf: [1, value, 1]))?.contains("idf") == true)
        }
    }

    @Test("n-gram ranges and token lengths out of range are refused")
    func badVectorizerSettings() throws {
        #expect(try Self.refusal(Self.classifier { $0.ngramRange = 0...0 })?.contains("n-gram") == true)
        #expect(try Self.refusal(Self.classifier { $0.ngramRange = -5...(-1) })?.contains("n-gram") == true)
        #expect(try Self.refusal(Self.classifier { $0.ngramRange = 1...1_000_000 })?.contains("n-gram") == true)
        #expect(try Self.refusal(Self.classifier { $0.tokenizer.minimumLength = 1 << 62 })?.contains("token length") == true)
        #expect(try Self.refusal(Self.classifier { $0.maxDF = .proportion(5) }) != nil)
    }

    @Test("labels with terminal escape sequences load (they are escaped when printed)")
    func escapeSequencesLoad() throws {
        #expect(try Self.refusal(Self.classifier(labels: ["sport\u{1B}[2J", "biz\u{9B}31m"])) == nil)
    }

    /// Replaces the first occurrence of `old` in `bytes` by `new` (same length) and
    /// recomputes the checksum.
    static func patched(_ bytes: [UInt8], _ old: String, _ new: String) -> [UInt8] {
        let o = Array(old.utf8), n = Array(new.utf8)
        precondition(o.count == n.count)
        var out = bytes
        for i in 0...(out.count - o.count) where Array(out[i..<(i + o.count)]) == o {
            out.replaceSubrange(i..<(i + o.count), with: n)
            break
        }
        ModelFile.forgeChecksum(&out)
        return out
    }

    static func decodeError(_ bytes: [UInt8]) -> String? {
        do {
            _ = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "forged.precis") }
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("declared sizes larger than the payload are refused before any allocation",
          arguments: ModelFile.WeightPrecision.allCases)
    func declaredCounts(precision: ModelFile.WeightPrecision) throws {
        let bytes = try ModelFile.encode(Self.classifier(), weights: precision)
        // META says 3 features; claim 900000000 (the vocabulary, weights and idf hold 3).
        let huge = Self.patched(bytes, "\"features\":3", "\"features\":9")
        #expect(Self.decodeError(huge)?.contains("vocabulary size") == true)
        // Weights section claiming 2^32-1 rows.
        var rows = bytes
        if let at = Self.find(rows, precision == .float32 ? "WGHT" : "WQ8R") {
            for k in 0..<4 { rows[at + 12 + k] = 0xFF }
            ModelFile.forgeChecksum(&rows)
            #expect(Self.decodeError(rows)?.contains("weights") == true)
        } else {
            Issue.record("no weights section")
        }
        // Vocabulary count of 2^32-1 with a handful of bytes.
        var vocabulary = bytes
        if let at = Self.find(vocabulary, "VOCF") ?? Self.find(vocabulary, "VOCB") {
            for k in 0..<4 { vocabulary[at + 12 + k] = 0xFF }
            ModelFile.forgeChecksum(&vocabulary)
            #expect(Self.decodeError(vocabulary) != nil)
        } else {
            Issue.record("no vocabulary section")
        }
        // A section repeated.
        #expect(Self.decodeError(Self.patched(bytes, "BIAS", "IDF ")) != nil)
    }

    static func find(_ bytes: [UInt8], _ tag: String) -> Int? {
        let t = Array(tag.utf8)
        return (0...(bytes.count - t.count)).first { Array(bytes[$0..<($0 + t.count)]) == t }
    }

    @Test("a huge file that is not a model is refused after reading its header only")
    func magicFirst() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("huge.precis").path
        // A sparse 6 GB file: reading it whole would need 6 GB of memory.
        let fd = open(path, O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        _ = write(fd, "NOTMODEL", 8)
        #expect(ftruncate(fd, 6 << 30) == 0)
        close(fd)
        #expect(throws: ModelFileError(path: path, "not a Precis model file (wrong magic number)")) {
            try ModelFile.read(path: path)
        }
        // A model header claiming a payload the file does not have.
        let header = try ModelFile.encode(Self.classifier()).prefix(32)
        try Data(header).write(to: URL(fileURLWithPath: path))
        #expect((try? ModelFile.read(path: path)) == nil)
        // Directories and FIFOs are not model files.
        #expect(throws: ModelFileError.self) { try ModelFile.read(path: dir.path) }
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: ModelFileError.self) { try ModelFile.read(path: fifo) }
    }

    @Test("a model that loads never makes a caller trap: classify, explain, top terms")
    func loadedModelsAreUsable() throws {
        let classifier = Self.classifier(labels: ["a\u{1B}[0m", "b"])
        let bytes = try ModelFile.encode(classifier)
        let back = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        _ = back.classify(["market shares", ""], top: 5)
        _ = back.explain("market", label: "b", top: 3)
        _ = Dictionary(uniqueKeysWithValues: back.topTerms(per: 2).map { ($0.label, $0.terms) })
    }

    @Test("a model with an empty vocabulary loads and classifies from its intercepts alone")
    func emptyVocabulary() throws {
        let classifier = Self.classifier(terms: [], weights: [], intercepts: [0, 1], idf: [])
        let bytes = try ModelFile.encode(classifier)
        let back = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(back.classify(["anything at all"], top: 2).first?.label == "sport")
        _ = back.explain("anything", label: "sport", top: 3)
        _ = back.topTerms(per: 3)
    }
}
