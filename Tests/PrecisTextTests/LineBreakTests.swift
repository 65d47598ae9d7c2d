import Testing
import Foundation
import PrecisText
import PrecisTestSupport

struct LineBreakTests {
    let wrapped = """
    A tidal barrage across the Ness estuary has been approved by the
    regional planning board. The scheme will use 48 turbines set into
    a 2.3km wall to generate about 310 megawatts, its backers said
    on Monday. They were pleased with the result, said
    Mr.
    Okafor, the chief executive.

    Work starts next spring.
    """

    @Test("hard-wrapped text is detected and its lines are joined into sentences")
    func wrappedText() {
        let s = SentenceSegmenter(language: .english).texts(wrapped)
        #expect(s == [
            "A tidal barrage across the Ness estuary has been approved by the regional planning board.",
            "The scheme will use 48 turbines set into a 2.3km wall to generate about 310 megawatts, its backers said on Monday.",
            "They were pleased with the result, said Mr. Okafor, the chief executive.",
            "Work starts next spring.",
        ])
    }

    @Test("--line-breaks sentence makes every line a sentence; paragraph joins even short texts")
    func modes() {
        #expect(SentenceSegmenter(language: .english, lineBreaks: .sentence).texts("It was\nlate.") == ["It was", "late."])
        #expect(SentenceSegmenter(language: .english, lineBreaks: .paragraph).texts("It was\nlate.") == ["It was late."])
        // One paragraph per line (news feeds): auto keeps each line apart.
        let news = "Bank raises rates again\nThe bank raised rates on Thursday, the fifth rise in a row since last summer and the highest level in years.\nMr. King said inflation would fall back. Markets were calm."
        #expect(SentenceSegmenter(language: .english).texts(news) == [
            "Bank raises rates again",
            "The bank raised rates on Thursday, the fifth rise in a row since last summer and the highest level in years.",
            "Mr. King said inflation would fall back.", "Markets were calm.",
        ])
    }

    @Test("in paragraphs, list items, headings and blank lines end sentences")
    func paragraphBoundaries() {
        let text = "Results\nThe survey asked three questions and most people\nanswered all of them in the end:\n1. Do you cycle\n2. Do you drive\n\nThanks to all who took part"
        #expect(SentenceSegmenter(language: .english, lineBreaks: .paragraph).texts(text) == [
            "Results", "The survey asked three questions and most people answered all of them in the end:",
            "1. Do you cycle", "2. Do you drive", "Thanks to all who took part",
        ])
    }

    @Test("a title at the start of a line stays with its name")
    func titleAtLineStart() {
        let s = SentenceSegmenter(language: .english).sentences(in: "The board met.\nMr. Daniel Okafor said it went well.")
        #expect(s.map(\.text) == ["The board met.", "Mr. Daniel Okafor said it went well."])
    }

    @Test("offsets count Unicode scalars into the input, line breaks included")
    func offsets() {
        let text = "Über 3 Mio. Menschen\nkamen. „Gut!“ Schön."
        let result = SentenceSegmenter(language: .german, lineBreaks: .paragraph).segment(text)
        let scalars = Array(text.unicodeScalars)
        for s in result.sentences {
            var slice = String(String.UnicodeScalarView(scalars[s.start..<s.end]))
            slice = slice.replacingOccurrences(of: "\n", with: " ")
            #expect(slice == s.text)
        }
        #expect(result.sentences.map(\.text) == ["Über 3 Mio. Menschen kamen.", "„Gut!“", "Schön."])
        #expect(result.sentences[0].start == 0 && result.sentences[0].end == 27)
        #expect(result.language == "de")
        // A byte-order mark is not part of the first sentence, but counts in the offsets.
        let bom = SentenceSegmenter(language: .english).segment("\u{FEFF}Hello there. Bye now.\r\nNext line here.")
        #expect(bom.sentences.map(\.text) == ["Hello there.", "Bye now.", "Next line here."])
        #expect(bom.sentences.map(\.start) == [1, 14, 24])
    }
}
