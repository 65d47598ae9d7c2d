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
        """
    )

    @Argument(help: "A text or HTML file, or - for standard input (the default).")
    var file: String?

    @Option(name: .long, parsing: .unconditional, help: "Number of keyphrases (default 10).")
    var top: Int = 10

    @Flag(name: .long, help: "Print JSON: {\"keywords\": [{\"text\", \"score\", \"count\"}], \"language\"}.")
    var json = false

    @OptionGroup var text: TextOptions

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be 0 or more, got \(top)") }
    }

    func run() throws {
        let document = try DocumentSource.text(at: file)
        var configuration = KeywordConfiguration()
        configuration.segmenter = self.text.segmenter
        let language = self.text.language.resolve(for: document.text)
        configuration.segmenter.language = .fixed(language)
        let phrases = KeywordExtractor(configuration: configuration).keyphrases(in: document.text, top: top)
        if json {
            try Output.json(KeywordsLine(keywords: phrases, language: language.rawValue))
        } else {
            try Output.write(phrases.map { $0.text + "\n" }.joined())
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
