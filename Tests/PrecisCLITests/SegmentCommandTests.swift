import Testing
import Foundation
import PrecisTestSupport

/// `precis segment`, and the language and length options of the other text commands, run as a user would.
struct SegmentCommandTests {
    static func sample(_ name: String) -> String {
        TestPaths.projectData.appendingPathComponent("samples/\(name)").path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("at least 47 of the 48 English Golden Rules through precis segment --json")
    func goldenRules() throws {
        let url = TestPaths.projectData.appendingPathComponent("fixtures/segmentation/english-golden-rules.jsonl")
        var passed = 0, total = 0
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let rule = try Self.json(String(line))
            let text = try #require(rule["text"] as? String)
            let r = try PrecisRunner.run(["segment", "--json"], stdin: Data(text.utf8))
            #expect(r.status == 0)
            let got = try #require(try Self.json(r.stdout)["sentences"] as? [[String: Any]]).map { $0["text"] as? String ?? "" }
            total += 1
            if got == rule["sentences"] as? [String] { passed += 1 }
        }
        #expect(total == 48 && passed >= 47)
    }

    @Test("plain output: every sentence on its own line, nothing filtered")
    func plain() throws {
        let text = "Headline without a stop\nShare this article\nSame sentence here. Same sentence here. Last one."
        let r = try PrecisRunner.run(["segment", "-"], stdin: Data(text.utf8))
        #expect(r.status == 0)
        #expect(r.stdout == "Headline without a stop\nShare this article\nSame sentence here.\nSame sentence here.\nLast one.\n")
    }

    @Test("--json: sentences with text, start and end in Unicode scalars, and the language")
    func jsonOffsets() throws {
        let text = "Über 25 Mio. Euro wurden am 1. September gezahlt. „Gut so“, sagte er. Die Stadt freut sich."
        let r = try PrecisRunner.run(["segment", "--json"], stdin: Data(text.utf8))
        #expect(r.status == 0)
        let object = try Self.json(r.stdout)
        #expect(Set(object.keys) == ["sentences", "language"])
        #expect(object["language"] as? String == "de")
        let sentences = try #require(object["sentences"] as? [[String: Any]])
        #expect(sentences.count == 3)
        let scalars = Array(text.unicodeScalars)
        for s in sentences {
            let start = try #require(s["start"] as? Int), end = try #require(s["end"] as? Int)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == s["text"] as? String)
        }
    }

    @Test("--language and --line-breaks are honoured; bad values are one-line errors")
    func options() throws {
        let wrapped = "It was a long day for the\ncouncil, which met until\nlate in the evening."
        let joined = try PrecisRunner.run(["segment", "-", "--line-breaks", "paragraph"], stdin: Data(wrapped.utf8))
        #expect(joined.stdout == "It was a long day for the council, which met until late in the evening.\n")
        let lines = try PrecisRunner.run(["segment", "-", "--line-breaks", "sentence"], stdin: Data(wrapped.utf8))
        #expect(lines.stdout.split(separator: "\n").count == 3)
        let fr = try PrecisRunner.run(["segment", "-", "--language", "fr", "--json"], stdin: Data("M. Dupont est là. Il attend.".utf8))
        #expect(try Self.json(fr.stdout)["language"] as? String == "fr")
        let bad = try PrecisRunner.run(["segment", "-", "--language", "xx"], stdin: Data("Hi.".utf8))
        #expect(bad.status != 0 && bad.stderr.contains("xx"))
        let missing = try PrecisRunner.run(["segment", "/no/such/file.txt"])
        #expect(missing.status != 0 && missing.stderr.contains("/no/such/file.txt"))
        let binary = try PrecisRunner.run(["segment", "-"], stdin: Data([0x41, 0x00, 0x42]))
        #expect(binary.status != 0 && binary.stderr.contains("<stdin>"))
    }

    @Test("--jsonl: one object per record with id, sentences and language")
    func jsonl() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.jsonl").path
        try "{\"id\":\"a\",\"article\":\"One. Two.\"}\n{\"id\":\"b\",\"article\":\"Der Hund schläft. Die Katze auch.\"}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = try PrecisRunner.run(["segment", "--jsonl", path])
        #expect(r.status == 0)
        let rows = try r.stdout.split(separator: "\n").map { try Self.json(String($0)) }
        #expect(rows.map { $0["id"] as? String } == ["a", "b"])
        #expect(rows.map { ($0["sentences"] as? [Any])?.count } == [2, 2])
        #expect(rows[1]["language"] as? String == "de")
    }

    @Test("summarize --words is a hard limit; --truncate; --sentences reports requested and returned")
    func summaryLengths() throws {
        let five = try PrecisRunner.run(["summarize", Self.sample("river-barrage.txt"), "--words", "5"])
        #expect(five.status == 0 && five.stdout.split(whereSeparator: \.isWhitespace).count <= 5)
        let cut = try PrecisRunner.run(["summarize", Self.sample("river-barrage.txt"), "--words", "8", "--truncate", "--json"])
        let object = try Self.json(cut.stdout)
        let texts = (object["sentences"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(texts.filter { $0.hasSuffix("…") }.count == 1 && object["truncated"] as? Bool == true)
        #expect((object["summary"] as? String ?? "").split(whereSeparator: \.isWhitespace).count <= 8)
        let many = try PrecisRunner.run(["summarize", Self.sample("river-barrage.txt"), "--sentences", "40", "--json"])
        let m = try Self.json(many.stdout)
        #expect(m["requested"] as? Int == 40 && (m["returned"] as? Int ?? 99) < 40)
        #expect(many.stderr.contains("of the 40 sentences requested"))
        let barrage = try PrecisRunner.run(["summarize", Self.sample("river-barrage.txt"), "--words", "50"])
        #expect(!barrage.stdout.split(separator: "\n").contains("Mr."))
    }

    @Test("keywords and summaries of non-English samples use the detected language")
    func languages() throws {
        let k = try PrecisRunner.run(["keywords", Self.sample("port-fete.fr.txt"), "--top", "10"])
        #expect(k.status == 0)
        for phrase in k.stdout.split(separator: "\n") {
            let words = phrase.split(separator: " ")
            #expect(!["les", "des", "la", "le", "de"].contains(String(words.first!)) && !["les", "des", "la", "le", "de"].contains(String(words.last!)))
        }
        let s = try PrecisRunner.run(["summarize", Self.sample("hafen-fest.de.txt"), "--json"])
        let object = try Self.json(s.stdout)
        #expect(object["language"] as? String == "de")
        #expect(!(object["summary"] as? String ?? "").contains(" z.\n"))
        let v = try PrecisRunner.run(["evaluate-summaries", "--help"])
        #expect(v.stdout.contains("--language"))
        let kj = try PrecisRunner.run(["keywords", Self.sample("hafen-fest.de.txt"), "--json"])
        #expect(try Self.json(kj.stdout)["language"] as? String == "de")
    }

    @Test("vectorize --stop-words LANG uses Snowball's list for that language")
    func stopWordsLanguage() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("de.tsv").path
        try "a\tDer Hund und die Katze schlafen\nb\tDie Katze und der Vogel singen\n".write(toFile: data, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try PrecisRunner.run(["vectorize", "--data", data, "--output", out.path, "--stop-words", "de"])
        #expect(r.status == 0)
        let vocabulary = try String(contentsOf: out.appendingPathComponent("vocabulary.txt"), encoding: .utf8).split(separator: "\n")
        #expect(!vocabulary.contains("und") && !vocabulary.contains("die") && vocabulary.contains("katze"))
    }
}
