import Testing
import PrecisText

/// Sentences inside quotations: a short one (at most three words) does not stand alone, as in
/// pySBD; full sentences are split as Punkt and spaCy split them; the quotation as a whole may
/// end a sentence; unbalanced quotes protect nothing.
struct QuotationTests {
    let en = SentenceSegmenter(language: .english)

    @Test("a short quoted exchange stays in one sentence, in every quotation style")
    func quotedPassages() {
        #expect(en.texts("He said, \"Stop. Go home now.\" Then he left.") == ["He said, \"Stop. Go home now.\"", "Then he left."])
        #expect(en.texts("“I can’t. I won’t.” She paused.") == ["“I can’t. I won’t.”", "She paused."])
        #expect(en.texts("He said, 'Stop. Go home now.' Then he left.") == ["He said, 'Stop. Go home now.'", "Then he left."])
        #expect(SentenceSegmenter(language: .french).texts("«Non. Jamais.» Il est parti.") == ["«Non. Jamais.»", "Il est parti."])
        #expect(SentenceSegmenter(language: .french).texts("« Non. Jamais. » Il est parti.") == ["« Non. Jamais. »", "Il est parti."])
        #expect(SentenceSegmenter(language: .german).texts("„Ich komme. Warte auf mich.“ Dann ging er.") == ["„Ich komme. Warte auf mich.“", "Dann ging er."])
        #expect(SentenceSegmenter(language: .danish).texts("»Det er slut. Gå hjem.« Han gik.") == ["»Det er slut. Gå hjem.«", "Han gik."])
        #expect(SentenceSegmenter(language: .swedish).texts("”Det är slut. Gå hem.” Han gick.") == ["”Det är slut. Gå hem.”", "Han gick."])
        #expect(SentenceSegmenter(language: .german).texts("‹Nein. Nie.› Er ging.") == ["‹Nein. Nie.›", "Er ging."])
        #expect(en.texts("「止まれ. 帰れ.」 He left.") == ["「止まれ. 帰れ.」", "He left."])
    }

    @Test("news style: a quotation followed by its attribution is one sentence")
    func attribution() {
        #expect(en.texts("\"We are pleased. The results are good,\" he said.") == ["\"We are pleased. The results are good,\" he said."])
        #expect(en.texts("\"We are pleased. The results are good,\" he said. Shares rose.")
                == ["\"We are pleased. The results are good,\" he said.", "Shares rose."])
        // A quotation of full sentences is split at its sentence ends (Punkt, spaCy, news summaries).
        #expect(en.texts("\"Sales rose in every region last year. We are pleased with the results,\" he said.")
                == ["\"Sales rose in every region last year.", "We are pleased with the results,\" he said."])
        #expect(SentenceSegmenter(language: .russian).texts("«К чему ты готовишься? – спросила мама. – Завтра ведь выходной».")
                == ["«К чему ты готовишься? – спросила мама. – Завтра ведь выходной»."])
    }

    @Test("an unbalanced quote protects nothing and never swallows the paragraph")
    func unbalanced() {
        #expect(en.texts("It was \"odd. Very odd. Then he left.") == ["It was \"odd.", "Very odd.", "Then he left."])
        // A second opening mark abandons the first.
        #expect(en.texts("It was \"odd. He said \"no.\" Then he left.") == ["It was \"odd.", "He said \"no.\"", "Then he left."])
        // Apostrophes are no quotes.
        #expect(en.texts("The dogs' bowls are empty. The cats' are full.") == ["The dogs' bowls are empty.", "The cats' are full."])
        // Too long a quotation is not protected.
        let long = Array(repeating: "This is one more sentence of the quotation.", count: 20).joined(separator: " ")
        #expect(en.texts("He said: \"\(long)\" Then he left.").count == 21)
        // A quotation does not cross a paragraph.
        #expect(en.texts("He said \"Stop.\n\nGo home.\" Then he left.").count == 3)
    }
}

/// Roman numerals, letters and numbers as list markers: the marker belongs to its item.
struct ListMarkerTests {
    let en = SentenceSegmenter(language: .english)

    @Test("roman-numeral items on their own lines and inline")
    func roman() {
        #expect(en.texts("I. Introduction\nII. Background\nIII. Methods") == ["I. Introduction", "II. Background", "III. Methods"])
        #expect(en.texts("The paper has two parts. I. Introduction to the topic. II. Methods used here.")
                == ["The paper has two parts.", "I. Introduction to the topic.", "II. Methods used here."])
        #expect(en.texts("I. Aims of the study II. Methods we used III. Results") == ["I. Aims of the study", "II. Methods we used", "III. Results"])
        #expect(en.texts("i. First item ii. Second item iii. Third item") == ["i. First item", "ii. Second item", "iii. Third item"])
        #expect(en.texts("(i) one (ii) two") == ["(i) one", "(ii) two"])
        #expect(en.texts("h. eighth item i. ninth item j. tenth item") == ["h. eighth item", "i. ninth item", "j. tenth item"])
        #expect(en.texts("A. Introduction\nB. Background") == ["A. Introduction", "B. Background"])
    }

    @Test("regnal numbers, the pronoun I and initials are no list markers")
    func notMarkers() {
        #expect(en.texts("He was the son of Henry VIII. He died young.") == ["He was the son of Henry VIII.", "He died young."])
        #expect(en.texts("It happened after World War II. Everyone was tired.") == ["It happened after World War II.", "Everyone was tired."])
        #expect(en.texts("I. The reign of Henry II. He ruled long.") == ["I. The reign of Henry II.", "He ruled long."])
        #expect(en.texts("We make a good team, you and I. Did you see Albert I. Jones yesterday?")
                == ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"])
        #expect(en.texts("A. Smith and B. Jones met in May. They talked.") == ["A. Smith and B. Jones met in May.", "They talked."])
        #expect(SentenceSegmenter(language: .english, lineBreaks: .paragraph).texts("The report was written by\nJ. Smith and others in the team.")
                == ["The report was written by J. Smith and others in the team."])
    }
}

/// Lines that break off mid-sentence run on, even into a capitalised line.
struct RunOnLineTests {
    @Test("German: a line ending on a function word or a lowercase word runs on into a capitalised line")
    func functionWords() {
        let de = SentenceSegmenter(language: .german)
        #expect(de.texts("Andere \nFischsorten (z.B. Hai) sind selten.") == ["Andere Fischsorten (z.B. Hai) sind selten."])
        #expect(de.texts("Sie sollen Ihnen helfen, eine möglichst problemlose \nSchwangerschaft zu erleben.")
                == ["Sie sollen Ihnen helfen, eine möglichst problemlose Schwangerschaft zu erleben."])
        #expect(de.texts("Das Werk wurde von der\nFirma gekauft.") == ["Das Werk wurde von der Firma gekauft."])
        // Headings and captions still end at the line break; elsewhere a capital starts a new line's sentence.
        #expect(de.texts("Wetterbericht\nEs regnet.") == ["Wetterbericht", "Es regnet."])
        #expect(SentenceSegmenter(language: .english).texts("Bank raises rates again\nThe bank raised rates.") == ["Bank raises rates again", "The bank raised rates."])
    }

    @Test("an ellipsis glued to the next word opens the next sentence")
    func leadingEllipsis() {
        #expect(SentenceSegmenter(language: .dutch).texts("81 procent van de schoten was raak. ...en toen barste de hel los.")
                == ["81 procent van de schoten was raak.", "...en toen barste de hel los."])
        #expect(SentenceSegmenter(language: .english).texts("The end . . . . Then more.") == ["The end . . . .", "Then more."])
    }
}
