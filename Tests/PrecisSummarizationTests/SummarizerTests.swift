import Testing
import Foundation
import PrecisSummarization
import PrecisText
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisTestSupport

struct SummarizerTests {
    static func sample(_ name: String) throws -> String {
        try String(contentsOf: TestPaths.projectData.appendingPathComponent("samples/\(name)"), encoding: .utf8)
    }

    @Test("every method returns the requested number of candidate sentences, in document order",
          arguments: SummaryMethod.allCases)
    func documentOrder(_ method: SummaryMethod) throws {
        let text = try Self.sample("river-barrage.txt")
        let summary = Summarizer(method: method).summarize(text, length: .sentences(3))
        #expect(summary.sentences.count == 3)
        let indices = summary.sentences.map(\.index)
        #expect(indices == indices.sorted())
        for s in summary.sentences {
            #expect(summary.documentSentences[s.index].isCandidate)
            #expect(summary.documentSentences[s.index].text == s.text)
        }
        #expect(summary.text == summary.sentences.map(\.text).joined(separator: " "))
    }

    @Test("Lead-k takes the first k body sentences (never the headline)")
    func lead() throws {
        let text = try Self.sample("school-meals.txt")
        let summary = Summarizer(method: .lead).summarize(text, length: .sentences(2))
        #expect(summary.sentences.map(\.text) == [
            "Every primary school pupil in Carrow will receive a free hot lunch from September, the city council has announced.",
            "The £9.4m-a-year plan covers about 21,000 children and replaces a means-tested system that councillors said left many families just above the threshold struggling to pay.",
        ])
    }

    @Test("lengths: sentences, ratio, words, zero")
    func lengths() throws {
        let text = try Self.sample("river-barrage.txt")
        let summarizer = Summarizer()
        let candidates = SentenceSegmenter().sentences(in: text).filter(\.isCandidate).count
        #expect(summarizer.summarize(text, length: .sentences(0)).isEmpty)
        #expect(summarizer.summarize(text, length: .sentences(1000)).sentences.count <= candidates)
        #expect(summarizer.summarize(text, length: .ratio(0.5)).sentences.count == Int((0.5 * Double(candidates)).rounded()))
        #expect(summarizer.summarize(text, length: .ratio(0.01)).sentences.count == 1)
        let words = summarizer.summarize(text, length: .words(60))
        #expect(!words.isEmpty)
        #expect(words.sentences.reduce(0) { $0 + words.documentSentences[$1.index].wordCount } <= 60)
        #expect(summarizer.summarize(text, length: .words(0)).isEmpty)
        #expect(summarizer.summarize(text, length: .words(1)).isEmpty)                 // a hard limit: nothing fits
    }

    @Test("near-duplicate sentences are never both chosen", arguments: SummaryMethod.allCases)
    func redundancy(_ method: SummaryMethod) {
        let text = """
        The central bank raised interest rates to 5% on Thursday to fight inflation.
        The central bank raised interest rates to 5% on Thursday, to fight inflation.
        Inflation has risen for six months in a row, driven by energy prices.
        The central bank said interest rates could rise again if inflation persists.
        Economists said higher interest rates would slow the housing market.
        Energy prices rose sharply after the winter storms hit supply.
        """
        let summary = Summarizer(method: method).summarize(text, length: .sentences(4))
        let chosen = Set(summary.sentences.map(\.index))
        if method != .lead { #expect(!(chosen.contains(0) && chosen.contains(1))) }
        #expect(summary.sentences.count == (method == .lead ? 4 : 4))
    }

    @Test("exact repeats are dropped by the similarity cap")
    func exactRepeats() {
        let line = "The council approved the new budget after a long debate on Tuesday."
        let text = Array(repeating: line, count: 6).joined(separator: " ") + " Opposition members walked out before the vote."
        let summary = Summarizer(method: .textRank).summarize(text, length: .sentences(3))
        #expect(summary.sentences.filter { $0.text == line }.count == 1)
    }

    @Test("furniture and headings are never chosen; no candidates gives an empty summary")
    func furniture() {
        let text = "Last Updated: 10:32 GMT\nBy Jane Smith\nShare this article\nHeadline without a stop\nThe only real sentence is this one here."
        let summary = Summarizer().summarize(text, length: .sentences(3))
        #expect(summary.sentences.map(\.text) == ["The only real sentence is this one here."])
        #expect(Summarizer().summarize("", length: .sentences(3)).isEmpty)
        // Only unpunctuated lines: they are the candidates.
        let lines = "Rail fares to be frozen next year\nMinister announces review of ticket prices\nUnions welcome the decision on fares"
        #expect(Summarizer().summarize(lines, length: .sentences(2)).sentences.count == 2)
        #expect(Summarizer().summarize("   \n\n ", length: .sentences(3)).isEmpty)
        #expect(Summarizer().summarize(String(repeating: "word ", count: 400_000), length: .sentences(3)).isEmpty)
    }

    @Test("the dangling-pronoun factor keeps back-referring openers out when set low")
    func pronouns() throws {
        let text = try Self.sample("river-barrage.txt")
        var config = SummarizerConfiguration()
        config.danglingPronounFactor = 0.01
        let summary = Summarizer(configuration: config).summarize(text, length: .sentences(4))
        let openers = ["He ", "She ", "It ", "Its ", "They ", "This ", "\"If it"]
        #expect(!summary.sentences.contains { s in openers.contains { s.text.hasPrefix($0) } })
        #expect(Summarizer().summarize(text, length: .sentences(4)).sentences.contains { $0.text.hasPrefix("Its ") || $0.text.hasPrefix("He ") })
    }

    @Test("same input, same output")
    func deterministic() throws {
        let text = try Self.sample("river-barrage.txt")
        let a = Summarizer().summarize(text, length: .sentences(3))
        let b = Summarizer().summarize(text, length: .sentences(3))
        #expect(a == b)
    }

    @Test("a 2,000-sentence document is summarised (one syrk, gemv power iteration)")
    func longDocument() {
        var rng = SeededGenerator(seed: 11)
        let words = (0..<3000).map { "w\($0)" }
        var sentences: [String] = []
        for _ in 0..<2000 {
            let n = 8 + Int(rng.next() % 12)
            let body = (0..<n).map { _ in words[Int(rng.next() % 3000)] }.joined(separator: " ")
            sentences.append("Item " + body + ".")
        }
        let summary = Summarizer().summarize(sentences.joined(separator: " "), length: .sentences(5))
        #expect(summary.documentSentences.count == 2000)
        #expect(summary.sentences.count == 5)
        #expect(summary.scores.allSatisfy { $0.isFinite && $0 >= 0 })
    }
}

