import Foundation
import Testing
@testable import PrecisClassification
import PrecisFeatures
import PrecisTestSupport

/// Format version 2's compact sections: old files still load, and hostile bodies of
/// the new sections are refused with a one-line message (checksum or not).
struct CompactModelFileTests {
    /// Each section of `bytes` (a whole file): its tag and body range, in order.
    static func sections(_ bytes: [UInt8]) -> [(tag: String, body: Range<Int>)] {
        var offset = 32, result: [(String, Range<Int>)] = []
        while offset + 12 <= bytes.count {
            let name = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            var length = 0
            for i in 0..<8 { length |= Int(bytes[offset + 4 + i]) << (8 * i) }
            result.append((name, (offset + 12)..<(offset + 12 + length)))
            offset += 12 + length
        }
        return result
    }

    /// The body range of section `tag` in `bytes` (a whole file).
    static func section(_ tag: String, in bytes: [UInt8]) -> Range<Int>? {
        sections(bytes).first { $0.tag == tag }?.body
    }

    /// The tags of `bytes`' sections, in order.
    static func tags(_ bytes: [UInt8]) -> [String] { sections(bytes).map(\.tag) }

    /// `bytes` with the header's checksum recomputed, as someone editing a file would.
    static func forged(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        ModelFile.forgeChecksum(&out)
        return out
    }

