/// The HTML report of a cross-validation (`precis cross-validate --report`): the
/// per-fold scores, then the sections of a ``ClassificationReport`` for all
/// out-of-fold predictions pooled.
///
/// ```swift
/// let (summary, predictions) = try trainer.crossValidateWithPredictions(train, folds: 5)
/// let html = CrossValidationReport(title: "5-fold on train.tsv", summary: summary, predictions: predictions).html()
/// ```
public typealias CrossValidationReport = Report<CrossValidationContent>

extension Report where Content == CrossValidationContent {
    /// A report of `summary`.
    public init(title: String, facts: [(String, String)] = [], summary: CrossValidationSummary,
                predictions: [ScoredPrediction] = []) {
        let pooled = ClassifierEvaluationContent(metrics: summary.pooled, predictions: predictions)
        self.init(title: title, facts: facts, content: CrossValidationContent(summary: summary, pooled: pooled))
    }
}

/// What a ``CrossValidationReport`` shows.
public struct CrossValidationContent: ReportContent {
    /// The cross-validation result.
    public var summary: CrossValidationSummary
    /// The sections of a ``ClassificationReport`` of every document's out-of-fold
    /// prediction (``CrossValidationSummary/pooled`` and the predictions, which may be empty).
    public var pooled: ClassifierEvaluationContent

    public var subtitle: String {
        "\(summary.folds.count)-fold stratified cross-validation, \(summary.pooled.n) documents, \(summary.pooled.labels.count) classes"
    }

    public func addSections(to page: inout HTMLReport, facts: [(String, String)]) {
        let tiles = [
            ("accuracy, mean ± std", HTMLReport.number(summary.mean.accuracy, 4) + " ± " + HTMLReport.number(summary.std.accuracy, 4)),
            ("macro F1, mean ± std", HTMLReport.number(summary.mean.macroF1, 4) + " ± " + HTMLReport.number(summary.std.macroF1, 4)),
            ("folds", "\(summary.folds.count)"), ("documents", "\(summary.pooled.n)"),
        ]
        page.section("Summary", HTMLReport.tiles(tiles) + HTMLReport.facts(facts))
        let rows = summary.folds.enumerated().map { i, m in
            ["fold \(i + 1)", "\(m.n)", HTMLReport.number(m.accuracy, 4), HTMLReport.number(m.macroF1, 4),
             HTMLReport.number(m.weightedF1, 4), m.logLoss.map { HTMLReport.number($0, 4) } ?? "n/a"]
        }
        page.section("Per-fold scores", SVGChart.foldScores(summary.folds)
                        + HTMLReport.table(["fold", "documents", "accuracy", "macro F1", "weighted F1", "log-loss"], rows),
                     note: "Dashed lines: the means over folds.")
        pooled.addDetailSections(to: &page)
    }
}