struct SentenceGraphTests {
    @Test("PageRank matches a double-precision power iteration, with and without personalisation")
    func pageRank() {
        var rng = SeededGenerator(seed: 5)
        let n = 9
        var w = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in (i + 1)..<n {
            let v = Float.random(in: 0...1, using: &rng)
            let x: Float = v < 0.3 ? 0 : v
            w[i, j] = x; w[j, i] = x
        } }
        for j in 0..<n { w[n - 1, j] = 0; w[j, n - 1] = 0 }       // one dangling node
        for personalization in [nil, (0..<n).map { 1 / Float($0 + 1) }] {
            let got = PageRank(damping: 0.85, tolerance: 1e-9, maximumIterations: 1000).scores(w, personalization: personalization)
            var v = (personalization ?? [Float](repeating: 1, count: n)).map(Double.init)
            let vs = v.reduce(0, +); v = v.map { $0 / vs }
            var p = v
            for _ in 0..<2000 {
                var next = [Double](repeating: 0, count: n)
                var dangling = 0.0
                for i in 0..<n {
                    let rowSum = (0..<n).reduce(0.0) { $0 + Double(w[i, $1]) }
                    if rowSum == 0 { dangling += p[i]; continue }
                    for j in 0..<n { next[j] += p[i] * Double(w[i, j]) / rowSum }
                }
                p = (0..<n).map { 0.15 * v[$0] + 0.85 * (next[$0] + dangling * v[$0]) }
            }
            for i in 0..<n { #expect(abs(Double(got[i]) - p[i]) < 1e-4) }
            #expect(abs(got.reduce(0, +) - 1) < 1e-4)
        }
    }

