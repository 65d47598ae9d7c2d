/// The HTML report of a cross-validation (`precis cross-validate --report`): the
/// per-fold scores, then the sections of a ``ClassificationReport`` for all
/// out-of-fold predictions pooled.
///
/// ```swift
/// let (summary, predictions) = try trainer.crossValidateWithPredictions(train, folds: 5)
/// let html = CrossValidationReport(title: "5-fold on train.tsv", summary: summary, predictions: predictions).html()
/// ```
public struct CrossValidationReport: Sendable {
    /// The page title.
    public var title: String
    /// Name/value lines about the options and the data.
    public var facts: [(String, String)]
    /// The cross-validation result.
    public var summary: CrossValidationSummary
    /// Every document's out-of-fold prediction; may be empty.
    public var predictions: [ScoredPrediction]

    /// A report of `summary`.
    public init(title: String, facts: [(String, String)] = [], summary: CrossValidationSummary,
                predictions: [ScoredPrediction] = []) {
        self.title = title
        self.facts = facts
        self.summary = summary
        self.predictions = predictions
    }

    /// The page.
    public func html() -> String {
        let pooled = summary.pooled
        var page = HTMLReport(title: title, subtitle: "\(summary.folds.count)-fold stratified cross-validation, \(pooled.n) documents, \(pooled.labels.count) classes")
        let tiles = [
            ("accuracy, mean ± std", HTMLReport.number(summary.mean.accuracy, 4) + " ± " + HTMLReport.number(summary.std.accuracy, 4)),
            ("macro F1, mean ± std", HTMLReport.number(summary.mean.macroF1, 4) + " ± " + HTMLReport.number(summary.std.macroF1, 4)),
            ("folds", "\(summary.folds.count)"), ("documents", "\(pooled.n)"),
        ]
        page.section("Summary", HTMLReport.tiles(tiles) + HTMLReport.facts(facts))
        let rows = summary.folds.enumerated().map { i, m in
            ["fold \(i + 1)", "\(m.n)", HTMLReport.number(m.accuracy, 4), HTMLReport.number(m.macroF1, 4),
             HTMLReport.number(m.weightedF1, 4), m.logLoss.map { HTMLReport.number($0, 4) } ?? "n/a"]
        }
        page.section("Per-fold scores", SVGChart.foldScores(summary.folds)
                        + HTMLReport.table(["fold", "documents", "accuracy", "macro F1", "weighted F1", "log-loss"], rows),
                     note: "Dashed lines: the means over folds.")
        ClassificationReport.addSections(to: &page, metrics: pooled, predictions: predictions, listLength: 15)
        return page.render()
    }
}
