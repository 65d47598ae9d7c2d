import Testing
import Foundation
@testable import PrecisDatasets
import PrecisTestSupport

/// The stream readers: blocks of whole lines in bounded memory, line numbers,
/// bad lines (stop or skip), FIFOs.
struct StreamReaderTests {
    static func temporaryFile(_ text: String, name: String = "stream.txt") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("precis-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Every (line number, text) the stream hands out, and the blocks' byte sizes.
    static func lines(_ path: String, blockBytes: Int) throws -> (lines: [(Int, String)], blocks: [Int]) {
        let stream = try LineStream(path: path, blockBytes: blockBytes)
        var lines: [(Int, String)] = [], blocks: [Int] = []
        while let block = try stream.nextBlock() {
            blocks.append(block.byteCount)
            for k in 0..<block.count {
                lines.append((block.lineNumber(k), block.withLine(k) { String(decoding: $0, as: UTF8.self) }))
            }
        }
        return (lines, blocks)
    }

    @Test("lines keep their file line numbers across small blocks; blank lines, CRLF, lone CR and a BOM as the file readers")
    func lineNumbers() throws {
        let text = "\u{FEFF}one\r\ntwo\n\n   \nthree\rfour\nfive"
        let path = try Self.temporaryFile(text)
        for blockBytes in [1, 3, 7, 64, 1 << 20] {
            let (lines, blocks) = try Self.lines(path, blockBytes: blockBytes)
            #expect(lines.map(\.1) == ["one", "two", "three", "four", "five"], "block \(blockBytes)")
            #expect(lines.map(\.0) == [1, 2, 5, 6, 7], "block \(blockBytes)")
            // Bounded: no block holds much more than asked for (one line at most beyond it).
            #expect(blocks.allSatisfy { $0 <= max(blockBytes, 1 << 16) + 16 })
        }
    }

    @Test("a line over the limit is an error naming its line")
    func longLine() throws {
        let path = try Self.temporaryFile("short\n" + String(repeating: "x", count: 5000) + "\nafter\n")
        let stream = try LineStream(path: path, blockBytes: 64, maximumLineBytes: 1000)
        #expect(throws: DatasetError.self) {
            while try stream.nextBlock() != nil {}
        }
        do {
            let again = try LineStream(path: path, blockBytes: 64, maximumLineBytes: 1000)
            while try again.nextBlock() != nil {}
        } catch let error as DatasetError {
            #expect(error.line == 2 && error.path == path)
        }
    }

    @Test("a directory and a missing file are refused with their name")
    func refused() throws {
        #expect(throws: DatasetError.self) { try LineStream(path: FileManager.default.temporaryDirectory.path) }
        #expect(throws: DatasetError.self) { try LineStream(path: "/nonexistent/x.jsonl") }
    }

    @Test("a bad line mid-stream: everything before it is emitted in order, then the error names the line")
    func badLineStops() throws {
        let rows = (1...50).map { "{\"id\": \($0), \"article\": \"Text number \($0).\"}" }
        var text = rows[0..<30].joined(separator: "\n") + "\n{not json\n" + rows[30...].joined(separator: "\n") + "\n"
        let path = try Self.temporaryFile(text, name: "bad.jsonl")
        var emitted: [String] = []
        var options = StreamOptions(blockBytes: 200)
        #expect(throws: DatasetError.self) {
            try SummaryRecordReader.streamRecords(path: path, options: options, transform: { $0.id }, emit: { emitted += $0 })
        }
        #expect(emitted == (1...30).map(String.init))
        do {
            try SummaryRecordReader.streamRecords(path: path, options: options, transform: { $0.id }, emit: { _ in })
        } catch let error as DatasetError {
            #expect(error.line == 31)
        }
        // Skipping: counted, and everything else comes through in order.
        options.skipBadLines = true
        emitted = []
        let summary = try SummaryRecordReader.streamRecords(path: path, options: options, transform: { $0.id }, emit: { emitted += $0 })
        #expect(emitted == (1...50).map(String.init))
        #expect(summary.records == 50 && summary.badLines == 1 && summary.firstBadLine?.line == 31)
        #expect(summary.skippedNote(name: path)?.contains("skipped 1 bad line") == true)
        text = ""
    }

    @Test("streamed records equal the whole-file reader's, in order, on any block size")
    func sameAsWholeFile() throws {
        let rows = (1...200).map { "{\"id\": \"d\($0)\", \"article\": \"Sentence \($0). Another one here.\"}" }
        let path = try Self.temporaryFile(rows.joined(separator: "\n") + "\n", name: "ok.jsonl")
        let whole = try SummaryRecordReader.read(path: path)
        for blockBytes in [50, 1000, 1 << 20] {
            var streamed: [SummaryRecord] = []
            try SummaryRecordReader.streamRecords(path: path, options: StreamOptions(blockBytes: blockBytes),
                                                  transform: { $0 }, emit: { streamed += $0 })
            #expect(streamed == whole)
        }
    }

    @Test("labelled rows: TSV and JSONL through the file readers, line numbers in errors, CSV refused")
    func labelledRows() throws {
        let tsv = try Self.temporaryFile("a\tfirst text\nb\tsecond\nno tab here\nc\tthird\n", name: "rows.tsv")
        var stream = try LabeledRowStream(path: tsv, options: StreamOptions(blockBytes: 8))
        var labels: [String] = []
        #expect(throws: DatasetError.self) { try stream.forEachBlock { labels += $0.map(\.label) } }
        #expect(labels == ["a", "b"])
        stream.options.skipBadLines = true
        labels = []
        let summary = try stream.forEachBlock { labels += $0.map(\.label) }
        #expect(labels == ["a", "b", "c"] && summary.badLines == 1 && summary.firstBadLine?.line == 3)
        let whole = try LabeledDataset.read(path: try Self.temporaryFile("x\tone\ny\ttwo\n", name: "w.tsv"))
        var streamed: [LabeledDocument] = []
        try LabeledRowStream(path: try Self.temporaryFile("x\tone\ny\ttwo\n", name: "w.tsv")).forEachBlock { streamed += $0 }
        #expect(streamed == whole)

        let jsonl = try Self.temporaryFile("{\"label\": \"p\", \"text\": \"one\"}\n{\"label\": 3, \"text\": \"two\"}\n", name: "rows.jsonl")
        var docs: [LabeledDocument] = []
        try LabeledRowStream(path: jsonl).forEachBlock { docs += $0 }
        #expect(docs == [LabeledDocument(label: "p", text: "one"), LabeledDocument(label: "3", text: "two")])
        #expect(throws: DatasetError.self) { try LabeledRowStream(path: try Self.temporaryFile("label,text\n", name: "x.csv")) }
        #expect(throws: DatasetError.self) { try LabeledRowStream(path: "-") }   // a stream's format must be given
    }

    @Test("a FIFO is read as a stream")
    func fifo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("precis-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("pipe.jsonl").path
        #expect(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: path)
            for k in 1...1000 { handle?.write(Data("{\"id\": \(k), \"article\": \"Row \(k).\"}\n".utf8)) }
            try? handle?.close()
        }
        writer.start()
        var ids: [String] = []
        try SummaryRecordReader.streamRecords(path: path, options: StreamOptions(blockBytes: 4096), transform: { $0.id }, emit: { ids += $0 })
        #expect(ids == (1...1000).map(String.init))
    }
}
