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

    func validate() throws {
        if jsonl != nil && file != nil { throw ValidationError("give either FILE or --jsonl, not both") }
    }

    func run() throws {
        let segmenter = text.segmenter
        if let jsonl {
            let records = try SummaryRecordReader.read(path: jsonl)
            if records.isEmpty { throw SummaryInputError(description: "\(jsonl): no records (the file is empty)") }
            let lines: [[UInt8]] = orderedParallelMap(records.count) { k in
                var out = SummaryJSON()
                out.raw("{\"id\":")
                out.string(records[k].id)
                out.raw(",")
                out.segmentationFields(segmenter.segment(records[k].article))
                out.raw("}\n")
                return out.bytes
            }
            writeStandardOutput(Array(lines.joined()))
            return
        }
        let name = file == nil || file == "-" ? "<stdin>" : file!
        let data: Data
        if name == "<stdin>" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), isDirectory.boolValue {
                throw SummaryInputError(description: "\(name): is a directory, expected a text file")
            }
            guard let contents = FileManager.default.contents(atPath: name) else {
                throw SummaryInputError(description: "\(name): cannot read file (missing or unreadable)")
            }
            data = contents
        }
        if data.contains(0) { throw SummaryInputError(description: "\(name): binary data (NUL bytes), expected UTF-8 text") }
        guard let input = String(validating: data, as: UTF8.self) else {
            throw SummaryInputError(description: "\(name): not valid UTF-8 text")
        }
        let result = segmenter.segment(input)
        if json {
            var out = SummaryJSON()
            out.raw("{")
            out.segmentationFields(result)
            out.raw("}\n")
            writeStandardOutput(out.bytes)
        } else {
            var out: [UInt8] = []
            for s in result.sentences { out.append(contentsOf: s.text.utf8); out.append(0x0A) }
            writeStandardOutput(out)
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

extension SummaryJSON {
    /// `,"language":...,"requested":N,"returned":M` (requested only for a sentence count; truncated when cut).
    mutating func lengthFields(_ summary: Summary) {
        raw(",\"language\":")
        string(summary.language.rawValue)
        if let requested = summary.requested { raw(",\"requested\":\(requested)") }
        raw(",\"returned\":\(summary.returned)")
        if summary.truncated { raw(",\"truncated\":true") }
    }

    /// `"sentences":[{"text","start","end"}],"language":...` (without braces).
    mutating func segmentationFields(_ result: Segmentation) {
        raw("\"sentences\":[")
        for (k, s) in result.sentences.enumerated() {
            if k > 0 { raw(",") }
            raw("{\"text\":")
            string(s.text)
            raw(",\"start\":\(s.start),\"end\":\(s.end)}")
        }
        raw("],\"language\":")
        string(result.language)
    }
}
