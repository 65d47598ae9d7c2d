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
          precis evaluate-summaries --data bbc_summary.jsonl --split test --report rouge.html
          precis evaluate-summaries --data bbc_summary.jsonl --split test --match-reference --json
          precis summarize --jsonl articles.jsonl --sentences 3 > pred.jsonl
          precis evaluate-summaries --data articles.jsonl --predictions pred.jsonl --per-document scores.jsonl

        With --predictions, the summaries are not made here: each reference record is
        joined on "id" with a prediction record holding "summary" (a string) or
        "sentences" (strings, or objects with a "text" as summarize --jsonl writes).
        Every reference needs a prediction. --per-document writes one JSONL line per
        document: id, rouge1, rouge2, rougeL (precision, recall, f1 ×100).
        """
    )

    @Option(name: .long, help: ArgumentHelp("JSONL file with article and summary fields.", valueName: "path"))
    var data: String

    @Option(help: ArgumentHelp("Score these summaries (JSONL with id and summary or sentences) instead of summarising.", valueName: "PRED.jsonl"))
    var predictions: String?

    @Option(name: .customLong("per-document"), help: ArgumentHelp("Also write each document's ROUGE as JSONL to this file.", valueName: "FILE.jsonl"))
    var perDocument: String?

    @Option(name: .long, parsing: .unconditional, help: "Sentences per summary (default 3).")
    var sentences: Int?

    @Flag(name: .customLong("match-reference"), help: "Use as many sentences as each reference summary has.")
    var matchReference = false

    @Option(name: .long, help: ArgumentHelp("Only records whose \"split\" field is this (e.g. test).", valueName: "name"))
    var split: String?

    @OptionGroup var summarizer: SummarizerOptions
    @OptionGroup var text: TextOptions

    @Flag(name: .customLong("no-stemming"), help: "Score without Porter stemming.")
    var noRougeStemming = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML report (inline SVG charts) to this file.", valueName: "FILE.html"))
    var report: String?

    @OptionGroup(title: "Progress") var progress: ProgressOptions

    @Flag(name: .long, help: "Print JSON: n, rouge1, rouge2, rougeL (precision, recall, f1 ×100), seconds, documents_per_second.")
    var json = false

    func validate() throws {
        if matchReference && sentences != nil { throw ValidationError("give either --sentences or --match-reference, not both") }
        if predictions != nil && (matchReference || sentences != nil) {
            throw ValidationError("--predictions scores given summaries; --sentences and --match-reference do not apply")
        }
        try OptionFlags.validated { try SummaryLength.sentences(sentences ?? 3).validate() }
    }

    func run() throws {
        let inputs = [data] + (predictions.map { [$0] } ?? [])
        try ReportFile.checkWritable(report, inputs: inputs)
        try ReportFile.checkWritable(perDocument, inputs: inputs + (report.map { [$0] } ?? []))
        let bar = progress.start("scoring summaries")
        let start = Date()
        bar.status("reading \(data)")
        var records = try SummaryRecordReader.read(path: data)
        let allIDs = Set(records.map(\.id))
        if let split {
            records = records.filter { $0.split == split }
            if records.isEmpty { throw DatasetError(path: data, "no record has split \"\(split)\"") }
        }
        var configuration = self.summarizer.configuration
        configuration.segmenter = text.segmenter
        let scorer = RougeScorer(stemming: !noRougeStemming)
        var (result, documents) = try predictions.map {
            try SummaryEvaluation.score(references: records, predictions: try PredictedSummary.read(path: $0),
                                        allReferenceIDs: allIDs, scorer: scorer, referencePath: data, predictionPath: $0,
                                        progress: bar.documents)
        } ?? Summarizer(configuration: configuration).evaluateDocuments(
            on: records, length: matchReference ? .matchReference : .fixed(.sentences(sentences ?? 3)), scorer: scorer, path: data,
            progress: bar.documents)
        bar.finish()
        result.seconds = Date().timeIntervalSince(start)   // reading included, as the benchmarks expect
        if let perDocument {
            var lines: [UInt8] = []
            for d in documents { lines += try Output.jsonLine(d) }
            try ReportFile.write(lines, to: perDocument, inputs: inputs)
        }
        if let report {
            var facts = [("data", data), ("method", result.method?.rawValue ?? "predictions from \(predictions ?? "")"),
                         ("length", result.length)]
            if let split { facts.append(("split", split)) }
            try ReportFile.write(SummaryReport(title: "Summary evaluation on \(data)", facts: facts, result: result,
                                               documents: documents).html(), to: report, inputs: inputs)
        }
        if json { return try Output.json(result) }
        func row(_ name: String, _ s: RougeScore) -> String {
            name.padding(toLength: 9, withPad: " ", startingAt: 0)
                + String(format: "%9.2f %9.2f %9.2f", s.precision * 100, s.recall * 100, s.f1 * 100)
        }
        let lengthText = matchReference ? "as many sentences as the reference" : result.length
        let methodText = result.method.map { "method \($0.rawValue)" } ?? "summaries from \(predictions ?? "")"
        let lines = [
            "\(result.n) documents, \(methodText), \(lengthText)",
            "         precision    recall        f1",
            row("ROUGE-1", result.mean.rouge1), row("ROUGE-2", result.mean.rouge2), row("ROUGE-L", result.mean.rougeL),
            String(format: "%.3f s, %.0f documents/s", result.seconds, result.documentsPerSecond),
        ]
        try Output.write(lines.joined(separator: "\n") + "\n")
    }
}
