import Testing
import Foundation
import PrecisTestSupport

/// `precis summarize` and `precis keywords`, run as a user would.
struct SummarizeCommandTests {
    static func sample(_ name: String) -> String {
        TestPaths.projectData.appendingPathComponent("samples/\(name)").path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("a text file: three sentences, one per line, in document order")
    func textFile() throws {
        let r = try PrecisRunner.run(["summarize", Self.sample("river-barrage.txt")])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let article = try String(contentsOfFile: Self.sample("river-barrage.txt"), encoding: .utf8)
        let positions = lines.compactMap { article.range(of: String($0))?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted())
    }

    @Test("--json has summary and sentences with index, text and score")
    func json() throws {
        let r = try PrecisRunner.run(["summarize", Self.sample("school-meals.txt"), "--sentences", "2", "--json"])
        #expect(r.status == 0)
        let object = try Self.json(r.stdout)
        let sentences = try #require(object["sentences"] as? [[String: Any]])
        #expect(sentences.count == 2)
        for s in sentences {
            #expect(s["index"] is Int && s["text"] is String && s["score"] is Double)
        }
        #expect(object["summary"] as? String == sentences.map { $0["text"] as! String }.joined(separator: " "))
    }

    @Test("standard input, --ratio and --words")
    func stdinAndLengths() throws {
        let text = try Data(contentsOf: URL(fileURLWithPath: Self.sample("river-barrage.txt")))
        let a = try PrecisRunner.run(["summarize", "-", "--words", "40"], stdin: text)
        #expect(a.status == 0 && !a.stdout.isEmpty)
        #expect(a.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).count <= 40)
        let b = try PrecisRunner.run(["summarize", "--ratio", "0.5", "--method", "lexrank"], stdin: text)
        #expect(b.status == 0 && b.stdout.split(separator: "\n").count >= 2)
        for method in ["lead", "textrank", "lexrank", "positional"] {
            let c = try PrecisRunner.run(["summarize", "--method", method, "--sentences", "1"], stdin: text)
            #expect(c.status == 0 && c.stdout.split(separator: "\n").count == 1)
        }
    }

    @Test("HTML is detected and stripped; furniture never appears")
    func html() throws {
        let r = try PrecisRunner.run(["summarize", Self.sample("harbour-festival.html"), "--sentences", "5"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("<") && !r.stdout.contains("&#") && !r.stdout.contains("analytics"))
        #expect(!r.stdout.contains("Last Updated") && !r.stdout.contains("Share this") && !r.stdout.contains("By Joanna"))
        #expect(r.stdout.contains("O’Neill") || r.stdout.contains("85,000"))
    }

    @Test("--jsonl: one object per record, ids in input order, same bytes every run")
    func jsonl() throws {
        let path = TestPaths.projectData.appendingPathComponent("fixtures/summaries/samples.jsonl").path
        let a = try PrecisRunner.run(["summarize", "--jsonl", path, "--sentences", "2"])
        let b = try PrecisRunner.run(["summarize", "--jsonl", path, "--sentences", "2"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        let lines = a.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let objects = try lines.map(Self.json)
        #expect(objects.map { $0["id"] as? String } == ["river-barrage", "school-meals", "7"])
        #expect(objects.allSatisfy { $0["summary"] is String && ($0["sentences"] as? [Any])?.count == 2 })
    }

    @Test("keywords: --top and --json")
    func keywords() throws {
        let r = try PrecisRunner.run(["keywords", Self.sample("river-barrage.txt"), "--top", "4"])
        #expect(r.status == 0 && r.stdout.split(separator: "\n").count == 4)
        let j = try PrecisRunner.run(["keywords", Self.sample("school-meals.txt"), "--json"])
        let list = try #require(try Self.json(j.stdout)["keywords"] as? [[String: Any]])
        #expect(list.count == 10 && list.allSatisfy { $0["text"] is String && $0["score"] is Double && $0["count"] is Int })
    }
}
