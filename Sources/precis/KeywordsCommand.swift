import ArgumentParser
import Foundation
import Precis

/// `precis keywords`: TextRank keyphrases of a document.
struct KeywordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keywords",
        abstract: "List a document's keyphrases (TextRank).",
        discussion: """
        Reads plain text or HTML from FILE or standard input.

        Examples:
          precis keywords article.txt --top 5
          precis keywords - --json < article.txt
          precis keywords --jsonl articles.jsonl --top 5 > keywords.jsonl
          cat articles.jsonl | precis keywords --jsonl - > keywords.jsonl

        --jsonl streams: every {"id","article"} line (or --text-field) gets one line {"id", "keywords", "language"}, computed on all cores and written in input order, in bounded memory.
        """
    )

    @Argument(help: "A text or HTML file, or - for standard input (the default).")
    var file: String?

    @Option(name: .long, parsing: .unconditional, help: "Number of keyphrases (default 10).")
    var top: Int = 10

    @Flag(name: .long, help: "Print JSON: {\"keywords\": [{\"text\", \"score\", \"count\"}], \"language\"}.")
    var json = false

    @OptionGroup var text: TextOptions

    @Option(name: .long, help: ArgumentHelp("Extract the keyphrases of every {\"id\",\"article\",...} line of a JSONL file (- for standard input), streamed; writes one JSON object per line.", valueName: "path"))
    var jsonl: String?

    @Option(name: .customLong("text-field"), help: ArgumentHelp("With --jsonl: the key of the article text (default: article).", valueName: "NAME"))
    var textField: String?

    @OptionGroup var streaming: StreamingOptions

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be 0 or more, got \(top)") }
        if jsonl != nil && file != nil { throw ValidationError("give either FILE or --jsonl, not both") }
    }

    func run() throws {
        if let jsonl {
            let fields = SummaryRecordFields(article: textField ?? "article")
            let read = try SummaryRecordReader.streamRecords(path: jsonl, fields: fields, options: streaming.options, transform: { record in
                let document = HtmlText.plainTextIfHTML(record.article)
                var configuration = KeywordConfiguration()
                configuration.segmenter = self.text.segmenter
                let language = self.text.language.resolve(for: document)
                configuration.segmenter.language = .fixed(language)
                let phrases = KeywordExtractor(configuration: configuration).keyphrases(in: document, top: top)
                return try Output.jsonLine(JSONRecord(base: KeywordsLine(keywords: phrases, language: language.rawValue), fields: ["id": record.id]))
            }, emit: { lines in Output.write(Array(lines.joined())) })
            return streaming.report(read, name: jsonl)
        }
        let document = try DocumentSource.text(at: file)
        var configuration = KeywordConfiguration()
        configuration.segmenter = self.text.segmenter
        let language = self.text.language.resolve(for: document.text)
        configuration.segmenter.language = .fixed(language)
        let phrases = KeywordExtractor(configuration: configuration).keyphrases(in: document.text, top: top)
        if json {
            try Output.json(KeywordsLine(keywords: phrases, language: language.rawValue))
        } else {
            Output.write(phrases.map { $0.text + "\n" }.joined())
        }
        if phrases.isEmpty && top > 0 {
            Output.note("precis: \(document.source): no keyphrases found (the input has no content words)")
        }
    }
}

/// `keywords --json`: the keyphrases and the language whose stop words were used.
private struct KeywordsLine: Encodable {
    var keywords: [Keyphrase]
    var language: String
}
