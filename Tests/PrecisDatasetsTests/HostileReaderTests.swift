import Foundation
import Testing
import PrecisDatasets
import PrecisTestSupport

/// Readers never merge distinct labels, never read one document where there are
/// several, and explain every refusal with the file and line (issue 16).
struct HostileReaderTests {
    func bytes(_ s: String) -> Data { Data(s.utf8) }

    func message(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch { return String(describing: error) }
    }

    @Test("JSONL integer labels beyond 2^53 keep every digit")
    func bigIntegers() throws {
        let docs = try JSONLReader.parse(bytes("""
        {"label": 12345678901234567890, "text": "a"}
        {"label": 12345678901234567891, "text": "b"}
        {"label": 3, "text": "c"}
        {"label": 3.0, "text": "d"}
        {"label": -0, "text": "e"}
        {"label": 0.1, "text": "f"}
        {"label": 0.10000000000000001, "text": "g"}
        {"label": 2.50, "text": "h"}
        """), path: "x.jsonl")
        #expect(docs.map(\.label) == ["12345678901234567890", "12345678901234567891", "3", "3", "0",
                                      "0.1", "0.10000000000000001", "2.5"])
    }

    @Test("JSONL: strings with escapes, unknown keys skipped, duplicate label key refused")
    func jsonDetails() throws {
        let docs = try JSONLReader.parse(bytes(#"{"id": [1, {"x": null}], "l\u0061bel": "sp\u00f6rt", "text": "line\nnext \ud83d\ude00"}"#),
                                         path: "x.jsonl")
        #expect(docs == [LabeledDocument(label: "spört", text: "line\nnext 😀")])
        #expect(message { try JSONLReader.parse(bytes(#"{"label": "a", "label": "b", "text": "t"}"#), path: "x.jsonl") }
                == "x.jsonl:1: duplicate key 'label'")
        #expect(message { try JSONLReader.parse(bytes(#"{"label": "a", "text": "t"} x"#), path: "x.jsonl") }?
                .hasPrefix("x.jsonl:1: invalid JSON") == true)
        #expect(message { try JSONLReader.parse(bytes(#"{"label": 01, "text": "t"}"#), path: "x.jsonl") } != nil)
    }

    @Test("JSON nesting is bounded (no deep recursion)")
    func nesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = message { try JSONLReader.parse(bytes(#"{"label": "a", "text": "t", "x": \#(deep)}"#), path: "x.jsonl") }
        #expect(error?.hasPrefix("x.jsonl:1: JSON nested more than 64 levels deep") == true, "\(error ?? "")")
        let summary = message { try SummaryRecordReader.parse(bytes(#"{"article": "a", "x": \#(deep)}"#), path: "s.jsonl") }
        #expect(summary?.contains("nested") == true)
    }

    @Test("one or several byte-order marks are skipped: no third class")
    func doubledBOM() throws {
        let bom = "\u{FEFF}"
        let docs = try TSVReader.parse(bytes(bom + bom + "sport\tA match.\nbusiness\tShares.\nsport\tA goal.\n"), path: "x.tsv")
        #expect(Set(docs.map(\.label)) == ["sport", "business"])
        let csv = try CSVReader.parse(bytes(bom + bom + "label,text\nsport,a\n"), path: "x.csv")
        #expect(csv.map(\.label) == ["sport"])
        let jsonl = try JSONLReader.parse(bytes(bom + bom + #"{"label":"sport","text":"a"}"#), path: "x.jsonl")
        #expect(jsonl.map(\.label) == ["sport"])
        // Invisible characters around a label never make a second class.
        let padded = try TSVReader.parse(bytes("\u{200B}sport\u{FEFF}\tx\nsport\ty\n"), path: "x.tsv")
        #expect(Set(padded.map(\.label)) == ["sport"])
    }

    @Test("CR-only line ends read line by line, with accurate line numbers")
    func crOnly() throws {
        let tsv = try TSVReader.parse(bytes("sport\tA match.\rbusiness\tShares.\rsport\tA goal.\r"), path: "x.tsv")
        #expect(tsv.map(\.label) == ["sport", "business", "sport"])
        #expect(message { try TSVReader.parse(bytes("sport\ta\rnotab\rbusiness\tb\r"), path: "x.tsv") }
                == "x.tsv:2: expected label<TAB>text, found no TAB")
        let csv = try CSVReader.parse(bytes("label,text\rsport,\"a\rb\"\rbusiness,c\r"), path: "x.csv")
        #expect(csv == [LabeledDocument(label: "sport", text: "a\rb"), LabeledDocument(label: "business", text: "c")])
        #expect(message { try CSVReader.parse(bytes("label,text\rsport,a\rx\r"), path: "x.csv") }?
                .hasPrefix("x.csv:3: expected 2 fields") == true)
        let jsonl = try JSONLReader.parse(bytes(#"{"label":"a","text":"x"}"# + "\r" + #"{"label":"b","text":"y"}"#), path: "x.jsonl")
        #expect(jsonl.map(\.label) == ["a", "b"])
        let records = try SummaryRecordReader.parse(bytes(#"{"article":"a"}"# + "\r" + #"{"article":"b"}"# + "\r\n"), path: "s.jsonl")
        #expect(records.map(\.article) == ["a", "b"])
        #expect(records.map(\.line) == [1, 2])
        // Mixed: CRLF stays one line end.
        #expect(try TSVReader.parse(bytes("a\tx\r\nb\ty\r\n"), path: "x.tsv").count == 2)
    }

    @Test("line and field lengths are bounded by configurable limits")
    func limits() throws {
        var limits = ReaderLimits()
        limits.maximumLineBytes = 100
        limits.maximumFieldBytes = 50
        let long = String(repeating: "x", count: 200)
        #expect(message { try TSVReader.parse(bytes("a\tb\nsport\t\(long)\n"), path: "x.tsv", limits: limits) }?
                .hasPrefix("x.tsv:2: line of 206 bytes exceeds the limit of 100 bytes") == true)
        #expect(message { try TSVReader.parse(bytes("sport\t\(String(long.prefix(60)))\n"), path: "x.tsv", limits: limits) }?
                .hasPrefix("x.tsv:1: field of 60 bytes") == true)
        #expect(message { try CSVReader.parse(bytes("label,text\nsport,\"\(long)\"\n"), path: "x.csv", limits: limits) }?
                .hasPrefix("x.csv:2: field of 51 bytes") == true)
        #expect(message { try JSONLReader.parse(bytes(#"{"label":"a","text":"\#(String(long.prefix(60)))"}"#), path: "x.jsonl", limits: limits) }?
                .hasPrefix("x.jsonl:1: field of 60 bytes") == true)
        #expect(ReaderLimits.standard.maximumLineBytes == 64 << 20)
    }

    @Test("--label-column / --text-column with TSV or a directory is refused, not ignored")
    func columnsForTSV() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("d.tsv").path
        try "sport\ta\nbusiness\tb\n".write(toFile: path, atomically: false, encoding: .utf8)
        let error = message { try LabeledDataset.read(path: path, labelColumn: "topic") }
        #expect(error?.hasPrefix("\(path): a label column can only be chosen for CSV or JSONL data") == true, "\(error ?? "")")
        #expect(message { try LabeledDataset.readTexts(path: path, textColumn: "body") } != nil)
        #expect(try LabeledDataset.read(path: path).count == 2)
    }

    @Test("a device is not read as data (it would never end)")
    func notRegular() throws {
        #expect(message { try TSVReader.read(path: "/dev/zero") }?.contains("not a regular file") == true)
        #expect(message { try LabeledDataset.read(path: "/dev/zero", format: .jsonl) }?.contains("not a regular file") == true)
    }
}
