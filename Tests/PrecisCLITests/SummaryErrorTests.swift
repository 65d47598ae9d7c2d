import Testing
import Foundation
import PrecisTestSupport

/// Bad input to the summariser commands: a clear message or an honest empty result, never a crash.
struct SummaryErrorTests {
    static let sample = TestPaths.projectData.appendingPathComponent("samples/school-meals.txt").path

    @Test("empty and whitespace-only input: empty summary, exit 0, a note on stderr")
    func empty() throws {
        for input in ["", "  \n\t \r\n"] {
            let r = try PrecisRunner.run(["summarize"], stdin: Data(input.utf8))
            #expect(r.status == 0 && r.stdout.isEmpty)
            #expect(r.stderr.contains("empty"))
        }
        let k = try PrecisRunner.run(["keywords"], stdin: Data())
        #expect(k.status == 0 && k.stdout.isEmpty)
    }

    @Test("binary or invalid UTF-8 input: one-line error naming the input, exit 1")
    func binary() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("image.bin")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0xFF]).write(to: file)
        let r = try PrecisRunner.run(["summarize", file.path])
        #expect(r.status == 1 && r.stderr.contains(file.path) && r.stderr.contains("binary"))
        let s = try PrecisRunner.run(["keywords"], stdin: Data([0xC3, 0x28, 0x41]))
        #expect(s.status == 1 && s.stderr.contains("UTF-8"))
    }

    @Test("a single 2 MB line without punctuation: empty summary, exit 0, quickly")
    func runOnLine() throws {
        let line = String(repeating: "lorem ipsum dolor ", count: 120_000)
        let r = try PrecisRunner.run(["summarize", "--json"], stdin: Data(line.utf8))
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["summary"] as? String == "")
        #expect(r.stderr.contains("no sentence"))
    }

    @Test("--sentences 0, negative values and bad flags are usage errors")
    func flags() throws {
        let zero = try PrecisRunner.run(["summarize", Self.sample, "--sentences", "0"])
        #expect(zero.status != 0 && zero.stdout.isEmpty && zero.stderr.contains("--sentences must be at least 1"))
        #expect(zero.stderr.contains("Usage: precis summarize"))
        for args in [["--sentences", "-1"], ["--ratio", "0"], ["--ratio", "1.5"], ["--words", "-5"],
                     ["--sentences", "2", "--words", "10"], ["--method", "nonsense"]] {
            let r = try PrecisRunner.run(["summarize", Self.sample] + args)
            #expect(r.status != 0 && r.stderr.contains("Error:"), "\(args)")
        }
        let k = try PrecisRunner.run(["keywords", Self.sample, "--top", "-3"])
        #expect(k.status != 0 && k.stderr.contains("--top"))
    }

    @Test("missing files and directories are named")
    func missing() throws {
        let r = try PrecisRunner.run(["summarize", "/no/such/article.txt"])
        #expect(r.status == 1 && r.stderr.contains("/no/such/article.txt"))
        let d = try PrecisRunner.run(["summarize", NSTemporaryDirectory()])
        #expect(d.status == 1 && d.stderr.contains("directory"))
        let j = try PrecisRunner.run(["summarize", "--jsonl", "/no/such/batch.jsonl"])
        #expect(j.status == 1 && j.stderr.contains("/no/such/batch.jsonl"))
    }

    @Test("a malformed JSONL line is reported with file and line")
    func badJSONL() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.jsonl")
        try Data("{\"id\":\"a\",\"article\":\"One. Two.\",\"summary\":\"One.\"}\n{\"id\":\"b\",\"article\":\n".utf8).write(to: file)
        for command in [["summarize", "--jsonl", file.path], ["evaluate-summaries", "--data", file.path]] {
            let r = try PrecisRunner.run(command)
            #expect(r.status == 1 && r.stderr.contains("\(file.path):2:"), "\(command)")
        }
        let noSummary = dir.appendingPathComponent("nosummary.jsonl")
        try Data("{\"id\":\"a\",\"article\":\"One sentence here.\"}\n".utf8).write(to: noSummary)
        let r = try PrecisRunner.run(["evaluate-summaries", "--data", noSummary.path])
        #expect(r.status == 1 && r.stderr.contains("\(noSummary.path):1:") && r.stderr.contains("summary"))
    }
}
