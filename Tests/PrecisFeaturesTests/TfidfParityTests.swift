import Testing
import Foundation
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisCore
import PrecisText
import PrecisTestSupport

/// Our vectoriser against values produced by scikit-learn 1.9.1 on our own
/// small multilingual fixture (`Data/fixtures/tfidf/`).
struct TfidfParityTests {
    static let cases = [
        "defaults", "bigrams-mindf2-sublinear", "max-features-7", "max-features-18-sublinear", "max-df-fraction",
        "max-df-count-min-df-fraction", "stop-words-trigrams", "bigrams-only-l1-no-smooth", "no-idf-no-norm",
    ]

    @Test("vocabulary, idf and values equal scikit-learn's", arguments: cases)
    func parity(name: String) throws {
        let expected = try ParityFixture.json("expected-\(name).json")
        let config = ParityFixture.configuration(expected["settings"] as! [String: Any])
        let documents = try ParityFixture.documents
        let (model, x) = try TfidfVectorizer(configuration: config).fitTransform(documents)
        #expect(model.vocabulary == expected["vocabulary"] as! [String])
        #expect(String(decoding: model.vocabularyText(), as: UTF8.self) == model.vocabulary.map { $0 + "\n" }.joined())
        if let idf = expected["idf"] as? [Double] {
            #expect(model.idf.count == idf.count)
            for (got, want) in zip(model.idf, idf) { #expect(got == Float(want)) }
        }
        let rows = ParityFixture.rows(expected["rows"])
        #expect(ParityFixture.mismatch(x, rows) == nil)
        // transform of the same documents gives the same matrix as fitTransform.
        #expect(model.transform(documents) == x)
        // fit alone gives the same model.
        #expect(try TfidfVectorizer(configuration: config).fit(documents) == model)
    }

    @Test("a model rebuilt from its vocabulary and idf transforms identically")
    func rebuiltModel() throws {
        var config = TfidfConfiguration()
        config.ngramRange = 1...3
        config.stopWords = StopWords.english
        let documents = try ParityFixture.documents
        let (model, x) = try TfidfVectorizer(configuration: config).fitTransform(documents)
        let rebuilt = TfidfModel(configuration: config, vocabulary: model.vocabulary, idf: model.idf)
        #expect(rebuilt == model)
        #expect(rebuilt.vocabularyText() == model.vocabularyText())
        #expect(rebuilt.transform(documents) == x)
        #expect(rebuilt.featureIndex(of: "quick brown fox") == model.vocabulary.firstIndex(of: "quick brown fox"))
        #expect(rebuilt.featureIndex(of: "東京都") != nil)
        #expect(rebuilt.featureIndex(of: "the") == nil)          // a stop word
        #expect(rebuilt.featureIndex(of: "brown quick") == nil)
    }

    @Test("unseen words break n-grams, stop words are removed before them")
    func transformUnseen() throws {
        var config = TfidfConfiguration()
        config.ngramRange = 1...2
        config.stopWords = ["the"]
        let model = try TfidfVectorizer(configuration: config).fit(["red fox", "red the fox", "blue fox"])
        #expect(model.vocabulary == ["blue", "blue fox", "fox", "red", "red fox"])
        let x = model.transform(["red zebra fox", "red the the fox", ""])
        #expect(Array(x.row(0).indices) == [2, 3])          // "red zebra" / "zebra fox" are not features
        #expect(Array(x.row(1).indices) == [2, 3, 4])       // stop words vanish: "red fox"
        #expect(x.row(2).indices.isEmpty)
    }

    @Test("deterministic: the same input gives identical output, whatever the split over cores")
    func deterministic() throws {
        // Large enough to be split into several runs.
        let documents = try (0..<400).flatMap { _ in try ParityFixture.documents }.enumerated().map { "\($0.offset) \($0.element)" }
        var config = TfidfConfiguration()
        config.ngramRange = 1...2
        let a = try TfidfVectorizer(configuration: config).fitTransform(documents)
        let b = try TfidfVectorizer(configuration: config).fitTransform(documents)
        #expect(a.model == b.model && a.matrix == b.matrix)
        // One document at a time gives the same rows as the whole batch.
        let single = a.model.transform([documents[777]])
        #expect(Array(single.row(0).indices) == Array(a.matrix.row(777).indices))
        #expect(Array(single.row(0).values) == Array(a.matrix.row(777).values))
    }

    @Test("hashing equals scikit-learn's HashingVectorizer and hashed TF-IDF")
    func hashing() throws {
        let expected = try ParityFixture.json("expected-hashing.json")
        let documents = try ParityFixture.documents
        for (word, hash) in expected["murmurhash3_32"] as! [String: Int] {
            #expect(Int32(bitPattern: MurmurHash3.hash32(Array(word.utf8))) == Int32(hash))
        }
        var config = TfidfConfiguration()
        config.ngramRange = 1...2
        let signed = try HashingVectorizer(featureCount: 64, alternateSign: true, configuration: config).transform(documents)
        #expect(ParityFixture.mismatch(signed, ParityFixture.rows((expected["signed"] as! [String: Any])["rows"])) == nil)
        var tfidfConfig = TfidfConfiguration()
        tfidfConfig.sublinearTF = true
        let (model, hashed) = try HashingVectorizer(featureCount: 64, alternateSign: false, configuration: tfidfConfig)
            .fitTransform(documents)
        #expect(ParityFixture.mismatch(hashed, ParityFixture.rows((expected["tfidf"] as! [String: Any])["rows"])) == nil)
        // The fitted model weighs new documents one at a time exactly as the batch.
        let single = model.transform([documents[5]])
        #expect(Array(single.row(0).indices) == Array(hashed.row(5).indices))
        #expect(Array(single.row(0).values) == Array(hashed.row(5).values))
    }

    @Test("hashing refuses the options it cannot honour, naming the parameter, value and what is allowed")
    func hashingRefusals() throws {
        var config = TfidfConfiguration()
        config.minDF = .count(2)
        #expect(throws: ConfigurationError("minDF", "2", allowed: "the default 1 (hashing keeps no vocabulary to prune)")) {
            try HashingVectorizer(featureCount: 8, configuration: config).transform(["a b"])
        }
        config = TfidfConfiguration()
        config.maxDF = .proportion(0.5)
        #expect(throws: ConfigurationError.self) { try HashingVectorizer(featureCount: 8, alternateSign: false, configuration: config).fit(["aa"]) }
        config = TfidfConfiguration()
        config.maxFeatures = 10
        #expect(throws: ConfigurationError.self) { try HashingVectorizer(featureCount: 8, configuration: config).counts(["aa"]) }
        for bad in [0, -1, Int(Int32.max) + 1] {
            #expect(throws: ConfigurationError.self) { try HashingVectorizer(featureCount: bad).transform(["aa"]) }
        }
        do {
            _ = try HashingVectorizer(featureCount: 8, alternateSign: true).fit(["aa bb"])
            Issue.record("a signed hashing vectoriser learnt idf weights")
        } catch let error as ConfigurationError {
            #expect(error.parameter == "alternateSign" && error.value == "true")
        }
    }

    @Test("max_features keeps the most frequent terms; ties go to the term that sorts first")
    func maxFeaturesTies() throws {
        var config = TfidfConfiguration()
        config.maxFeatures = 3
        // Frequencies: zz 3, bb 2, aa 2, cc 2, dd 1.
        let model = try TfidfVectorizer(configuration: config).fit(["zz cc bb", "zz aa dd", "zz aa bb cc"])
        #expect(model.vocabulary == ["aa", "bb", "zz"])
    }

    @Test("errors: no terms at all, everything pruned, contradictory bounds")
    func errors() {
        #expect(throws: FeatureError.emptyVocabulary) { try TfidfVectorizer().fit(["a b c", "! ?"]) }
        #expect(throws: FeatureError.emptyVocabulary) { try TfidfVectorizer().fit([]) }
        var config = TfidfConfiguration()
        config.minDF = .count(3)
        #expect(throws: FeatureError.emptyVocabulary) { try TfidfVectorizer(configuration: config).fit(["aa bb", "bb cc", "dd"]) }
        config.minDF = .count(2)
        config.maxDF = .count(1)
        #expect(throws: FeatureError.self) { try TfidfVectorizer(configuration: config).fit(["aa bb", "bb cc"]) }
    }
}
