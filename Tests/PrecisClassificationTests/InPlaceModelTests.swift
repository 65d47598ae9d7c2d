import Foundation
import Testing
@testable import PrecisClassification
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisTestSupport

/// A model read from a file keeps its front-coded vocabulary and 8-bit weights where
/// they were read: it must behave exactly as the same model with the vocabulary
/// decoded and the weights dequantised into a matrix.
struct InPlaceModelTests {
    static let texts = [
        "The striker scored twice in the cup final and the fans sang",
        "Shares fell as the bank reported a loss and cut its dividend",
        "The minister said the election would be held in the spring",
        "A new phone with a faster chip and a better camera",
        "", "zzz qqq", "the and a of",
    ]

    static func loaded() throws -> (original: TextClassifier, loaded: TextClassifier) {
        let original = try ModelFileTests.trained()
        let bytes = try ModelFile.encode(original)
        return (original, try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") })
    }

    @Test("scores from the 8-bit weights in place are bit-identical to the dequantised matrix's", arguments: MultiClass.allCases)
    func sameScores(multiClass: MultiClass) throws {
        let original = try ModelFileTests.trained(multiClass: multiClass)
        let bytes = try ModelFile.encode(original)
        let loaded = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(loaded.model.quantised != nil)
        var dense = loaded
        dense.model.weights = loaded.model.weights          // a plain matrix now
        #expect(dense.model.quantised == nil)
        #expect(dense.model == loaded.model)
        let x = loaded.vectorizer.transform(Self.texts)
        #expect(loaded.model.decisionFunction(x) == dense.model.decisionFunction(x))
        #expect(loaded.probabilities(Self.texts) == dense.probabilities(Self.texts))
        #expect(loaded.classify(Self.texts, top: 3) == dense.classify(Self.texts, top: 3))
        for text in Self.texts {
            for label in loaded.labels {
                #expect(loaded.explain(text, label: label) == dense.explain(text, label: label))
            }
        }
        #expect(loaded.topTerms(per: 5) == dense.topTerms(per: 5))
        // Every weight read in place is the matrix's.
        let w = loaded.model.weights
        for j in stride(from: 0, to: w.rows, by: max(1, w.rows / 50)) {
            for c in 0..<w.columns { #expect(loaded.model.weight(j, c) == w[j, c]) }
        }
        // Saved again: the same bytes.
        #expect(try ModelFile.encode(loaded) == bytes)
    }

    @Test("the front-coded vocabulary: search in place gives the index's matrix, and the terms read back")
    func sameFeatures() throws {
        let (original, loaded) = try Self.loaded()
        #expect(loaded.vectorizer.vocabulary == original.vectorizer.vocabulary)
        #expect(loaded.vectorizer.vocabularyText() == original.vectorizer.vocabularyText())
        let fresh = try Self.loaded().loaded
        // A few words (searching a small vocabulary pays for a few lookups only).
        let short = ["striker scored twice", "bank loss", "", "zzz"]
        let searched = try #require(fresh.vectorizer.transformBySearch(short))
        #expect(searched == original.vectorizer.transform(short))
        #expect(searched.nonZeroCount > 0)
        for term in original.vectorizer.vocabulary.prefix(200) {
            #expect(fresh.vectorizer.featureIndex(of: term) == original.vectorizer.featureIndex(of: term))
        }
        // The index (built by featureIndex above) gives the same matrix.
        #expect(fresh.vectorizer.transformBySearch(short) == nil)
        #expect(fresh.vectorizer.transform(short) == searched)
    }

    @Test("a batch of documents gets the predictions each gets alone")
    func batch() throws {
        let (_, loaded) = try Self.loaded()
        let many = (0..<400).map { Self.texts[$0 % Self.texts.count] + " item \($0)" }
        let batch = try Self.loaded().loaded.classify(many, top: 2)
        let alone = many.map { loaded.classify([$0], top: 2)[0] }
        #expect(batch == alone)
    }
}
