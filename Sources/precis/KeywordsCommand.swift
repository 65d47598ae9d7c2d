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

    @Flag(name: .long, help: "Print JSON: {\"keywords\": [{\"text\", \"score\", \"count\"}]}.")
    var json = false

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be 0 or more, got \(top)") }
    }

    func run() throws {
        let document = try DocumentSource.text(at: file)
        let phrases = KeywordExtractor().keyphrases(in: document.text, top: top)
        if json {
            try Output.json(["keywords": phrases])
        } else {
            Output.write(phrases.map { $0.text + "\n" }.joined())
        }
        if phrases.isEmpty && top > 0 {
            Output.note("precis: \(document.source): no keyphrases found (the input has no content words)")
        }
    }
}
