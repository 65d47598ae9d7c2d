import ArgumentParser
import Foundation
import Precis

/// `precis evaluate-summaries`: ROUGE of the summariser against reference summaries.
struct EvaluateSummariesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-summaries",
        abstract: "Score summaries against references with ROUGE-1/2/L (rouge-score conventions).",
        discussion: """
        Reads a JSONL file of {"id","article","summary"} records, summarises each article and
        reports the mean precision, recall and F1 (×100) of ROUGE-1, ROUGE-2 and ROUGE-L with
        Google's rouge-score conventions (lowercase, [a-z0-9] tokens, Porter stemming).

        Examples:
          precis evaluate-summaries --data bbc_summary.jsonl --sentences 3
          precis evaluate-summaries --data bbc_summary.jsonl --split test --match-reference --json
        """
    )

    @Option(name: .long, help: ArgumentHelp("JSONL file with article and summary fields.", valueName: "path"))
    var data: String

    @Option(name: .long, parsing: .unconditional, help: "Sentences per summary (default 3).")
    var sentences: Int?

    @Flag(name: .customLong("match-reference"), help: "Use as many sentences as each reference summary has.")
    var matchReference = false

    @Option(name: .long, help: ArgumentHelp("Only records whose \"split\" field is this (e.g. test).", valueName: "name"))
    var split: String?

    @OptionGroup var summarizer: SummarizerOptions

    @Flag(name: .customLong("no-stemming"), help: "Score without Porter stemming.")
    var noRougeStemming = false

    @Flag(name: .long, help: "Print JSON: n, rouge1, rouge2, rougeL (precision, recall, f1 ×100), seconds, documents_per_second.")
    var json = false

    func validate() throws {
        if matchReference && sentences != nil { throw ValidationError("give either --sentences or --match-reference, not both") }
        if let sentences, sentences < 0 { throw ValidationError("--sentences must be 0 or more, got \(sentences)") }
    }

    func run() throws {
        let start = Date()
        var records = try SummaryRecordReader.read(path: data)
        if let split {
            records = records.filter { $0.split == split }
            if records.isEmpty { throw SummaryInputError(description: "\(data): no record has split \"\(split)\"") }
        }
        for record in records where record.summary == nil {
            throw SummaryInputError(description: "\(data):\(record.line): record has no \"summary\" to compare with")
        }
        let summarizer = Summarizer(configuration: self.summarizer.configuration)
        SummaryBLASThreads.useOneThreadPerWorker()
        let scorer = RougeScorer(stemming: !noRougeStemming)
        let segmenter = SentenceSegmenter()
        let fixed = sentences ?? 3
        let matchReference = self.matchReference
        let scores: [RougeScores] = orderedParallelMap(records.count, chunk: 8) { i in
            let record = records[i]
            let reference = record.summary ?? ""
            var count = fixed
            if matchReference {
                count = record.summarySentences?.count ?? segmenter.sentences(in: reference).count
            }
            let summary = summarizer.summarize(SummaryInput.plain(record.article), length: .sentences(count))
            return scorer.score(reference: reference, candidate: summary.text)
        }
        var total = RougeSummary()
        for s in scores { total.add(s) }
        let seconds = Date().timeIntervalSince(start)
        let mean = total.mean
        let rate = Double(records.count) / max(seconds, 1e-9)
        if json {
            var out = SummaryJSON()
            out.raw("{\"n\":\(records.count),")
            out.rouge("rouge1", mean.rouge1)
            out.raw(",")
            out.rouge("rouge2", mean.rouge2)
            out.raw(",")
            out.rouge("rougeL", mean.rougeL)
            out.raw(",\"seconds\":")
            out.number(seconds)
            out.raw(",\"documents_per_second\":")
            out.number(rate)
            out.raw(",\"method\":")
            out.string(summarizer.configuration.method.rawValue)
            out.raw(",\"length\":")
            out.string(matchReference ? "match-reference" : "\(fixed) sentences")
            out.raw("}\n")
            try writeStandardOutput(out.bytes)
        } else {
            func row(_ name: String, _ s: RougeScore) -> String {
                name.padding(toLength: 9, withPad: " ", startingAt: 0)
                    + String(format: "%9.2f %9.2f %9.2f", s.precision * 100, s.recall * 100, s.f1 * 100)
            }
            let lengthText = matchReference ? "as many sentences as the reference" : "\(fixed) sentences"
            let lines = [
                "\(records.count) documents, method \(summarizer.configuration.method.rawValue), \(lengthText)",
                "         precision    recall        f1",
                row("ROUGE-1", mean.rouge1), row("ROUGE-2", mean.rouge2), row("ROUGE-L", mean.rougeL),
                String(format: "%.3f s, %.0f documents/s", seconds, rate),
            ]
            try writeStandardOutput(Array((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
