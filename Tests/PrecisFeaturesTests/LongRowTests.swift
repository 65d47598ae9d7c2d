import Testing
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisTestSupport

/// TF-IDF rows long enough for the radix-sort path.
struct LongRowTests {
    @Test("long rows (radix-sorted) equal the transform path, column by column")
    func longRows() throws {
        // Documents with many distinct terms, so rows exceed the radix-sort threshold.
        var rng = SeededGenerator(seed: 7)
        let words = (0..<3000).map { "w\($0)x" }
        let documents = (0..<60).map { _ in (0..<1500).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }.joined(separator: " ") }
        var config = TfidfConfiguration()
        config.ngramRange = 1...2
        config.sublinearTF = true
        let (model, x) = try TfidfVectorizer(configuration: config).fitTransform(documents)
        #expect(x.row(0).indices.count > 1000)
        let again = model.transform(documents)
        #expect(again == x)
        for i in 0..<x.rows {
            let idx = Array(x.row(i).indices)
            #expect(zip(idx, idx.dropFirst()).allSatisfy { $0 < $1 })
        }
    }
}
