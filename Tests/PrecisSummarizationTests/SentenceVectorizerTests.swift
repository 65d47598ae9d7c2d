import Testing
import PrecisCore
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisSummarization

/// The sentence vectoriser weighs with the package's one TF-IDF weighting and
/// refuses the options it cannot honour.
struct SentenceVectorizerTests {
    @Test("rows equal TfidfVectorizer's bit for bit (same weighting code), for every tf, idf and norm setting")
    func sameWeighting() throws {
        let sentences = ["The bank raised rates again.", "Rates rose, and rose again!", "Nothing in common here.",
                         "the the bank", "Ünïcode wörds rose too"]
        for sublinear in [false, true] {
            for smooth in [false, true] {
                for norm in [Norm.l2, .l1, .none] {
                    var config = TfidfConfiguration()
                    config.stopWords = ["the", "and"]
                    config.sublinearTF = sublinear
                    config.smoothIDF = smooth
                    config.norm = norm
                    let ours = SentenceVectorizer(configuration: config, stemming: false).vectorize(sentences)
                    let (model, theirs) = try TfidfVectorizer(configuration: config).fitTransform(sentences)
                    #expect(ours.terms.count == model.featureCount)
                    for i in 0..<sentences.count {
                        for (j, term) in ours.terms.enumerated() {
                            let k = try #require(model.featureIndex(of: term))
                            #expect(ours.matrix[i, j] == theirs[i, k])
                        }
                    }
                }
            }
        }
    }

    @Test("options a sentence vectoriser cannot honour are refused, naming the parameter and value")
    func refusals() throws {
        try SentenceVectorizer().validate()
        var v = SentenceVectorizer()
        v.configuration.ngramRange = 1...2
        #expect(throws: ConfigurationError("ngramRange", "1...2",
                                           allowed: "1...1 (sentences are compared word by word, every word kept)")) {
            try v.validate()
        }
        v = SentenceVectorizer()
        v.configuration.minDF = .count(2)
        #expect(throws: ConfigurationError.self) { try v.validate() }
        v = SentenceVectorizer()
        v.configuration.maxDF = .proportion(0.9)
        #expect(throws: ConfigurationError.self) { try v.validate() }
        v = SentenceVectorizer()
        v.configuration.maxFeatures = 100
        #expect(throws: ConfigurationError.self) { try v.validate() }
    }
}
