import Testing
import Foundation
import PrecisFeatures
import PrecisLinearAlgebra

struct TfidfBasicsTests {
    @Test("idf and l2-normalised rows follow scikit-learn's formulas")
    func formulas() throws {
        let docs = ["the cat sat", "the dog sat", "the cat and the dog"]
        let (model, x) = try TfidfVectorizer().fitTransform(docs)
        #expect(model.vocabulary == ["and", "cat", "dog", "sat", "the"])
        // idf = ln((1+n)/(1+df)) + 1 with n = 3
        let expectedIDF: [Float] = [1, 2, 2, 2, 3].map { Float(log(4.0 / (1 + Double($0))) + 1) }
        for (a, b) in zip(model.idf, expectedIDF) { #expect(abs(a - b) < 1e-6) }
        #expect(x.rows == 3 && x.columns == 5)
        for i in 0..<3 {
            let r = x.row(i)
            let norm = r.values.reduce(0) { $0 + $1 * $1 }
            #expect(abs(norm - 1) < 1e-5)
        }
        // "the" appears twice in document 3: its raw tf is 2.
        let the = x[2, 4], and = x[2, 0]
        #expect(abs(the / and - 2 * model.idf[4] / model.idf[0]) < 1e-5)
    }

    @Test("transpose round-trips")
    func transpose() throws {
        let (_, x) = try TfidfVectorizer().fitTransform(["aa bb cc", "bb cc dd", "ee"])
        #expect(x.transposed().transposed() == x)
        #expect(x.transposed()[3, 1] == x[1, 3])
    }

    @Test("an all-pruned vocabulary is an error, not an empty model")
    func emptyVocabulary() {
        var config = TfidfConfiguration()
        config.minDF = .count(2)
        #expect(throws: FeatureError.emptyVocabulary) {
            try TfidfVectorizer(configuration: config).fit(["aa bb", "cc dd"])
        }
    }
}
