import Testing
import Foundation
import PrecisSummarization
import PrecisEvaluation
import PrecisDatasets
import PrecisTestSupport

/// The default method on the BBC News Summary test split (444 articles) against the best peer of
/// issue 5 (sumy 0.13 TextRank/LexRank/Luhn with Punkt, and Lead-k; rouge-score F1 × 100).
@Suite(.tags(.corpus, .slow), .notInQuickRuns)
struct SummarizationCorpusTests {
    static let path = TestPaths.shared("bbc-news-summary/bbc_summary.jsonl")
    static var available: Bool { TestPaths.hasSharedData && FileManager.default.fileExists(atPath: path) }

    /// Mean ROUGE F1 × 100 of the default summariser on the test split.
    static func evaluate(matchReference: Bool) throws -> RougeScores {
        let records = try SummaryRecordReader.read(path: path).filter { $0.split == "test" }
        #expect(records.count == 444)
        let summarizer = Summarizer()
        let scorer = RougeScorer()
        var scores = [RougeScores?](repeating: nil, count: records.count)
        scores.withUnsafeMutableBufferPointer { out in
            let base = out
            DispatchQueue.concurrentPerform(iterations: records.count) { i in
                let r = records[i]
                let n = matchReference ? (r.summarySentences?.count ?? 3) : 3
                let summary = summarizer.summarize(r.article, length: .sentences(n))
                base[i] = scorer.score(reference: r.summary ?? "", candidate: summary.text)
            }
        }
        var total = RougeSummary()
        for s in scores { total.add(s!) }
        return total.mean
    }

    @Test("3 sentences: the default beats the best peer (53.57 / 44.00 / 39.52)", .enabled(if: available))
    func threeSentences() throws {
        let m = try Self.evaluate(matchReference: false)
        #expect(m.rouge1.f1 * 100 >= 53.57)
        #expect(m.rouge2.f1 * 100 >= 44.00)
        #expect(m.rougeL.f1 * 100 >= 39.52)
    }

    @Test("reference sentence count: the default beats the best peer (72.50 / 63.26 / 46.35)", .enabled(if: available))
    func matchReference() throws {
        let m = try Self.evaluate(matchReference: true)
        #expect(m.rouge1.f1 * 100 >= 72.50)
        #expect(m.rouge2.f1 * 100 >= 63.26)
        #expect(m.rougeL.f1 * 100 >= 46.35)
    }
}
