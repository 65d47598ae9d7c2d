import Testing
import Foundation
import PrecisText
import PrecisTestSupport

struct LanguageSegmentationTests {
    @Test("at least 95% of our per-language boundary cases are exactly right", arguments: ["da", "de", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ru", "sv"])
    func perLanguage(_ code: String) throws {
        let cases = try SegmentationCase.load("languages.jsonl").filter { $0.language == code }
        #expect(cases.count >= 4)
        let segmenter = SentenceSegmenter(language: Language(code: code)!)
        var wrong: [String] = []
        for c in cases where segmenter.texts(c.text) != c.sentences { wrong.append(c.text) }
        let accuracy = Double(cases.count - wrong.count) / Double(cases.count)
        #expect(accuracy >= 0.95, "\(code): \(wrong)")
    }

    @Test("with --language auto (the default), at least 95% of all the cases are still exactly right")
    func autoLanguage() throws {
        let cases = try SegmentationCase.load("languages.jsonl")
        let segmenter = SentenceSegmenter()
        let right = cases.filter { segmenter.texts($0.text) == $0.sentences }.count
        #expect(Double(right) / Double(cases.count) >= 0.95, "\(right) of \(cases.count)")
    }

    @Test("German: z. B., Mio., ordinal dates, „…“ quotes")
    func german() {
        let s = SentenceSegmenter(language: .german)
        #expect(s.texts("Die Arbeiten z. B. an der Brücke dauern an. Sie enden im Mai.")
                == ["Die Arbeiten z. B. an der Brücke dauern an.", "Sie enden im Mai."])
        #expect(s.texts("Es kostet 25 Mio. Euro. Die Stadt zahlt.") == ["Es kostet 25 Mio. Euro.", "Die Stadt zahlt."])
        #expect(s.texts("Er kam am 1. September. Es regnete.") == ["Er kam am 1. September.", "Es regnete."])
        #expect(s.texts("Das war 2019. Dann kam die Krise.") == ["Das war 2019.", "Dann kam die Krise."])
        #expect(s.texts("„Es ist vorbei.“ Er ging.") == ["„Es ist vorbei.“", "Er ging."])
    }

    @Test("French guillemets with spaces, Danish »…«, Spanish ¿…?")
    func quotationStyles() {
        #expect(SentenceSegmenter(language: .french).texts("« C'est fini. » Il part.") == ["« C'est fini. »", "Il part."])
        #expect(SentenceSegmenter(language: .danish).texts("»Det er slut.« Han gik.") == ["»Det er slut.«", "Han gik."])
        #expect(SentenceSegmenter(language: .spanish).texts("Se fue. ¿Por qué? No lo sé.") == ["Se fue.", "¿Por qué?", "No lo sé."])
    }

    @Test("language detection from stop words, on our samples and short texts")
    func detection() throws {
        for (file, language) in [("hafen-fest.de.txt", Language.german), ("port-fete.fr.txt", .french),
                                 ("fiesta-puerto.es.txt", .spanish), ("river-barrage.txt", .english)] {
            let text = try String(contentsOf: TestPaths.projectData.appendingPathComponent("samples/\(file)"), encoding: .utf8)
            #expect(LanguageDetector.detect(text) == language)
            #expect(SentenceSegmenter().segment(text).language == language.rawValue)
        }
        #expect(LanguageDetector.detect("De kat zit op de mat en de hond ligt in het gras.") == .dutch)
        #expect(LanguageDetector.detect("Il gatto è sulla sedia e il cane dorme nel giardino con la sua palla.") == .italian)
        #expect(LanguageDetector.detect("Кошка сидит на стуле, а собака спит в саду.") == .russian)
        #expect(LanguageDetector.detect("") == .english)
    }

    @Test("the embedded word lists equal Data/languages")
    func tablesMatchData() throws {
        for language in Language.allCases {
            let folder = TestPaths.projectData.appendingPathComponent("languages/\(language.rawValue)")
            let stop = try StopWords.read(path: folder.appendingPathComponent("stop-words.txt").path)
            #expect(stop == LanguageProfile.of(language).stopWords, "\(language)")
            #expect(stop.count > 80)
            guard language != .english else { continue }
            let abbreviations = try #require(Abbreviations(parsing: String(contentsOf: folder.appendingPathComponent("abbreviations.txt"), encoding: .utf8)))
            for (word, kind) in abbreviations.entries {
                #expect(LanguageProfile.of(language).abbreviations.kind(of: word) == kind, "\(language) \(word)")
            }
        }
        #expect(Language(code: "German") == .german && Language(code: "nb") == .norwegian && Language(code: "xx") == nil)
        #expect(LanguageSelection(argument: "auto") == .auto && LanguageSelection(argument: "ru") == .fixed(.russian))
    }
}