    @Test("sentence vectors equal TfidfVectorizer's rows when stemming is off")
    func vectorsMatchTfidf() throws {
        let sentences = ["The bank raised rates again.", "Rates rose, and rose again!", "Nothing in common here.", "the the bank"]
        var config = TfidfConfiguration()
        config.stopWords = ["the", "and"]
        config.sublinearTF = true
        let ours = SentenceVectorizer(configuration: config, stemming: false).vectorize(sentences)
        let (model, theirs) = try TfidfVectorizer(configuration: config).fitTransform(sentences)
        #expect(Set(ours.terms) == Set(model.vocabulary))
        for i in 0..<sentences.count {
            for (j, term) in ours.terms.enumerated() {
                let k = try #require(model.featureIndex(of: term))
                #expect(abs(ours.matrix[i, j] - theirs[i, k]) < 1e-6)
            }
        }
    }

    @Test("the BLAS similarity matrix equals pairwise cosines")
    func similarity() {
        let sentences = ["Rates rose sharply today.", "Rates fell sharply.", "Snow fell overnight.", "Nothing."]
        let v = SentenceVectorizer().vectorize(sentences)
        let s = SentenceSimilarity.matrix(v)
        for i in 0..<4 { for j in 0..<4 {
            var dot: Float = 0
            for t in 0..<v.matrix.columns { dot += v.matrix[i, t] * v.matrix[j, t] }
            if i == j && dot > 0 { dot = 1 }
            #expect(abs(s[i, j] - dot) < 1e-6)
        } }
        #expect(s[0, 2] == 0 && s[1, 2] > 0)
    }
}

struct KeywordTests {
    @Test("keyphrases of a sample article name its subject")
    func sample() throws {
        let text = try SummarizerTests.sample("river-barrage.txt")
        let phrases = KeywordExtractor().keyphrases(in: text, top: 10)
        #expect(phrases.count == 10)
        #expect(phrases.contains { $0.text.contains("estuary") || $0.text.contains("barrage") })
        #expect(phrases.map(\.score) == phrases.map(\.score).sorted(by: >))
        #expect(phrases.allSatisfy { !$0.text.isEmpty && $0.count >= 1 })
        #expect(!phrases.contains { SummaryStopWords.english.contains($0.text) })
    }

    @Test("phrases never repeat a word; run-on text still yields keyphrases")
    func distinctWords() {
        let text = String(repeating: "power power grid power station grid ", count: 2000)
        let phrases = KeywordExtractor().keyphrases(in: text, top: 5)
        #expect(!phrases.isEmpty)
        for p in phrases {
            let words = p.text.split(separator: " ")
            #expect(Set(words).count == words.count, "\(p.text)")
        }
    }

    @Test("no content words, no keyphrases")
    func empty() {
        #expect(KeywordExtractor().keyphrases(in: "", top: 5).isEmpty)
        #expect(KeywordExtractor().keyphrases(in: "It is what it is. 2004 2005.", top: 5).isEmpty)
        #expect(KeywordExtractor().keyphrases(in: "Banks lend money.", top: 0).isEmpty)
    }
}

struct LargeDocumentTests {
    @Test("a 2 MB line with a full stop every ten words (about 37,000 sentences) is summarised without a dense graph")
    func manySentences() {
        var rng = SeededGenerator(seed: 3)
        let words = ["market", "bank", "rates", "council", "vote", "team", "match", "film", "music", "court", "phone", "storm"]
        var parts: [String] = []
        var size = 0
        while size < 2_000_000 {
            let s = "Word " + (0..<9).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ") + "."
            parts.append(s)
            size += s.utf8.count + 1
        }
        let summary = Summarizer().summarize(parts.joined(separator: " "), length: .sentences(3))
        #expect(summary.documentSentences.count == parts.count)
        #expect(summary.sentences.count == 3)
        #expect(Set(summary.sentences.map(\.text)).count == 3)
    }

    @Test("the linear fallback keeps budgets, document order and drops exact repeats")
    func fallback() throws {
        var config = SummarizerConfiguration()
        config.maximumGraphSentences = 3
        let repeated = "The council approved the new budget after a long debate on Tuesday."
        let text = try SummarizerTests.sample("school-meals.txt") + "\n" + repeated + " " + repeated
        for method in SummaryMethod.allCases {
            config.method = method
            let summary = Summarizer(configuration: config).summarize(text, length: .sentences(4))
            #expect(summary.sentences.count == 4)
            #expect(summary.sentences.map(\.index) == summary.sentences.map(\.index).sorted())
            #expect(summary.sentences.filter { $0.text == repeated }.count <= 1)
        }
    }
}
