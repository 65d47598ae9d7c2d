import Testing
import Foundation
import PrecisEvaluation
import PrecisText
import PrecisTestSupport

/// ROUGE and Porter stems against values produced by rouge-score 0.1.2 / NLTK (Data/fixtures/rouge).
struct RougeParityTests {
    static let fixtures = TestPaths.projectData.appendingPathComponent("fixtures/rouge")

    @Test("ROUGE-1/2/L match rouge-score 0.1.2 on every fixture pair")
    func parity() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("pairs.jsonl"), encoding: .utf8)
        let scorer = RougeScorer()
        var checked = 0
        for line in text.split(separator: "\n") {
            let record = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let reference = try #require(record["reference"] as? String)
            let candidate = try #require(record["candidate"] as? String)
            let got = scorer.score(reference: reference, candidate: candidate)
            for (name, score) in [("rouge1", got.rouge1), ("rouge2", got.rouge2), ("rougeL", got.rougeL)] {
                let expected = try #require(record[name] as? [String: Double])
                #expect(abs(score.precision - expected["precision"]!) < 1e-9, "\(name) precision for \(candidate.prefix(40))")
                #expect(abs(score.recall - expected["recall"]!) < 1e-9, "\(name) recall for \(candidate.prefix(40))")
                #expect(abs(score.f1 - expected["f1"]!) < 1e-9, "\(name) f1 for \(candidate.prefix(40))")
            }
            checked += 1
        }
        #expect(checked >= 20)
    }

    /// `word<TAB>stem` lines of a file, compared with ``PorterStemmer``.
    static func checkStems(_ url: URL) throws -> (checked: Int, wrong: [String]) {
        let text = try String(contentsOf: url, encoding: .utf8)
        let stemmer = PorterStemmer()
        var wrong: [String] = []
        var checked = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            let got = stemmer.stem(String(parts[0]))
            if got != parts[1] { wrong.append("\(parts[0]) -> \(got), expected \(parts[1])") }
            checked += 1
        }
        return (checked, wrong)
    }

    @Test("Porter stems equal NLTK's PorterStemmer() on the fixture words")
    func porter() throws {
        let (checked, wrong) = try Self.checkStems(Self.fixtures.appendingPathComponent("porter-stems.tsv"))
        #expect(checked > 500)
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
        // Optional larger list for development: PRECIS_PORTER_STEMS=/path/to/word-stem.tsv
        if let extra = ProcessInfo.processInfo.environment["PRECIS_PORTER_STEMS"] {
            let (n, bad) = try Self.checkStems(URL(fileURLWithPath: extra))
            #expect(bad.isEmpty, "\(bad.count) of \(n) differ: \(bad.prefix(20))")
        }
    }

    @Test("the tokenizer follows rouge-score: lowercase, [a-z0-9] runs, stems only beyond three letters")
    func tokens() {
        #expect(RougeTokenizer().tokens(in: "The cats' running-shoes!") == ["the", "cat", "run", "shoe"])
        #expect(RougeTokenizer(stemming: false).tokens(in: "Don't £1.13bn") == ["don", "t", "1", "13bn"])
        #expect(RougeTokenizer().tokens(in: "was has") == ["was", "has"])        // three letters: not stemmed
        #expect(RougeTokenizer().tokens(in: "") == [])
        #expect(RougeTokenizer(stemming: false).tokens(in: "\u{130}K") == ["i", "k"])     // İ → i̇, Kelvin sign → k
    }

    @Test("ROUGE values on hand-checked cases")
    func handChecked() {
        let s = RougeScorer().score(reference: "the cat sat on the mat", candidate: "the cat on the mat")
        #expect(s.rouge1.precision == 1 && abs(s.rouge1.recall - 5.0 / 6) < 1e-12)
        #expect(abs(s.rouge2.precision - 3.0 / 4) < 1e-12 && abs(s.rouge2.recall - 3.0 / 5) < 1e-12)
        #expect(RougeScorer.lcsLength([1, 2, 3, 4], [2, 4, 3]) == 2)
        let empty = RougeScorer().score(reference: "", candidate: "words")
        #expect(empty.rouge1 == RougeScore(precision: 0, recall: 0) && empty.rougeL == .zero)
        var total = RougeSummary()
        total.add(s)
        total.add(empty)
        #expect(abs(total.mean.rouge1.precision - 0.5) < 1e-12 && total.count == 2)
    }
}
