import Foundation
import Testing
import PrecisClassification
import PrecisDatasets
import PrecisFeatures
import PrecisText
import PrecisTestSupport

/// Replays the fuzzing seeds and every input a fuzzer ever crashed on
/// (`Fuzz/Seeds/<target>/`, `Fuzz/Regressions/<target>/`) through the same calls
/// as the libFuzzer targets in `Fuzz/Sources`, so `make test` guards them without
/// long fuzzing. A trap here fails the whole test run.
struct FuzzRegressionTests {
    static let targets = ["FuzzTSV", "FuzzCSV", "FuzzJSONL", "FuzzSummaryJSONL", "FuzzTokenizer",
                          "FuzzSentences", "FuzzHTML", "FuzzStemmer", "FuzzModel"]

    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let fuzz = TestPaths.repositoryRoot.appendingPathComponent("Fuzz")
        var result: [(String, [UInt8])] = []
        for folder in ["Seeds", "Regressions"] {
            let dir = fuzz.appendingPathComponent(folder).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) {
                    result.append(("\(folder)/\(target)/\(name)", Array(data)))
                }
            }
        }
        return result
    }

    @Test("every target has seeds in the repository")
    func seedsExist() {
        for target in Self.targets { #expect(!Self.inputs(target).isEmpty, "no seeds for \(target)") }
    }

    @Test("data readers: seeds and regressions read or fail cleanly")
    func readers() {
        for (name, bytes) in Self.inputs("FuzzTSV") {
            if let docs = try? TSVReader.parse(Data(bytes), path: name) { #expect(docs.allSatisfy { !$0.label.isEmpty }) }
        }
        for (name, bytes) in Self.inputs("FuzzCSV") {
            if let docs = try? CSVReader.parse(Data(bytes), path: name) { #expect(docs.allSatisfy { !$0.label.isEmpty }) }
        }
        for (name, bytes) in Self.inputs("FuzzJSONL") {
            if let docs = try? JSONLReader.parse(Data(bytes), path: name) { #expect(docs.allSatisfy { !$0.label.isEmpty }) }
            _ = try? JSONLReader.parseTexts(Data(bytes), path: name)
        }
        for (name, bytes) in Self.inputs("FuzzSummaryJSONL") {
            _ = try? SummaryRecordReader.parse(Data(bytes), path: name)
        }
    }

    @Test("text processing: tokenizer, sentences, HTML, stemmer")
    func text() {
        for (_, bytes) in Self.inputs("FuzzTokenizer") {
            let settings = bytes.first ?? 0
            let tokenizer = Tokenizer(lowercase: settings & 1 == 0, minimumLength: Int(settings >> 1 & 7))
            var text = String(decoding: bytes.dropFirst(), as: UTF8.self)
            let tokens = tokenizer.tokens(in: text)
            var count = 0
            text.withUTF8 { tokenizer.forEachToken(inUTF8: $0, buffer: TokenBuffer()) { _ in count += 1 } }
            #expect(count == tokens.count)
        }
        for (_, bytes) in Self.inputs("FuzzSentences") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(SentenceSegmenter().sentences(in: text).allSatisfy { !$0.text.isEmpty })
        }
        for (_, bytes) in Self.inputs("FuzzHTML") {
            bytes.withUnsafeBufferPointer { b in
                _ = HtmlText.looksLikeHTML(utf8: b)
                _ = HtmlText.plainText(fromHTML: HtmlText.plainText(fromHTML: b))
            }
        }
        for (_, bytes) in Self.inputs("FuzzStemmer") {
            _ = PorterStemmer().stem(String(decoding: bytes, as: UTF8.self))
            var word = bytes
            PorterStemmer().stem(bytes: &word)
            #expect(word.count <= bytes.count)
        }
    }

    @Test("model loader: seeds load, forged variants fail cleanly, loaded models are usable")
    func models() {
        for (name, original) in Self.inputs("FuzzModel") {
            var bytes = original
            ModelFile.forgeChecksum(&bytes)
            guard let classifier = bytes.withUnsafeBytes({ try? ModelFile.decode($0, path: name) }) else { continue }
            _ = classifier.classify(["the market rallied", ""], top: 3)
            _ = Dictionary(uniqueKeysWithValues: classifier.labels.map { ($0, 1) })
            _ = Set(classifier.vectorizer.vocabulary)
        }
    }
}
