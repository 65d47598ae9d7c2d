import Foundation
import Testing
import PrecisDatasets
import PrecisTestSupport

/// The readers that used to bypass the exact JSON reader or the limits: multi-label JSONL
/// (Foundation's parser: labels through `Double`), predicted summaries' ids, and the
/// document splitting of `classify` (no `--max-line-bytes`).
struct ReaderLimitsEverywhereTests {
    func file(_ name: String, _ text: String) throws -> (dir: URL, path: String) {
        let dir = TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    @Test("multi-label JSONL labels beyond UInt64 keep every digit, in arrays and as strings")
    func multiLabelExact() throws {
        let (dir, path) = try file("m.jsonl", """
        {"labels": [123456789012345678901234567890, 123456789012345678901234567891], "text": "a"}
        {"labels": [3.0, 2.50, "x"], "text": "b"}
        {"label": 98765432109876543210987, "text": "c"}
        """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let docs = try MultiLabelDataset.read(path: path)
        #expect(docs.map(\.labels) == [["123456789012345678901234567890", "123456789012345678901234567891"],
                                       ["3", "2.5", "x"], ["98765432109876543210987"]])
    }

    @Test("multi-label JSONL: true/false/null are not labels, deep nesting is refused with the line")
    func multiLabelRefusals() throws {
        let (dir, path) = try file("m.jsonl", "{\"labels\": [true], \"text\": \"a\"}\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: DatasetError.self) { try MultiLabelDataset.read(path: path) }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let (dir2, path2) = try file("d.jsonl", "{\"labels\": [\"a\"], \"text\": \"a\"}\n{\"labels\": \(deep), \"text\": \"b\"}\n")
        defer { try? FileManager.default.removeItem(at: dir2) }
        do { _ = try MultiLabelDataset.read(path: path2); Issue.record("accepted 10,000 levels") } catch {
            #expect("\(error)".contains("d.jsonl:2"), "\(error)")
            #expect("\(error)".contains("nested"), "\(error)")
        }
    }

    @Test("multi-label reading honours the line limit")
    func multiLabelLimit() throws {
        let (dir, path) = try file("m.jsonl", "{\"labels\": [\"a\"], \"text\": \"\(String(repeating: "x", count: 500))\"}\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let limits = ReaderLimits(maximumLineBytes: 100, maximumFieldBytes: 100)
        do { _ = try MultiLabelDataset.read(path: path, limits: limits); Issue.record("accepted a 500-byte line") } catch {
            #expect("\(error)".contains("m.jsonl:1") && "\(error)".contains("--max-line-bytes"), "\(error)")
        }
        #expect(try MultiLabelDataset.read(path: path).count == 1)
    }

    @Test("document splitting (classify) honours the line limit for JSONL, TSV, lines and CSV")
    func documentSourceLimit() throws {
        let long = String(repeating: "y", count: 300)
        let limits = ReaderLimits(maximumLineBytes: 100, maximumFieldBytes: 100)
        for (name, text) in [("a.jsonl", "{\"text\": \"\(long)\"}\n"), ("a.tsv", "x\t\(long)\n"),
                             ("a.csv", "text\n\"\(long)\"\n")] {
            let (dir, path) = try file(name, text)
            defer { try? FileManager.default.removeItem(at: dir) }
            #expect(try DocumentSource(paths: [path]).documents().count == 1)
            do { _ = try DocumentSource(paths: [path], limits: limits).documents(); Issue.record("\(name): accepted") } catch {
                #expect("\(error)".contains(name), "\(error)")
            }
        }
    }

    @Test("document ids and predicted-summary ids keep every digit")
    func exactIDs() throws {
        let (dir, path) = try file("p.jsonl", """
        {"id": 123456789012345678901234567890, "summary": "a"}
        {"id": 123456789012345678901234567891, "summary": "b"}
        """)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try PredictedSummary.read(path: path).map(\.id) == ["123456789012345678901234567890", "123456789012345678901234567891"])
        let docs = try DocumentSource(paths: [path], textColumn: "summary").documents()
        #expect(docs.map(\.source) == ["123456789012345678901234567890", "123456789012345678901234567891"])
    }
}
