import Testing
import Foundation
import PrecisDatasets
import PrecisTestSupport

struct SummaryRecordReaderTests {
    @Test("reads the fixture: ids, escapes, surrogate pairs, nested extras")
    func fixture() throws {
        let path = TestPaths.projectData.appendingPathComponent("fixtures/summaries/samples.jsonl").path
        let records = try SummaryRecordReader.read(path: path)
        #expect(records.map(\.id) == ["river-barrage", "school-meals", "7"])
        #expect(records[0].summarySentences?.count == 2 && records[0].split == "test")
        #expect(records[2].article.hasPrefix("Short note with \\\"escapes\\\" and é accents 😀."))
        #expect(records[2].summary == "A second sentence follows here." && records[2].line == 3)
    }

    static func parse(_ text: String) throws -> [SummaryRecord] {
        try SummaryRecordReader.parse(Data(text.utf8), path: "x.jsonl")
    }

    @Test("errors name the file and line")
    func errors() {
        let cases: [(String, String)] = [
            ("{\"article\":\"a\"}\n{\"article\": \"b\"\n", "x.jsonl:2: invalid JSON: unterminated object"),
            ("{\"id\":\"1\"}\n", "x.jsonl:1: record has no \"article\" string"),
            ("\n[1,2]\n", "x.jsonl:2: expected a JSON object per line"),
            ("{\"article\": 5}\n", "x.jsonl:1: \"article\" must be a string"),
            ("{\"article\":\"ok\"} trailing\n", "x.jsonl:1: invalid JSON: text after the object"),
            ("{\"article\":\"bad \\q escape\"}\n", "x.jsonl:1: invalid JSON escape"),
            ("", "x.jsonl: no records (the file is empty)"),
        ]
        for (input, message) in cases {
            #expect(throws: DatasetError.self) { try Self.parse(input) }
            do { _ = try Self.parse(input) } catch { #expect("\(error)" == message) }
        }
        var bytes = Array("{\"article\":\"".utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8)
        do { _ = try SummaryRecordReader.parse(Data(bytes), path: "y.jsonl"); Issue.record("no error") }
        catch { #expect("\(error)" == "y.jsonl:1: invalid UTF-8") }
        bytes = []
        #expect(throws: DatasetError.self) { try SummaryRecordReader.read(path: "/no/such/file.jsonl") }
    }

    @Test("escapes and null fields")
    func escapes() throws {
        let r = try Self.parse(#"{"id": null, "article": "a\"b\\c\/d\n\t\u00e9\ud83d\ude00", "summary": null}"#)
        #expect(r[0].article == "a\"b\\c/d\n\té😀" && r[0].summary == nil && r[0].id == "null")
    }
}
