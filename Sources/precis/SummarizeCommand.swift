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
          precis summarize --jsonl news.jsonl --text-field body --id-field doc_id
        """,
        // The British spelling the README uses in prose.
        aliases: ["summarise"]
    )

    @Argument(help: "A text or HTML file, or - for standard input (the default).")
    var file: String?

    @OptionGroup var length: SummaryLengthOptions
    @OptionGroup var summarizer: SummarizerOptions
    @OptionGroup var text: TextOptions

    @Flag(name: .long, help: "With --words: cut the best sentence that does not fit at a word boundary (ending in …) to fill the budget.")
    var truncate = false

    @Flag(name: .long, help: "Print JSON: {\"summary\", \"sentences\": [{\"index\", \"text\", \"score\"}]}.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Summarise every {\"id\",\"article\",...} line of a JSONL file; writes one JSON object per line.", valueName: "path"))
    var jsonl: String?

    @Option(name: .customLong("text-field"), help: ArgumentHelp("With --jsonl: the key of the article text (default: article).", valueName: "NAME"))
    var textField: String?

    @Option(name: .customLong("id-field"), help: ArgumentHelp("With --jsonl: the key of the record id (default: id).", valueName: "NAME"))
    var idField: String?

    @OptionGroup var streaming: StreamingOptions

    func validate() throws {
        if jsonl != nil && file != nil { throw ValidationError("give either FILE or --jsonl, not both") }
        if jsonl == nil && (textField != nil || idField != nil) { throw ValidationError("--text-field and --id-field apply to --jsonl input") }
    }

    func run() throws {
        var configuration = self.summarizer.configuration
        configuration.segmenter = text.segmenter
        configuration.truncateToWordBudget = truncate
        let summarizer = Summarizer(configuration: configuration)
        let length = self.length.length
        if let jsonl {
            // Streamed: blocks summarised and formatted on all cores, written in input order.
            let fields = SummaryRecordFields(article: textField ?? "article", id: idField ?? "id")
            let read = try summarizer.streamRecords(at: jsonl, length: length, fields: fields, options: streaming.options,
                                                    transform: { record, summary in
                try Output.jsonLine(JSONRecord(base: summary, fields: ["id": record.id]))
            }, emit: { lines in Output.write(Array(lines.joined())) })
            return streaming.report(read, name: jsonl)
        }
        let document = try DocumentSource.text(at: file)
        let summary = summarizer.summarize(document.text, length: length)
        if json {
            try Output.json(JSONRecord(base: summary, fields: [
                "method": summarizer.configuration.method, "language": summary.language.rawValue,
                "requested": summary.requested, "returned": summary.returned, "truncated": summary.truncated ? true : nil,
            ]))
        } else {
            Output.write(summary.sentences.map { $0.text + "\n" }.joined())
        }
        if summary.isShort, let requested = summary.requested, !summary.isEmpty {
            let candidates = summary.documentSentences.filter(\.isCandidate).count
            let why = candidates < requested ? "the text has only \(candidates) candidate sentences"
                : "near-duplicate removal left fewer"
            Output.note("precis: \(document.source): returned \(summary.returned) of the \(requested) sentences requested (\(why))")
        }
        if summary.isEmpty, case .words(let w) = length, w > 0, summary.documentSentences.contains(where: \.isCandidate) {
            Output.note("precis: \(document.source): no sentence fits in \(w) words; the summary is empty (--truncate cuts one to fit)")
        }
        if summary.isEmpty, !summary.documentSentences.contains(where: \.isCandidate), length != .sentences(0) {
            let reason = document.text.allSatisfy(\.isWhitespace) ? "the input is empty" : "no sentence in the input can be a summary sentence"
            Output.note("precis: \(document.source): \(reason); the summary is empty")
        }
    }
}
