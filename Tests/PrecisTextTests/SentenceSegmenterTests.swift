import Testing
import Foundation
import PrecisText
import PrecisTestSupport

struct SentenceSegmenterTests {
    let segmenter = SentenceSegmenter()

    /// Input → expected body sentences, for the hard cases of news text.
    static let table: [(String, [String])] = [
        // Titles, abbreviations, initials.
        ("Mr. Smith met Dr. Jones at St. Paul's. They talked.",
         ["Mr. Smith met Dr. Jones at St. Paul's.", "They talked."]),
        ("J. K. Rowling wrote the books. She lives in Edinburgh.",
         ["J. K. Rowling wrote the books.", "She lives in Edinburgh."]),
        ("Shares in Acme Corp. rose sharply on Monday. Rivals fell.",
         ["Shares in Acme Corp. rose sharply on Monday.", "Rivals fell."]),
        ("The deal was signed by Apple Inc. The firm declined to comment further.",
         ["The deal was signed by Apple Inc.", "The firm declined to comment further."]),
        ("He moved to the U.S. in 1999 to study law. He never came back.",
         ["He moved to the U.S. in 1999 to study law.", "He never came back."]),
        ("Prices rose in the U.S. The rise was smaller in Europe.",
         ["Prices rose in the U.S.", "The rise was smaller in Europe."]),
        ("Some fruits, e.g. apples and pears, keep well. Others do not.",
         ["Some fruits, e.g. apples and pears, keep well.", "Others do not."]),
        ("The vote is on Jan. 5 in the capital. Polls open early.",
         ["The vote is on Jan. 5 in the capital.", "Polls open early."]),
        ("He lives at No. 10 Downing Street with his family. It is small.",
         ["He lives at No. 10 Downing Street with his family.", "It is small."]),
        ("The case Smith v. Jones was heard in court today. It lasted an hour.",
         ["The case Smith v. Jones was heard in court today.", "It lasted an hour."]),
        // Decimals, money, percentages, URLs, e-mail.
        ("Profits jumped 76% to $1.13bn (£600m) last year. Sales rose 3.5%.",
         ["Profits jumped 76% to $1.13bn (£600m) last year.", "Sales rose 3.5%."]),
        ("See www.bbc.co.uk/news for details. Write to info@example.com today.",
         ["See www.bbc.co.uk/news for details.", "Write to info@example.com today."]),
        ("The rate is 0.25 points higher than in 2004. Analysts expected 0.5.",
         ["The rate is 0.25 points higher than in 2004.", "Analysts expected 0.5."]),
        // Quotes and brackets after the final punctuation.
        ("\"We are delighted,\" he said. \"It is a great day.\" The crowd cheered.",
         ["\"We are delighted,\" he said.", "\"It is a great day.\"", "The crowd cheered."]),
        ("She said the results were \"respectable.\" Analysts agreed with her.",
         ["She said the results were \"respectable.\"", "Analysts agreed with her."]),
        ("“Why now?” he asked the panel. Nobody answered him.",
         ["“Why now?” he asked the panel.", "Nobody answered him."]),
        ("The plan (agreed last week.) was dropped. Work stopped.",
         ["The plan (agreed last week.) was dropped.", "Work stopped."]),
        ("What next? Nobody knows yet! The board meets today.",
         ["What next?", "Nobody knows yet!", "The board meets today."]),
        // Ellipses.
        ("He paused... and then went on with the speech. It was long.",
         ["He paused... and then went on with the speech.", "It was long."]),
        ("The talks failed… Both sides blamed each other for the collapse.",
         ["The talks failed…", "Both sides blamed each other for the collapse."]),
        // Line and paragraph breaks; headlines without a full stop.
        ("Bank raises interest rates again\nThe Bank of England raised rates to 4.75% on Thursday. It was the fifth rise.",
         ["The Bank of England raised rates to 4.75% on Thursday.", "It was the fifth rise."]),
        ("First paragraph ends here without a stop\n\nSecond paragraph has a sentence. And another one here.",
         ["Second paragraph has a sentence.", "And another one here."]),
        // A sentence running on into a lowercase line is one sentence (issue 12).
        ("a line that runs on\r\ninto the next line is one sentence.",
         ["a line that runs on into the next line is one sentence."]),
        ("A headline without a stop\r\nThe story starts on the next line.",
         ["The story starts on the next line."]),
        // Lowercase after a full stop does not start a sentence.
        ("The firm, known as abc. plc in the filings, grew fast. It was sold.",
         ["The firm, known as abc. plc in the filings, grew fast.", "It was sold."]),
    ]

