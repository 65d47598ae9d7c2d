import ArgumentParser
import Foundation
import Precis

/// `precis summarize`: the best sentences of an article, in document order.
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Summarise an article: its best sentences, in document order.",
        discussion: """
        Reads plain text or HTML (markup, scripts and styles are stripped) from FILE or
        standard input. Page furniture (dates, bylines, share links, captions) is never chosen.

        Examples:
          precis summarize article.txt --sentences 3
          curl -s https://example.org/story | precis summarize - --words 80 --json
          precis summarize --jsonl articles.jsonl --sentences 3 > summaries.jsonl
        """
    )

    @Argument(help: "A text or HTML file, or - for standard input (the default).")
    var file: String?

    @OptionGroup var length: SummaryLengthOptions
    @OptionGroup var summarizer: SummarizerOptions

    @Flag(name: .long, help: "Print JSON: {\"summary\", \"sentences\": [{\"index\", \"text\", \"score\"}]}.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Summarise every {\"id\",\"article\",...} line of a JSONL file; writes one JSON object per line.", valueName: "path"))
    var jsonl: String?

    func validate() throws {
        if jsonl != nil && file != nil { throw ValidationError("give either FILE or --jsonl, not both") }
    }

    func run() throws {
        let summarizer = Summarizer(configuration: self.summarizer.configuration)
        let length = self.length.length
        if let jsonl {
            try runBatch(path: jsonl, summarizer: summarizer, length: length)
            return
        }
        let (text, name) = try SummaryInput.read(file)
        let summary = summarizer.summarize(text, length: length)
        if json {
            var out = SummaryJSON()
            out.raw("{")
            out.summaryFields(summary)
            out.raw(",\"method\":")
            out.string(summarizer.configuration.method.rawValue)
            out.raw("}\n")
            try writeStandardOutput(out.bytes)
        } else {
            var out = ""
            for s in summary.sentences { out += s.text + "\n" }
            try writeStandardOutput(Array(out.utf8))
        }
        if summary.isEmpty, !summary.documentSentences.contains(where: \.isCandidate), length != .sentences(0) {
            let reason = text.allSatisfy(\.isWhitespace) ? "the input is empty" : "no sentence in the input can be a summary sentence"
            ClassifierSupport.printError("precis: \(name): \(reason); the summary is empty")
        }
    }

    /// Reads, parses, summarises and formats the records in parallel (one chunk of lines per
    /// task), then writes the results in input order.
    private func runBatch(path: String, summarizer: Summarizer, length: SummaryLength) throws {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            // A regular file is mapped rather than copied (the batch reads each byte once);
            // a pipe is read to its end; a device or a directory is refused.
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
               let mapped = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) {
                data = mapped
            } else {
                do {
                    data = try InputFile.read(path)
                } catch let error as DatasetError {
                    throw SummaryInputError(description: error.description)
                }
            }
        }
        SummaryBLASThreads.useOneThreadPerWorker()
        let results: [Result<[UInt8], Error>] = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let lines = SummaryRecordReader.lineRanges(bytes)
            return orderedParallelMap(lines.count) { k in
                Result {
                    guard let record = try SummaryRecordReader.parseLine(
                        UnsafeBufferPointer(rebasing: bytes[lines[k]]), line: k + 1, path: path) else { return [] }
                    let summary = summarizer.summarize(SummaryInput.plain(record.article), length: length)
                    var out = SummaryJSON()
                    out.raw("{\"id\":")
                    out.string(record.id)
                    out.raw(",")
                    out.summaryFields(summary)
                    out.raw("}\n")
                    return out.bytes
                }
            }
        }
        var all: [UInt8] = []
        all.reserveCapacity(results.reduce(0) { $0 + ((try? $1.get())?.count ?? 0) })
        for result in results {
            switch result {
            case .success(let line): all.append(contentsOf: line)
            case .failure(let error): throw error          // the first bad line, in file order
            }
        }
        if all.isEmpty { throw SummaryInputError(description: "\(path): no records (the file is empty)") }
        try writeStandardOutput(all)
    }
}
