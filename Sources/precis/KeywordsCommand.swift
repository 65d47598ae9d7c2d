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
        let (text, name) = try SummaryInput.read(file)
        let phrases = KeywordExtractor().keyphrases(in: text, top: top)
        if json {
            var out = SummaryJSON()
            out.raw("{\"keywords\":[")
            for (k, p) in phrases.enumerated() {
                if k > 0 { out.raw(",") }
                out.raw("{\"text\":")
                out.string(p.text)
                out.raw(",\"score\":")
                out.number(p.score)
                out.raw(",\"count\":\(p.count)}")
            }
            out.raw("]}\n")
            try writeStandardOutput(out.bytes)
        } else {
            try writeStandardOutput(Array(phrases.map { $0.text + "\n" }.joined().utf8))
        }
        if phrases.isEmpty && top > 0 {
            ClassifierSupport.printError("precis: \(name): no keyphrases found (the input has no content words)")
        }
    }
}
