import Foundation
import Testing
import PrecisClassification
import PrecisFeatures
import PrecisTestSupport

struct ModelFileTests {
    static func trained(multiClass: MultiClass = .multinomial) throws -> TextClassifier {
        let url = TestPaths.projectData.appendingPathComponent("fixtures/classification/train.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
        var vectorizer = TfidfConfiguration.classifierDefaults
        vectorizer.minDF = .count(1)
        vectorizer.stopWords = ["the", "and", "a", "of"]
        var classifier = LogisticRegressionConfiguration()
        classifier.multiClass = multiClass
        var result = try TextClassifierTrainer(vectorizer: vectorizer, classifier: classifier).fit(texts: rows.map { $0[1] }, labels: rows.map { $0[0] }).classifier
        result.metadata.created = "2026-01-01T00:00:00Z"
        return result
    }

    @Test("write then read gives the same classifier, and encoding is deterministic",
          arguments: MultiClass.allCases)
    func roundTrip(multiClass: MultiClass) throws {
        let classifier = try Self.trained(multiClass: multiClass)
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.precis").path
        try ModelFile.write(classifier, to: path)
        let back = try ModelFile.read(path: path)
        #expect(back.labels == classifier.labels)
        #expect(back.vectorizer == classifier.vectorizer)
        // Int8 weights (the default): each within half a step of its row's scale.
        for j in 0..<classifier.model.featureCount {
            let row = (0..<classifier.model.classCount).map { classifier.model.weights[j, $0] }
            let step = (row.map(abs).max() ?? 0) / 127
            for c in row.indices { #expect(abs(back.model.weights[j, c] - row[c]) <= step * 0.5001 + 1e-12) }
        }
        #expect(back.model.intercepts == classifier.model.intercepts)
        #expect(back.classify(["the striker scored twice", "shares fell on the market"]).map(\.label)
                == classifier.classify(["the striker scored twice", "shares fell on the market"]).map(\.label))
        // Float32 weights stay exact.
        let exact = try ModelFile.encode(classifier, weights: .float32)
        let exactBack = try exact.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(exactBack.model == classifier.model)
        // Version 2, with the compact sections.
        let written = try ModelFile.encode(classifier)
        #expect(written[8] == 2)
        for tag in ["VOCF", "IDFP", "WQ8R"] { #expect(String(decoding: written, as: UTF8.self).contains(tag)) }
        #expect(back.metadata == classifier.metadata)
        #expect(try ModelFile.encode(classifier) == ModelFile.encode(back))
        #expect(back.model.multiClass == multiClass)
        // Softmax models keep the metadata of files written before one-vs-rest existed.
        let meta = String(decoding: try ModelFile.encode(classifier), as: UTF8.self)
        #expect(meta.contains("\"multiClass\"") == (multiClass == .ovr))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["m.precis"])
    }

    @Test("corrupt, truncated, foreign and future files are refused with a message naming the file")
    func refusesBadFiles() throws {
        let bytes = try ModelFile.encode(try Self.trained())
        func check(_ data: [UInt8], _ fragment: String) {
            do {
                _ = try data.withUnsafeBytes { try ModelFile.decode($0, path: "bad.precis") }
                Issue.record("accepted a bad file (\(fragment))")
            } catch let error as ModelFileError {
                #expect(error.description.hasPrefix("bad.precis: "))
                #expect(error.description.contains(fragment), "\(error)")
                #expect(!error.description.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        check(flipped, "checksum")
        check(Array(bytes.prefix(bytes.count - 100)), "truncated")
        check(Array(bytes.prefix(20)), "truncated")
        check(Array("label\ttext\n".utf8), "not a Precis model")
        check([], "not a Precis model")
        var future = bytes
        future[8] = 99
        check(future, "version 99")
        check(bytes + [0], "trailing")
    }

    @Test("reading a missing file says so")
    func missing() {
        #expect(throws: ModelFileError.self) { try ModelFile.read(path: "/nonexistent/model.precis") }
    }
}
