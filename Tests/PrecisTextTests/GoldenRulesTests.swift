import Testing
import Foundation
import PrecisText
import PrecisTestSupport

/// The 48 English Golden Rules (pySBD's benchmark; see Data/fixtures/segmentation/README.md).
struct GoldenRulesTests {
    @Test("at least 47 of the 48 English Golden Rules pass")
    func goldenRules() throws {
        let cases = try SegmentationCase.load("english-golden-rules.jsonl")
        #expect(cases.count == 48)
        let segmenter = SentenceSegmenter(language: .english)
        var failed: [Int] = []
        for c in cases where segmenter.texts(c.text) != c.sentences { failed.append(c.rule ?? 0) }
        #expect(failed.count <= 1, "failed rules: \(failed)")
    }

    @Test("our own English cases: abbreviations, initials, quotes, ellipses, domains")
    func englishExtra() throws {
        let segmenter = SentenceSegmenter(language: .english)
        for c in try SegmentationCase.load("english-extra.jsonl") {
            #expect(segmenter.texts(c.text) == c.sentences)
        }
    }

    @Test("list items are sentences of their own, inline and on their own lines")
    func lists() {
        let s = SentenceSegmenter(language: .english)
        #expect(s.texts("3.) Wash 4.) Dry 5.) Fold") == ["3.) Wash", "4.) Dry", "5.) Fold"])
        #expect(s.texts("Bring:\n• tents\n• food\n• water") == ["Bring:", "• tents", "• food", "• water"])
        #expect(s.texts("b. Alpha d. Beta") == ["b. Alpha d. Beta"])            // not in sequence
        #expect(s.texts("1. Boil the water. 2. Add the pasta.") == ["1. Boil the water.", "2. Add the pasta."])
        // Numbers out of sequence are no list.
        #expect(s.texts("1) Sales rose 3) percent") == ["1) Sales rose 3) percent"])
    }

    @Test("the pronoun I ends a sentence; an initial I does not")
    func pronounI() {
        let s = SentenceSegmenter(language: .english)
        #expect(s.texts("It was him and I. Then we left.") == ["It was him and I.", "Then we left."])
        #expect(s.texts("King George I. Stuart was no king.") == ["King George I. Stuart was no king."])
    }

    @Test("ellipses: bracketed, spaced (three dots inside, four at the end), unspaced")
    func ellipses() {
        let s = SentenceSegmenter(language: .english)
        #expect(s.texts("He said (...) Nothing more.") == ["He said (...) Nothing more."])
        #expect(s.texts("The end . . . . Then more.") == ["The end . . . .", "Then more."])
        #expect(s.texts("It was . . . Strange indeed.") == ["It was . . . Strange indeed."])
        #expect(s.texts("It was strange... Nobody came.") == ["It was strange...", "Nobody came."])
    }
}
