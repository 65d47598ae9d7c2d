import Foundation
import Testing
import PrecisTestSupport

/// The rough edges a new user hits (issue 14): help topics, option spellings, fields, CSV.
struct CLIRoughEdgesTests {
    @Test("unknown help topics exit non-zero naming the topic; known ones (and aliases) print their help")
    func helpTopics() throws {
        let bad = try PrecisRunner.run(["help", "nosuch"])
        #expect(bad.status != 0 && bad.stderr.contains("nosuch") && bad.stdout.isEmpty)
        let good = try PrecisRunner.run(["help", "train"])
        #expect(good.status == 0 && good.stdout.contains("precis train"))
        let alias = try PrecisRunner.run(["help", "summarise"])
        #expect(alias.status == 0 && alias.stdout.contains("Summarise an article"))
    }

    @Test("summarise is an alias of summarize")
    func summariseAlias() throws {
        let text = "The council approved the new bridge on Monday. Work starts in May. The mayor welcomed the vote.\n"
        let british = try PrecisRunner.run(["summarise", "--sentences", "1"], stdin: Data(text.utf8))
        let american = try PrecisRunner.run(["summarize", "--sentences", "1"], stdin: Data(text.utf8))
        #expect(british.status == 0 && !british.stdout.isEmpty && british.stdout == american.stdout)
    }

    @Test("--ngram-range N means 1,N; A,B stays A,B; reversed ranges are usage errors")
    func ngramRange() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = ClassifierCLIFixtures.path("train.tsv")
        func vocabulary(_ range: String) throws -> [String] {
            let out = dir.appendingPathComponent(range).path
            let r = try PrecisRunner.run(["vectorize", "--data", data, "--output", out, "--ngram-range", range])
            #expect(r.status == 0, "\(r.stderr)")
            return try String(contentsOfFile: out + "/vocabulary.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        }
        let two = try vocabulary("2"), oneTwo = try vocabulary("1,2"), onlyTwo = try vocabulary("2,2")
        #expect(two == oneTwo)
        #expect(two.contains { !$0.contains(" ") } && !onlyTwo.contains { !$0.contains(" ") })
        let reversed = try PrecisRunner.run(["vectorize", "--data", data, "--output", dir.path, "--ngram-range", "2,1"])
        #expect(reversed.status != 0 && reversed.stderr.contains("Usage: precis vectorize"))
    }

    @Test("--text-field and --id-field pick JSONL keys for classify and summarize/segment/keywords --jsonl; classify reads CSV")
    func fields() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let jsonl = dir.appendingPathComponent("news.jsonl")
        try Data("{\"doc_id\":\"a1\",\"id\":\"other\",\"body\":\"The striker scored twice in the cup final. The crowd sang. The match ended late.\"}\n".utf8).write(to: jsonl)
        let summary = try PrecisRunner.run(["summarize", "--jsonl", jsonl.path, "--text-field", "body", "--id-field", "doc_id", "--sentences", "1"])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("\"id\":\"a1\"") && summary.stdout.contains("striker"))
        let missing = try PrecisRunner.run(["summarize", "--jsonl", jsonl.path])
        #expect(missing.status != 0 && missing.stderr.contains("article"))
        // segment and keywords --jsonl take the same keys.
        for command in ["segment", "keywords"] {
            let out = try PrecisRunner.run([command, "--jsonl", jsonl.path, "--text-field", "body", "--id-field", "doc_id"])
            #expect(out.status == 0 && out.stdout.hasPrefix("{") && out.stdout.contains("\"id\":\"a1\""), "\(command): \(out.stdout) \(out.stderr)")
            let stray = try PrecisRunner.run([command, "--text-field", "body"], stdin: Data("Some text.".utf8))
            #expect(stray.status != 0 && stray.stderr.contains("apply to --jsonl input"), "\(command): \(stray.stderr)")
        }
        let classified = try PrecisRunner.run(["classify", jsonl.path, "--text-field", "body", "--id-field", "doc_id", "--json"])
        #expect(classified.status == 0 && classified.stdout.contains("\"source\":\"a1\""), "\(classified.stderr)")
        let csv = dir.appendingPathComponent("news.csv")
        try Data("body,label\n\"The striker scored, twice, in the final\",sport\n\"Shares fell on the stock market as profits slumped\",business\n".utf8).write(to: csv)
        let rows = try PrecisRunner.run(["classify", csv.path, "--text-field", "body"])
        #expect(rows.status == 0, "\(rows.stderr)")
        #expect(rows.stdout.split(separator: "\n").map { $0.split(separator: "\t").last.map(String.init) } == ["sport", "business"])
        // --id-field names a CSV column too: each row's source is its id.
        let ids = try PrecisRunner.run(["classify", csv.path, "--text-field", "body", "--id-field", "label"])
        #expect(ids.status == 0 && ids.stdout == "sport\tsport\nbusiness\tbusiness\n", "\(ids.stdout) \(ids.stderr)")
        let noColumn = try PrecisRunner.run(["classify", csv.path, "--text-field", "body", "--id-field", "doc"])
        #expect(noColumn.status != 0 && noColumn.stderr.contains("no column named 'doc'"))
    }
}
