import Foundation
import Testing
import PrecisTestSupport

/// Empty documents are flagged, `--threshold` abstains, `evaluate` reports calibration.
struct HonestProbabilityTests {
    @Test("an empty or stop-word-only document is flagged in JSON and warned about on stderr")
    func emptyDocuments() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let result = try PrecisRunner.run(["classify", "--model", model, "--format", "lines", "--json"],
                                          stdin: Data("the of and it was\nThe striker scored a goal in the match\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(rows.count == 2)
        #expect(rows[0]["empty"] as? Bool == true)
        #expect(rows[1]["empty"] == nil)
        #expect(result.stderr.contains("-:1") && result.stderr.contains("empty or stop-word-only"))
        #expect(!result.stderr.contains("-:2"))
    }

    @Test("--threshold abstains with a null label below the given probability")
    func threshold() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let text = Data("The striker scored a goal in the match\n".utf8)
        let strict = try PrecisRunner.run(["classify", "--model", model, "--format", "lines", "--json", "--threshold", "1"], stdin: text)
        #expect(strict.status == 0, "\(strict.stderr)")
        let row = try JSONSerialization.jsonObject(with: Data(strict.stdout.utf8)) as! [String: Any]
        #expect(row["label"] is NSNull)
        let loose = try PrecisRunner.run(["classify", "--model", model, "--format", "lines", "--json", "--threshold", "0"], stdin: text)
        let again = try JSONSerialization.jsonObject(with: Data(loose.stdout.utf8)) as! [String: Any]
        #expect(again["label"] is String)
        let bad = try PrecisRunner.run(["classify", "--model", model, "--threshold", "1.5"], stdin: text)
        #expect(bad.status != 0)
    }

    @Test("evaluate --json reports ece, brier and a reliability table that adds up")
    func calibration() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let result = try PrecisRunner.run(["evaluate", "--model", model, "--data", ClassifierCLIFixtures.path("test.tsv"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let ece = try #require(object["ece"] as? Double), brier = try #require(object["brier"] as? Double)
        #expect((0...1).contains(ece))
        #expect((0...2).contains(brier))
        let table = try #require(object["reliability"] as? [[String: Any]])
        let n = object["n"] as? Int
        #expect(table.reduce(0) { $0 + ($1["count"] as! Int) } == n)
        #expect(object["accuracy"] != nil, "the usual metrics are still there")
    }
}
