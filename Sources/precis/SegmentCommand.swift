import ArgumentParser
import Foundation
import Precis

/// `precis segment`: every sentence of a text, one per line (or as JSON with offsets).
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Split a text into sentences (every sentence, in order).",
        discussion: """
        Reads UTF-8 text from FILE or standard input and prints one sentence per line.
        Nothing is filtered: headings, list items and repeated sentences are all listed.
        --json gives {"sentences":[{"text","start","end"}],"language"}, where start and end
        are offsets in Unicode scalars into the input.

        Examples:
          precis segment article.txt
          precis segment - --language de --json < bericht.txt
          precis segment --jsonl articles.jsonl > sentences.jsonl
        """
    )

    @Argument(help: "A text file, or - for standard input (the default).")
    var file: String?

    @Flag(name: .long, help: "Print JSON: {\"sentences\": [{\"text\", \"start\", \"end\"}], \"language\"}.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Segment every {\"id\",\"article\",...} line of a JSONL file; writes one JSON object per line.", valueName: "path"))
    var jsonl: String?

    @OptionGroup var text: TextOptions
    @OptionGroup var streaming: StreamingOptions

    func validate() throws {
        if jsonl != nil && file != nil { throw ValidationError("give either FILE or --jsonl, not both") }
    }

    func run() throws {
        let segmenter = text.segmenter
        if let jsonl {
            // Streamed: blocks segmented on all cores, written in input order.
            let read = try SummaryRecordReader.streamRecords(path: jsonl, options: streaming.options, transform: { record in
                try Output.jsonLine(JSONRecord(base: segmenter.segment(record.article), fields: ["id": record.id]))
            }, emit: { lines in Output.write(Array(lines.joined())) })
            return streaming.report(read, name: jsonl)
        }
        let document = try DocumentSource.text(at: file, html: false)
        let result = segmenter.segment(document.text)
        if json {
            try Output.json(result)
        } else {
            Output.write(result.sentences.map { $0.text + "\n" }.joined())
        }
    }
}

/// `--language` and `--line-breaks`: how text is read by segment, summarize, keywords and evaluate-summaries.
struct TextOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Language of the text: an ISO 639-1 code (\(Language.allCases.map(\.rawValue).joined(separator: " "))) or auto (detected from stop words).", valueName: "code"))
    var language: LanguageSelection = .auto

    @Option(name: .customLong("line-breaks"), help: ArgumentHelp("What a single line break means: sentence (always a boundary), paragraph (only where the text says so) or auto (paragraph for hard-wrapped text).", valueName: "mode"))
    var lineBreaks: LineBreakMode = .auto

    var segmenter: SentenceSegmenter {
        SentenceSegmenter(language: language, lineBreaks: lineBreaks)
    }
}

extension LanguageSelection: ExpressibleByArgument {
    public var defaultValueDescription: String { name }
    public static var allValueStrings: [String] { names }
}

extension LineBreakMode: ExpressibleByArgument {}