    @Test("tricky news sentences are split as a reader would", arguments: 0..<table.count)
    func tableCase(_ k: Int) {
        let (input, expected) = Self.table[k]
        #expect(segmenter.bodySentences(in: input) == expected)
    }

    @Test("headlines are headings, not body sentences")
    func headings() {
        let s = segmenter.sentences(in: "Bank raises interest rates again\nThe bank raised rates on Thursday morning.")
        #expect(s.map(\.kind) == [.heading, .body])
        #expect(s.map(\.paragraph) == [0, 1])
    }

    @Test("page furniture is never a candidate")
    func furniture() {
        let text = """
        Last Updated: 10:32 GMT, 4 May 2021
        First Published: 3 May 2021
        By Jane Smith, Political editor
        Share this article
        Image caption The minister at the launch (Photo: Getty Images)
        Advertisement
        Politics
        Read more
        The minister announced a review of rail fares on Tuesday. She said prices would be frozen.
        Follow us on Twitter for more updates.
        """
        let sentences = segmenter.sentences(in: text)
        #expect(sentences.filter(\.isCandidate).map(\.text) ==
                ["The minister announced a review of rail fares on Tuesday.", "She said prices would be frozen."])
        let rules = PageFurniture()
        #expect(rules.isFurniture(line: "By JOHN DOE and Mary Major | Reporters"))
        #expect(rules.isFurniture(line: "Tall ships on the quay (Reuters)"))
        #expect(rules.isFurniture(line: "Two words"))
        #expect(!rules.isFurniture(line: "By 2010 the firm expects to double its sales."))
        #expect(!rules.isFurniture(line: "By Tuesday, the company had sold four million units."))
        #expect(!rules.isFurniture(line: "Copyright law was changed last year after a long campaign by authors."))
    }

    @Test("byte ranges point into the text; words are counted")
    func ranges() {
        let text = "Über alles gut.  Zweiter Satz hier."
        let s = segmenter.sentences(in: text)
        let bytes = Array(text.utf8)
        for sentence in s {
            #expect(String(decoding: bytes[sentence.byteRange], as: UTF8.self) == sentence.text)
        }
        #expect(s.map(\.wordCount) == [3, 3])
    }

    @Test("empty, blank, and runaway input")
    func degenerate() {
        #expect(segmenter.sentences(in: "").isEmpty)
        #expect(segmenter.sentences(in: " \n\t\r\n  ").isEmpty)
        // A single 2 MB line without punctuation: one run-on segment, found in linear time.
        let huge = String(repeating: "word ", count: 400_000)
        let s = segmenter.sentences(in: huge)
        #expect(s.count == 1 && s[0].kind == .runOn && s[0].wordCount == 400_000)
        // Only dots.
        #expect(segmenter.sentences(in: String(repeating: ". ", count: 1000)).allSatisfy { !$0.isCandidate })
    }

    @Test("the embedded abbreviation table equals Data/abbreviations-english.txt")
    func abbreviationFile() throws {
        let url = TestPaths.projectData.appendingPathComponent("abbreviations-english.txt")
        let parsed = try #require(Abbreviations(parsing: String(contentsOf: url, encoding: .utf8)))
        #expect(parsed.entries == Abbreviations.english.entries)
        #expect(parsed.entries.count > 80)
        #expect(Abbreviations.english.kind(of: "Mr") == .title)
        #expect(Abbreviations.english.kind(of: "U.S") == .trailing)
    }
}

extension SentenceSegmenterTests {
    @Test("a 2 MB line without spaces or punctuation is a run-on, not a sentence")
    func giantWord() {
        let s = segmenter.sentences(in: String(repeating: "x", count: 2_000_000))
        #expect(s.count == 1 && s[0].kind == .runOn)
    }
}
