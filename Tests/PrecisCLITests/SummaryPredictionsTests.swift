import Foundation
import Testing
import PrecisTestSupport

struct SummaryPredictionsTests {
    static let fixture = TestPaths.projectData.appendingPathComponent("fixtures/summaries/samples.jsonl").path

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("--predictions scores summarize --jsonl output (joined on id) exactly as scoring its own summaries; --per-document writes each")
    func predictions() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summaries = try PrecisRunner.run(["summarize", "--jsonl", Self.fixture, "--sentences", "2"])
        #expect(summaries.status == 0, "\(summaries.stderr)")
        // Reversed order, and one record as a plain "summary" string: the join is on id.
        var lines = summaries.stdout.split(separator: "\n").map(String.init).reversed().map { $0 }
        let first = try Self.object(lines[0])
        let text = ((first["sentences"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }.joined(separator: " ")
        lines[0] = String(data: try JSONSerialization.data(withJSONObject: ["id": first["id"]!, "summary": text]), encoding: .utf8)!
        let pred = dir.appendingPathComponent("pred.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: pred)
        let perDocument = dir.appendingPathComponent("per.jsonl").path

        let own = try Self.object(try PrecisRunner.run(["evaluate-summaries", "--data", Self.fixture, "--sentences", "2", "--json"]).stdout)
        let scored = try PrecisRunner.run(["evaluate-summaries", "--data", Self.fixture, "--predictions", pred.path,
                                           "--per-document", perDocument, "--json"])
        #expect(scored.status == 0, "\(scored.stderr)")
        let theirs = try Self.object(scored.stdout)
        for key in ["rouge1", "rouge2", "rougeL"] {
            #expect((own[key] as? [String: Double]) == (theirs[key] as? [String: Double]), "\(key)")
        }
        let records = try String(contentsOfFile: perDocument, encoding: .utf8).split(separator: "\n")
        #expect(records.count == 3)
        let mean = try records.map { try Self.object(String($0))["rouge1"] as! [String: Double] }.map { $0["f1"]! }.reduce(0, +) / 3
        #expect(abs(mean - (theirs["rouge1"] as! [String: Double])["f1"]!) < 1e-9)
        #expect(try Self.object(String(records[0]))["id"] as? String != nil)
    }

    @Test("a missing prediction, an unknown id and a record without a summary are errors naming the file")
    func errors() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ text: String) throws -> CommandResult {
            let path = dir.appendingPathComponent("p.jsonl")
            try Data(text.utf8).write(to: path)
            return try PrecisRunner.run(["evaluate-summaries", "--data", Self.fixture, "--predictions", path.path])
        }
        let missing = try run("{\"id\":\"river-barrage\",\"summary\":\"x\"}\n")
        #expect(missing.status != 0 && missing.stderr.contains("p.jsonl") && missing.stderr.contains("no prediction for id"))
        let unknown = try run("{\"id\":\"nosuch\",\"summary\":\"x\"}\n")
        #expect(unknown.status != 0 && unknown.stderr.contains("p.jsonl:1") && unknown.stderr.contains("nosuch"))
        let empty = try run("{\"id\":\"river-barrage\"}\n")
        #expect(empty.status != 0 && empty.stderr.contains("p.jsonl:1"))
        let both = try PrecisRunner.run(["evaluate-summaries", "--data", Self.fixture, "--predictions", "x", "--sentences", "2"])
        #expect(both.status != 0)
    }
}
