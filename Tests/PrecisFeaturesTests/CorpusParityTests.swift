import Testing
import Foundation
import PrecisFeatures
import PrecisDatasets
import PrecisTestSupport

/// Corpus-level agreement with scikit-learn on bbc-news/train.tsv
/// (figures in `Data/fixtures/tfidf/bbc-news-summary.json`).
@Suite(.tags(.corpus, .slow), .notInQuickRuns)
struct CorpusParityTests {
    @Test("bbc-news: feature count, non-zeros, idf and a row equal scikit-learn's",
          .enabled(if: TestPaths.hasSharedData), arguments: ["defaults", "bigrams-mindf2-sublinear"])
    func bbcNews(name: String) throws {
        let summary = try ParityFixture.json("bbc-news-summary.json")
        let expected = (summary["cases"] as! [String: Any])[name] as! [String: Any]
        let documents = try LabeledDataset.read(path: TestPaths.shared("bbc-news/train.tsv")).map(\.text)
        #expect(documents.count == summary["documents"] as! Int)
        let config = ParityFixture.configuration(expected["settings"] as! [String: Any])
        let (model, x) = try TfidfVectorizer(configuration: config).fitTransform(documents)
        #expect(model.featureCount == expected["features"] as! Int)
        #expect(x.nonZeroCount == expected["nonzeros"] as! Int)
        for (term, idf) in expected["idf"] as! [String: Double] {
            let j = try #require(model.featureIndex(of: term))
            #expect(model.idf[j] == Float(idf))
        }
        let row7 = ParityFixture.rows([expected["row7"]!])
        #expect(ParityFixture.mismatch(x.selectingRows([7]), row7) == nil)
    }
}
