import Foundation
import Testing
import PrecisDatasets
import PrecisTestSupport

/// Unlabelled documents from files, rows and directories.
struct DocumentSourceTests {
    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("whole files, TSV rows, JSONL rows (sourced by id), CSV rows and lines")
    func layouts() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try write("One whole\narticle.", "a.txt", in: dir)
        let tsv = try write("sport\tThe match.\n\n  \nFood without label\r\n", "b.tsv", in: dir)
        let jsonl = try write("{\"id\":\"x1\",\"text\":\"First.\"}\n{\"article\":\"Second.\"}\n", "c.jsonl", in: dir)
        let csv = try write("label,text\nsport,\"A, quoted\nfield\"\ntech,Plain\n", "d.csv", in: dir)
        let docs = try DocumentSource(paths: [text, tsv, jsonl, csv]).documents()
        #expect(docs == [
            SourcedDocument(source: text, text: "One whole\narticle."),
            SourcedDocument(source: "\(tsv):1", text: "The match."),
            SourcedDocument(source: "\(tsv):4", text: "Food without label"),
            SourcedDocument(source: "x1", text: "First."),
            SourcedDocument(source: "\(jsonl):2", text: "Second."),
            SourcedDocument(source: "\(csv):2", text: "A, quoted\nfield"),
            SourcedDocument(source: "\(csv):4", text: "Plain"),
        ])
        let lines = try DocumentSource(paths: [text], layout: .lines).documents()
        #expect(lines.map(\.text) == ["One whole", "article."])
    }

    @Test("a directory gives each .txt file below it, in byte order, hidden ones skipped")
    func directory() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try write("B", "sub/b.txt", in: dir)
        _ = try write("A", "a.txt", in: dir)
        _ = try write("hidden", ".git/c.txt", in: dir)
        _ = try write("not text", "d.bin", in: dir)
        let docs = try DocumentSource(paths: [dir.path]).documents()
        #expect(docs.map(\.text) == ["A", "B"])
        #expect(throws: DatasetError.self) { try DocumentSource(paths: [dir.path], layout: .tsv).documents() }
    }

    @Test("errors name the file and line")
    func errors() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let jsonl = try write("{\"text\":\"ok\"}\n[1]\n", "bad.jsonl", in: dir)
        #expect(throws: DatasetError(path: jsonl, line: 2, "expected a JSON object")) { try DocumentSource(paths: [jsonl]).documents() }
        let noText = try write("{\"body\":\"ok\"}\n", "no-text.jsonl", in: dir)
        let error = #expect(throws: DatasetError.self) { try DocumentSource(paths: [noText]).documents() }
        #expect(error?.line == 1 && error?.message.contains("\"text\" or \"article\"") == true)
        #expect(throws: DatasetError(path: "/no/such.txt", "no such file or directory")) {
            try DocumentSource(paths: ["/no/such.txt"]).documents()
        }
        let bad = dir.appendingPathComponent("bad.txt")
        try Data([0x41, 0xFF]).write(to: bad)
        #expect(throws: DatasetError(path: bad.path, "invalid UTF-8")) { try DocumentSource(paths: [bad.path]).documents() }
    }

    @Test("one text for the summariser: BOM dropped, HTML reduced, binary data and directories refused")
    func text() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try write("\u{FEFF}Hello there.", "p.txt", in: dir)
        #expect(try DocumentSource.text(at: plain) == SourcedDocument(source: plain, text: "Hello there."))
        let html = try write("<!DOCTYPE html><html><body><p>First paragraph here.</p><script>x()</script></body></html>", "h.html", in: dir)
        let reduced = try DocumentSource.text(at: html).text
        #expect(reduced.contains("First paragraph here.") && !reduced.contains("<") && !reduced.contains("x()"))
        let binary = dir.appendingPathComponent("b.bin")
        try Data([0x41, 0x00, 0x42]).write(to: binary)
        #expect(throws: DatasetError.self) { try DocumentSource.text(at: binary.path) }
        let directory = #expect(throws: DatasetError.self) { try DocumentSource.text(at: dir.path) }
        #expect(directory?.message.contains("directory") == true)
    }
}
