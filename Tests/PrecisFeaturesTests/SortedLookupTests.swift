import Testing
import PrecisFeatures
import PrecisLinearAlgebra

/// ``TfidfModel/transform(_:)`` of a few documents looks their terms up in the sorted
/// vocabulary instead of building the index; both paths must give the same matrix.
struct SortedLookupTests {
    /// A corpus of `count` documents over a word list (deterministic): a few common
    /// words, some non-ASCII, and thousands of rarer ones, so that even a unigram
    /// vocabulary is large beside a few short documents (the case the search is for).
    static func corpus(_ count: Int, seed: UInt64) -> [String] {
        let words = ["the", "cat", "dog", "sat", "on", "a", "mat", "über", "naïve", "café", "x", "run",
                     "runs", "ran", "and", "of", "to", "in", "it", "is", "zebra", "zoo", "apple", "b2b"]
            + (0..<6000).map { "word\($0)" }
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in
            (0..<(5 + next() % 30)).map { _ in words[next() % words.count] }.joined(separator: next() % 7 == 0 ? ", " : " ")
        }
    }

    @Test("small inputs: binary search in the sorted vocabulary gives the index's matrix",
          arguments: [(1, 1, false), (1, 2, false), (1, 3, true), (2, 3, false), (2, 2, true)])
    func sameMatrix(minN: Int, maxN: Int, stopWords: Bool) throws {
        var config = TfidfConfiguration()
        config.ngramRange = minN...maxN
        config.sublinearTF = true
        if stopWords { config.stopWords = ["the", "a", "of"] }
        let model = try TfidfVectorizer(configuration: config).fit(Self.corpus(3000, seed: 7))
        let documents = Self.corpus(3, seed: 99) + ["", "unknown words only", "the the the", "Cat SAT on the mat, über café"]
        let searched = try #require(model.transformBySearch(documents))
        _ = model.featureIndex(of: "cat")          // builds the index: later transforms use it
        #expect(model.transformBySearch(documents) == nil)
        let indexed = model.transform(documents)
        #expect(searched == indexed)
        #expect(searched.nonZeroCount > 0)
    }

    @Test("large inputs build the index")
    func largeInputs() throws {
        let model = try TfidfVectorizer().fit(Self.corpus(200, seed: 1))
        #expect(model.transformBySearch(Self.corpus(2000, seed: 2)) == nil)
    }
}
