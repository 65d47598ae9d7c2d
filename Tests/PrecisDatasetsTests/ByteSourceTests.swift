import Testing
import Foundation
import PrecisDatasets

/// Telling the format of a pipe from its head without reading it whole: the
/// byte source keeps what it peeked at, and every reader goes on from there.
struct ByteSourceTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("precis-bytesource-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func file(_ text: String, name: String = "data") throws -> String {
        let url = try folder().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A FIFO fed by a thread: `head` first; the rest only once `release` is signalled.
    final class Feeder: @unchecked Sendable {
        let path: String
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)

        init(head: String, rest: String) throws {
            path = try ByteSourceTests.folder().appendingPathComponent("fifo").path
            guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
            let path = self.path, release = self.release, done = self.done
            Thread {
                let handle = FileHandle(forWritingAtPath: path)
                handle?.write(Data(head.utf8))
                release.wait()
                handle?.write(Data(rest.utf8))
                try? handle?.close()
                done.signal()
            }.start()
        }
    }

    @Test("peeked bytes are kept: reads start with them, then go on with the rest")
    func peekThenRead() throws {
        let text = (1...5000).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let source = try ByteSource(path: try Self.file(text))
        let head = try source.peek(10)
        #expect(Array(head) == Array(text.utf8.prefix(head.count)) && head.count >= 10)
        #expect(try source.peek(3).count == head.count)        // nothing more read for less
        #expect(source.totalBytes == text.utf8.count)
        var first = [UInt8](repeating: 0, count: 4)
        #expect(try first.withUnsafeMutableBytes { try source.read(into: $0) } == 4)
        #expect(first == Array("line".utf8))
        #expect(try source.readToEnd() == Data(text.utf8.dropFirst(4)))
        #expect(try source.readToEnd().isEmpty)
    }

    @Test("sniffing reads a head only: the format of a pipe is told before its writer has finished")
    func sniffIsLazy() throws {
        let head = "sport\tThe striker scored twice\n"
        let rest = (2...3000).map { "tech\tThe new chip runs software number \($0)" }.joined(separator: "\n") + "\n"
        let feeder = try Feeder(head: head, rest: rest)
        let source = try ByteSource(path: feeder.path)
        #expect(source.totalBytes == nil)
        // The writer waits for `release`: had sniffing read to the end, this would never return.
        #expect(try DataFormat.sniff(source) == .tsv)
        #expect(source.bytesRead == head.utf8.count)
        feeder.release.signal()
        // The stream goes on from the sniffed head: line 1 is the first line.
        let stream = LineStream(source: source, blockBytes: 4096)
        var lines: [(Int, String)] = []
        while let block = try stream.nextBlock() {
            for k in 0..<block.count { lines.append((block.lineNumber(k), block.withLine(k) { String(decoding: $0, as: UTF8.self) })) }
        }
        #expect(lines.count == 3000)
        #expect(lines.first?.0 == 1 && lines.first?.1 == "sport\tThe striker scored twice")
        #expect(lines.last?.0 == 3000)
        feeder.done.wait()
    }

    @Test("a labelled row stream over a pipe without an extension is sniffed and streamed from its first row")
    func rowStreamFromPipe() throws {
        let rows = (1...500).map { "{\"label\": \"l\($0 % 3)\", \"text\": \"row \($0)\"}" }
        let feeder = try Feeder(head: rows[0] + "\n", rest: rows.dropFirst().joined(separator: "\n") + "\n")
        let stream = try LabeledRowStream(path: feeder.path, options: StreamOptions(blockBytes: 1024))
        #expect(stream.format == .jsonl)
        feeder.release.signal()
        var documents: [LabeledDocument] = []
        try stream.forEachBlock { documents += $0 }
        #expect(documents.count == 500)
        #expect(documents.first == LabeledDocument(label: "l1", text: "row 1"))
        feeder.done.wait()
    }

    @Test("the whole-file readers take a sniffed pipe from its head too, read once")
    func wholeFileFromPipe() throws {
        let feeder = try Feeder(head: "a,b\n", rest: "")
        feeder.release.signal()
        // A CSV header only: its format is told, then the reader sees the same bytes.
        #expect(throws: DatasetError.self) { try LabeledDataset.read(path: feeder.path) }
        let tsv = try Feeder(head: "x\tone\n", rest: "y\ttwo\n")
        tsv.release.signal()
        let (texts, labels) = try LabeledDataset.readTextsAndLabels(path: tsv.path)
        #expect(texts == ["one", "two"] && labels == ["x", "y"])
        tsv.done.wait()
    }

    @Test("resolved(for:) refuses to sniff a pipe (the bytes would be lost); an opened DataInput keeps them")
    func resolvedRefusesPipes() throws {
        let feeder = try Feeder(head: "x\tone\n", rest: "")
        feeder.release.signal()
        #expect(throws: DatasetError.self) { try DataFormat.auto.resolved(for: feeder.path) }
        // Nothing was consumed: an input opened now still sees the first row.
        let input = try DataInput(path: feeder.path)
        #expect(input.format == .tsv && input.isRowStream)
        #expect(try LabeledDataset.readTextsAndLabels(input).labels == ["x"])
    }

    @Test("the first non-blank line decides, as before: blank lines and byte-order marks skipped, long lines by their start")
    func sniffRules() throws {
        func sniff(_ text: String) throws -> DataFormat { try DataFormat.sniff(ByteSource(path: try Self.file(text))) }
        #expect(try sniff("\n  \n\u{FEFF}{\"label\": \"a\"}\n") == .jsonl)
        #expect(try sniff("label,text\nsport,x\n") == .csv)
        #expect(try sniff("sport\tx") == .tsv)                              // no final line break
        #expect(try sniff("{" + String(repeating: "w", count: 70_000)) == .jsonl)
        #expect(throws: DatasetError.self) { try sniff("just words\nsport\tx\n") }
        #expect(throws: DatasetError.self) { try sniff("") }
        // A first line longer than the sniffed head is decided by that head: here, no TAB in it.
        #expect(throws: DatasetError.self) { try sniff(String(repeating: "w", count: DataFormat.sniffBytes + 10) + "\tx\n") }
    }
}
