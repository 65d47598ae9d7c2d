import Foundation
import Testing
import PrecisDatasets
import PrecisEvaluation
import PrecisSummarization
import PrecisTestSupport

/// ROUGE evaluation of the summariser in one call.
struct SummaryEvaluationTests {
    static let fixture = TestPaths.projectData.appendingPathComponent("fixtures/summaries/samples.jsonl").path

    @Test("the mean equals scoring each summary by hand, and the JSON uses the SPEC's keys ×100")
    func matchesByHand() throws {
        let records = try SummaryRecordReader.read(path: Self.fixture)
        let summarizer = Summarizer(method: .lead)
        let result = try summarizer.evaluate(on: records, length: .fixed(.sentences(2)))
        var total = RougeSummary()
        for record in records {
            let summary = summarizer.summarize(record.article, length: .sentences(2))
            total.add(RougeScorer().score(reference: record.summary ?? "", candidate: summary.text))
        }
        #expect(result.n == records.count)
        #expect(result.mean == total.mean)
        #expect(result.length == "2 sentences" && result.method == .lead)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let object = try #require(JSONSerialization.jsonObject(with: encoder.encode(result)) as? [String: Any])
        #expect(Set(object.keys) == ["n", "rouge1", "rouge2", "rougeL", "seconds", "documents_per_second", "method", "length", "languages"])
        let rouge1 = try #require(object["rouge1"] as? [String: Double])
        #expect(abs(try #require(rouge1["f1"]) - total.mean.rouge1.f1 * 100) < 1e-9)
        let decoded = try JSONDecoder().decode(SummaryEvaluation.self, from: encoder.encode(result))
        #expect(decoded.n == result.n && decoded.method == result.method && decoded.length == result.length)
        #expect(abs(decoded.mean.rougeL.f1 - result.mean.rougeL.f1) < 1e-12)
    }

    @Test("the Lead baseline matched to the reference length gives rouge-score's number")
    func matchReference() throws {
        let test = try SummaryRecordReader.read(path: Self.fixture).filter { $0.split == "test" }
        let result = try Summarizer(method: .lead).evaluate(on: test, length: .matchReference)
        // rouge-score 0.1.2, see Data/fixtures/summaries/README.md (also checked by the CLI tests).
        #expect(abs(result.mean.rouge1.f1 * 100 - 54.18243507764584) < 1e-6)
    }

    @Test("a record without a reference is an error at its line")
    func missingReference() throws {
        let records = [SummaryRecord(id: "a", article: "One sentence here.", line: 4)]
        #expect(throws: DatasetError(path: "x.jsonl", line: 4, "record has no \"summary\" to compare with")) {
            try Summarizer().evaluate(on: records, length: .matchReference, path: "x.jsonl")
        }
    }
}
