import Testing
import Foundation
import PrecisSummarization
import PrecisText
import PrecisTestSupport

/// Length limits that respect the user: --words is hard, --truncate, requested vs returned.
struct SummaryLengthTests {
    static func sample(_ name: String) throws -> String {
        try String(contentsOf: TestPaths.projectData.appendingPathComponent("samples/\(name)"), encoding: .utf8)
    }

    @Test("a word budget is a hard limit for every budget and method", arguments: [5, 12, 20, 30, 50, 80, 120])
    func hardWordLimit(_ budget: Int) throws {
        let text = try Self.sample("river-barrage.txt")
        for method in SummaryMethod.allCases {
            let summary = Summarizer(method: method).summarize(text, length: .words(budget))
            let used = summary.sentences.reduce(0) { $0 + summary.documentSentences[$1.index].wordCount }
            #expect(used <= budget)
            if budget >= 30 { #expect(!summary.isEmpty) }
        }
    }

    @Test("--truncate fills the budget with a sentence cut at a word boundary")
    func truncate() throws {
        let text = try Self.sample("river-barrage.txt")
        var config = SummarizerConfiguration()
        config.truncateToWordBudget = true
        for budget in [5, 12, 30, 45] {
            let summary = Summarizer(configuration: config).summarize(text, length: .words(budget))
            let words = summary.text.split(whereSeparator: \.isWhitespace).filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
            #expect(words.count <= budget && words.count >= budget - Summarizer.minimumTruncatedWords)
            #expect(summary.truncated == summary.text.hasSuffix("…"))
        }
        #expect(Summarizer.truncate("The board, which met on Monday, agreed.", toWords: 2) == "The board…")
        #expect(Summarizer.truncate("The board, which met on Monday, agreed.", toWords: 3) == "The board, which…")
    }

    @Test("--sentences N returns N when there are N candidates; requested and returned say when not")
    func requestedReturned() throws {
        let text = try Self.sample("river-barrage.txt")
        let five = Summarizer().summarize(text, length: .sentences(5))
        #expect(five.requested == 5 && five.returned == 5 && !five.isShort)
        // Near-duplicates: three copies of one sentence and two others.
        let repeated = "The council approved the new bridge over the river on Monday evening. "
        let dup = String(repeating: repeated, count: 3) + "Traffic will be diverted for a month. The work costs four million pounds."
        let s = Summarizer().summarize(dup, length: .sentences(5))
        #expect(s.requested == 5 && s.returned == 3 && s.isShort)
    }

    @Test("keyphrases never cross punctuation and never start or end with a stop word")
    func keyphrasePunctuation() throws {
        let text = "Alison Grant, head of the Estuary Trust, spoke. The trust counts fish, birds and seals. " +
            "Alison Grant said fish, birds and seals need the estuary. Head teachers, fish farmers and birdwatchers agreed with Alison Grant."
        let phrases = KeywordExtractor().keyphrases(in: text, top: 10).map(\.text)
        #expect(!phrases.contains("grant head") && !phrases.contains("fish birds") && !phrases.contains("birds seals"))
        #expect(phrases.contains("alison grant"))
        #expect(KeywordExtractor.tokensWithBreaks("Grant, head of fish-farming (UK)") == ["grant", "", "head", "of", "fish", "farming", "", "uk"])
    }

    @Test("French and German keyphrases hold no stop word of their language", arguments: [("port-fete.fr.txt", Language.french), ("hafen-fest.de.txt", .german)])
    func languageKeyphrases(_ file: String, _ language: Language) throws {
        let text = try Self.sample(file)
        let stop = LanguageProfile.of(language).stopWords
        let phrases = KeywordExtractor().keyphrases(in: text, top: 10)
        #expect(phrases.count >= 5)
        for p in phrases {
            let words = p.text.split(separator: " ").map(String.init)
            #expect(!stop.contains(words.first!) && !stop.contains(words.last!), "\(p.text)")
        }
        if language == .german {
            // German keywords are nouns and names: written capitalised in the text.
            for p in phrases {
                for word in p.text.split(separator: " ") {
                    #expect(text.contains(word.prefix(1).uppercased() + word.dropFirst()), "\(word)")
                }
            }
        }
        // The summary of a non-English text uses that language's rules.
        let summary = Summarizer().summarize(text, length: .sentences(2))
        #expect(summary.language == language && summary.returned == 2)
    }
}
