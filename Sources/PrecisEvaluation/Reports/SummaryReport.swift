/// The HTML report of a summary evaluation (`precis evaluate-summaries --report`):
/// the mean ROUGE, the distribution of each document's ROUGE-1/2/L F1, and the best
/// and worst documents by ROUGE-L F1 with the chosen sentences highlighted in the
/// article beside the reference.
///
/// ```swift
/// let (result, documents) = try Summarizer().evaluateDocuments(on: records, length: .matchReference)
/// let html = SummaryReport(title: "BBC test", result: result, documents: documents).html()
/// ```
public typealias SummaryReport = Report<SummaryEvaluationContent>

extension Report where Content == SummaryEvaluationContent {
    /// A report of `result` and its `documents`.
    public init(title: String, facts: [(String, String)] = [], result: SummaryEvaluation, documents: [SummaryDocumentScore]) {
        self.init(title: title, facts: facts, content: SummaryEvaluationContent(result: result, documents: documents))
    }
}

/// What a ``SummaryReport`` shows.
public struct SummaryEvaluationContent: ReportContent {
    /// The aggregate result.
    public var result: SummaryEvaluation
    /// Each document's scores.
    public var documents: [SummaryDocumentScore]
    /// How many best and worst documents to show.
    public var examples = 3

    public var subtitle: String {
        "\(result.n) documents, method \(result.method?.rawValue ?? "from a predictions file"), \(result.length)"
    }

    public func addSections(to page: inout HTMLReport, facts: [(String, String)]) {
        let m = result.mean
        page.section("Summary", HTMLReport.tiles([
            ("ROUGE-1 F1", HTMLReport.number(m.rouge1.f1 * 100, 2)), ("ROUGE-2 F1", HTMLReport.number(m.rouge2.f1 * 100, 2)),
            ("ROUGE-L F1", HTMLReport.number(m.rougeL.f1 * 100, 2)), ("documents", "\(result.n)"),
        ]) + HTMLReport.facts(facts) + HTMLReport.table(["measure", "precision", "recall", "F1"], [
            ["ROUGE-1"] + [m.rouge1.precision, m.rouge1.recall, m.rouge1.f1].map { HTMLReport.number($0 * 100, 2) },
            ["ROUGE-2"] + [m.rouge2.precision, m.rouge2.recall, m.rouge2.f1].map { HTMLReport.number($0 * 100, 2) },
            ["ROUGE-L"] + [m.rougeL.precision, m.rougeL.recall, m.rougeL.f1].map { HTMLReport.number($0 * 100, 2) },
        ]), note: "Mean over documents, ×100 (rouge-score conventions).")
        page.section("Distributions",
                     "<div style=\"display:flex;flex-wrap:wrap;gap:12px\">"
                        + SVGChart.histogram(documents.map(\.scores.rouge1.f1), caption: "ROUGE-1 F1 per document")
                        + SVGChart.histogram(documents.map(\.scores.rouge2.f1), caption: "ROUGE-2 F1 per document")
                        + SVGChart.histogram(documents.map(\.scores.rougeL.f1), caption: "ROUGE-L F1 per document")
                        + "</div>", note: "Red: the mean.")
        let ranked = documents.indices.sorted {
            (documents[$0].scores.rougeL.f1, documents[$1].id) > (documents[$1].scores.rougeL.f1, documents[$0].id)
        }
        let best = Array(ranked.prefix(examples))
        let worst = Array(ranked.suffix(min(examples, max(0, ranked.count - best.count))).reversed())
        page.section("Best documents (ROUGE-L F1)", best.map { card(documents[$0]) }.joined())
        page.section("Worst documents (ROUGE-L F1)", worst.map { card(documents[$0]) }.joined(),
                     note: "Highlighted: the sentences the summary chose.")
    }

    func card(_ d: SummaryDocumentScore) -> String {
        let e = HTMLReport.escape
        var s = "<div class=\"doc\"><p><b>\(e(d.id))</b> ROUGE-1 \(HTMLReport.number(d.scores.rouge1.f1 * 100, 1)) · ROUGE-2 \(HTMLReport.number(d.scores.rouge2.f1 * 100, 1)) · ROUGE-L \(HTMLReport.number(d.scores.rougeL.f1 * 100, 1))</p>"
        s += "<p class=\"note\">Reference: \(e(d.reference))</p>"
        if d.articleSentences.isEmpty {
            s += "<p class=\"note\">Summary: \(e(d.candidate))</p>"
        } else {
            let chosen = Set(d.selected)
            s += "<div class=\"article\">" + d.articleSentences.enumerated().map { i, text in
                chosen.contains(i) ? "<p><mark>\(e(text))</mark></p>" : "<p>\(e(text))</p>"
            }.joined() + "</div>"
        }
        return s + "</div>"
    }
}
