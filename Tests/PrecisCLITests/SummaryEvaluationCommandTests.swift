import Testing
import Foundation
import PrecisTestSupport

/// `precis evaluate-summaries`.
struct SummaryEvaluationCommandTests {
    static let fixture = TestPaths.projectData.appendingPathComponent("fixtures/summaries/samples.jsonl").path

    @Test("--json has the SPEC's keys; values are percentages")
    func json() throws {
        let r = try PrecisRunner.run(["evaluate-summaries", "--data", Self.fixture, "--sentences", "2", "--json"])
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["n"] as? Int == 3)
        for key in ["rouge1", "rouge2", "rougeL"] {
            let s = try #require(object[key] as? [String: Double])
            for part in ["precision", "recall", "f1"] {
                let v = try #require(s[part])
                #expect(v >= 0 && v <= 100)
            }
        }
        #expect(object["seconds"] is Double && object["documents_per_second"] is Double)
    }

    @Test("--match-reference with Lead on the fixture gives rouge-score's numbers")
    func matchReference() throws {
        // Lead-k with k = the reference's sentence count (2) on the two `test` records, checked
        // against rouge-score 0.1.2 on the same summaries.
        let r = try PrecisRunner.run(["evaluate-summaries", "--data", Self.fixture, "--match-reference",
                                      "--method", "lead", "--json", "--split", "test"])
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["n"] as? Int == 2)
        let r1 = try #require(object["rouge1"] as? [String: Double])
        #expect(abs(r1["f1"]! - Self.expectedLeadRouge1F1) < 1e-6)
    }

    /// rouge-score 0.1.2 (use_stemmer=True) mean ROUGE-1 F1 × 100 of Lead-2 on the two `test` records
    /// of the fixture (see Data/fixtures/summaries/README.md for how it was computed).
    static let expectedLeadRouge1F1 = 54.18243507764584

    @Test("plain output is a small table")
    func table() throws {
        let r = try PrecisRunner.run(["evaluate-summaries", "--data", Self.fixture])
        #expect(r.status == 0 && r.stdout.contains("ROUGE-1") && r.stdout.contains("ROUGE-L"))
        let bad = try PrecisRunner.run(["evaluate-summaries", "--data", Self.fixture, "--sentences", "2", "--match-reference"])
        #expect(bad.status != 0)
        let noSplit = try PrecisRunner.run(["evaluate-summaries", "--data", Self.fixture, "--split", "dev"])
        #expect(noSplit.status == 1 && noSplit.stderr.contains("dev"))
    }
}