    static func refused(_ bytes: [UInt8]) -> String? {
        do {
            _ = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "bad.precis") }
            return nil
        } catch let error as ModelFileError {
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("a format version 1 file (a fuzzing seed written before version 2) still loads, classifies and re-encodes as version 2")
    func oldFormat() throws {
        let path = TestPaths.repositoryRoot.appendingPathComponent("Fuzz/Seeds/FuzzModel/ovr.precis").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes[8] == 1)
        let classifier = try ModelFile.read(path: path)
        let probe = ["The striker scored twice in the cup final", "Shares fell as the bank reported a loss"]
        let labels = classifier.classify(probe).map(\.label)
        #expect(labels.allSatisfy { classifier.labels.contains($0) })
        // Re-encoded: version 2 with its compact sections, the same predictions, stable bytes.
        let compact = try ModelFile.encode(classifier)
        #expect(compact[8] == 2 && Self.section("WQ8R", in: compact) != nil && Self.section("VOCF", in: compact) != nil)
        let back = try compact.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(back.vectorizer == classifier.vectorizer)
        #expect(back.classify(probe).map(\.label) == labels)
        #expect(try ModelFile.encode(back) == compact)
    }

    @Test("hostile bodies of the compact sections are refused, checksum or not")
    func hostileSections() throws {
        let bytes = try ModelFile.encode(try ModelFileTests.trained())
        let vocf = try #require(Self.section("VOCF", in: bytes))
        let idfp = try #require(Self.section("IDFP", in: bytes))
        let wq8r = try #require(Self.section("WQ8R", in: bytes))
        var cases: [(String, [UInt8])] = []
        func edit(_ name: String, _ change: (inout [UInt8]) -> Void) {
            var copy = bytes
            change(&copy)
            cases.append((name, Self.forged(copy)))
        }
        edit("huge term total") { b in for i in 4..<12 { b[vocf.lowerBound + i] = 0xFF } }
        edit("term count") { b in b[vocf.lowerBound] ^= 0x01 }
        edit("second term not after the first") { b in
            // The second entry: shared 0, suffix ≥ 1, first byte 0 (before any term).
            let firstSuffix = Int(b[vocf.lowerBound + 13])
            let second = vocf.lowerBound + 14 + firstSuffix
            b[second] = 0
            b[second + 2] = 0x00
        }
        edit("varint too long") { b in for i in 12..<20 { b[vocf.lowerBound + i] = 0xFF } }
        edit("palette larger than the features") { b in for i in 0..<4 { b[idfp.lowerBound + i] = 0xFF } }
        edit("palette value not finite") { b in for i in 4..<8 { b[idfp.lowerBound + i] = 0xFF } }
        edit("index outside the palette") { b in b[idfp.upperBound - 1] = 0x7F }
        edit("weight shape") { b in b[wq8r.lowerBound] ^= 0x01 }
        edit("scale not finite") { b in for i in 8..<12 { b[wq8r.lowerBound + i] = 0xFF } }
        edit("scale negative") { b in b[wq8r.lowerBound + 11] |= 0x80 }
        edit("code -128") { b in b[wq8r.upperBound - 1] = 0x80 }
        for (name, data) in cases {
            let message = Self.refused(data)
            #expect(message != nil, "accepted: \(name)")
            if let message {
                #expect(message.hasPrefix("bad.precis: "), "\(name): \(message)")
                #expect(!message.contains("\n") && !message.contains("unexpected"), "\(name): \(message)")
            }
        }
        // Truncated anywhere inside the new sections (checksum forged, header fixed): refused.
        for range in [vocf, idfp, wq8r] {
            for cut in stride(from: range.lowerBound, to: range.upperBound, by: max(1, range.count / 7)) {
                var copy = Array(bytes[..<cut])
                let payload = UInt64(copy.count - 32)
                withUnsafeBytes(of: payload.littleEndian) { copy.replaceSubrange(16..<24, with: $0) }
                #expect(Self.refused(Self.forged(copy)) != nil, "accepted a file cut at \(cut)")
            }
        }
    }

    @Test("multi-label models are compact: one 8-bit column per label, not per label combination")
    func multiLabel() throws {
        let train = MultiLabelFixture.documents(240)
        var vectorizer = TfidfConfiguration.classifierDefaults
        vectorizer.minDF = .count(1)
        let classifier = try MultiLabelTrainer(vectorizer: vectorizer).fit(texts: train.texts, labelSets: train.labels).classifier
        let bytes = try ModelFile.encode(classifier)
        #expect(Self.tags(bytes) == ["META", "VOCF", "IDFP", "WQ8R", "BIAS"])
        let wq8r = try #require(Self.section("WQ8R", in: bytes))
        let n = classifier.model.featureCount, k = classifier.labels.count
        #expect(wq8r.count == 8 + 4 * n + n * k, "one code per feature and label")
        let again = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(again.multiLabel == classifier.multiLabel)
        let texts = MultiLabelFixture.documents(40, seed: 5).texts
        #expect(again.classifyMultiLabel(texts).map { $0.labels.map(\.label) } == classifier.classifyMultiLabel(texts).map { $0.labels.map(\.label) })
    }

    @Test("hashed models are compact: an empty front-coded vocabulary, the idf palette and 8-bit weights")
    func hashed() throws {
        let data = StreamingTrainerTests.corpus(200)
        let trained = try StreamingTrainerTests.streamed(StreamingTrainer(vectorizer: StreamingTrainerTests.vectorizer, featureCount: 1 << 11),
                                                         data, block: 50)
        let bytes = try ModelFile.encode(trained)
        #expect(Self.tags(bytes) == ["META", "VOCF", "IDFP", "WQ8R", "BIAS"])
        #expect(try #require(Self.section("VOCF", in: bytes)).count == 12, "no terms")
        let again = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(again.vectorizer.hashedFeatureCount == 1 << 11)
        #expect(again.predict(data.texts) == trained.predict(data.texts))
        #expect(try ModelFile.encode(again) == bytes)
        // A hashed model with terms in its vocabulary section is refused.
        let vocabulary = try ModelFile.encode(HostileModelTests.classifier())
        let vocf = try #require(Self.section("VOCF", in: vocabulary))
        var spliced = Array(bytes)
        let own = try #require(Self.section("VOCF", in: bytes))
        spliced.replaceSubrange((own.lowerBound - 8)..<own.upperBound, with: withUnsafeBytes(of: UInt64(vocf.count).littleEndian, Array.init) + vocabulary[vocf])
        let payload = UInt64(spliced.count - 32)
        withUnsafeBytes(of: payload.littleEndian) { spliced.replaceSubrange(16..<24, with: $0) }
        let message = try #require(Self.refused(Self.forged(spliced)))
        #expect(message.contains("vocabulary size"), "\(message)")
    }

    @Test("a vocabulary that would expand too much is written plainly, and still loads")
    func expansionFallback() throws {
        let stem = String(repeating: "x", count: 400)
        let terms = (0..<60).map { stem + String(format: "%03d", $0) }
        let classifier = HostileModelTests.classifier(terms: terms)
        let bytes = try ModelFile.encode(classifier)
        #expect(Self.tags(bytes).contains("VOCB") && !Self.tags(bytes).contains("VOCF"))
        let again = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(again.vectorizer.vocabulary == terms)
    }

    @Test("version 2's checksum: any damaged byte is a checksum mismatch; version 1 files keep theirs")
    func checksum() throws {
        let bytes = try ModelFile.encode(try ModelFileTests.trained())
        for at in [32, 33, bytes.count / 2, bytes.count - 9, bytes.count - 1] {
            var damaged = bytes
            damaged[at] ^= 0x10
            #expect(Self.refused(damaged)?.contains("checksum mismatch") == true, "byte \(at)")
        }
        // Word-wise FNV-1a over the payload, then its last bytes one by one.
        let payload = Array(bytes[32...])
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var i = 0
        while i + 8 <= payload.count {
            var word: UInt64 = 0
            for b in 0..<8 { word |= UInt64(payload[i + b]) << (8 * UInt64(b)) }
            h = (h ^ word) &* 0x100_0000_01B3
            i += 8
        }
        while i < payload.count { h = (h ^ UInt64(payload[i])) &* 0x100_0000_01B3; i += 1 }
        var stored: UInt64 = 0
        for b in 0..<8 { stored |= UInt64(bytes[24 + b]) << (8 * UInt64(b)) }
        #expect(stored == h)
        // A version-1 file (a fuzzing seed) loads, with its byte-wise checksum.
        let seed = TestPaths.repositoryRoot.appendingPathComponent("Fuzz/Seeds/FuzzModel/tiny.precis").path
        let old = try [UInt8](Data(contentsOf: URL(fileURLWithPath: seed)))
        #expect(old[8] == 1)
        #expect(Self.refused(old) == nil)
    }
}
