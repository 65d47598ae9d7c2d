import Foundation

/// The HTML report of a classifier's evaluation (`precis evaluate --report`): the
/// model and data summary, a row-normalised confusion heatmap with the top
/// confusions listed, per-class precision/recall/F1 bars, a reliability diagram and
/// the most confident mistakes with their text. One self-contained file.
///
/// ```swift
/// let (metrics, predictions) = try classifier.evaluateWithPredictions(on: test)
/// let html = ClassificationReport(title: "topics.precis on test.tsv", metrics: metrics,
///                                 predictions: predictions).html()
/// ```
public typealias ClassificationReport = Report<ClassifierEvaluationContent>

extension Report where Content == ClassifierEvaluationContent {
    /// A report of `metrics` (and `predictions`, when known).
    public init(title: String, facts: [(String, String)] = [], metrics: ClassificationMetrics,
                predictions: [ScoredPrediction] = []) {
        self.init(title: title, facts: facts, content: ClassifierEvaluationContent(metrics: metrics, predictions: predictions))
    }
}

/// What a ``ClassificationReport`` shows.
public struct ClassifierEvaluationContent: ReportContent {
    /// The metrics.
    public var metrics: ClassificationMetrics
    /// Each document's prediction (for the reliability diagram and the mistakes); may be empty.
    public var predictions: [ScoredPrediction] = []
    /// How many confusions and mistakes to list.
    public var listLength = 15

    public var subtitle: String { "\(metrics.n) documents, \(metrics.labels.count) classes" }

    public func addSections(to page: inout HTMLReport, facts: [(String, String)]) {
        var tiles = [("accuracy", HTMLReport.number(metrics.accuracy, 4)), ("macro F1", HTMLReport.number(metrics.macroF1, 4)),
                     ("weighted F1", HTMLReport.number(metrics.weightedF1, 4))]
        if let logLoss = metrics.logLoss { tiles.append(("log-loss", HTMLReport.number(logLoss, 4))) }
        if !predictions.isEmpty {
            tiles.append(("expected calibration error", HTMLReport.number(ReliabilityDiagram(predictions).expectedCalibrationError, 4)))
        }
        tiles += [("documents", "\(metrics.n)"), ("classes", "\(metrics.labels.count)")]
        var summary = HTMLReport.tiles(tiles) + HTMLReport.facts(facts)
        if !metrics.unseenLabels.isEmpty {
            summary += "<p class=\"note\">Labels the model never saw (always errors): "
                + HTMLReport.escape(metrics.unseenLabels.prefix(20).joined(separator: "; "))
                + (metrics.unseenLabels.count > 20 ? " … and \(metrics.unseenLabels.count - 20) more" : "") + "</p>"
        }
        page.section("Summary", summary)
        addDetailSections(to: &page)
    }

    /// The confusion, per-class, reliability and mistakes sections (shared with ``CrossValidationReport``).
    func addDetailSections(to page: inout HTMLReport) {
        let k = metrics.labels.count
        let confusions = metrics.topConfusions(limit: listLength)
        let confusionTable = HTMLReport.table(
            ["true label", "predicted as", "documents", "share of true label"],
            confusions.map { [$0.trueLabel, $0.predicted, "\($0.count)", String(format: "%.1f%%", $0.share * 100)] },
            numericFrom: 2)
        // Beyond `heatmapLimit` classes the heatmap keeps the most frequent ones (true or
        // predicted), in label order; the confusions table still covers every class.
        var shown = Array(0..<k)
        if k > Self.heatmapLimit {
            let weight = (0..<k).map { i in metrics.confusion[i].reduce(0, +) + metrics.confusion.reduce(0) { $0 + $1[i] } }
            shown = Array(shown.sorted { (weight[$0], -$0) > (weight[$1], -$1) }.prefix(Self.heatmapLimit)).sorted()
        }
        let heatmapNote = k > Self.heatmapLimit
            ? " Showing the \(Self.heatmapLimit) most frequent of \(k) classes." : ""
        page.section("Confusion matrix",
                     SVGChart.confusionHeatmap(labels: shown.map { metrics.labels[$0] },
                                               counts: shown.map { i in shown.map { metrics.confusion[i][$0] } })
                        + "<h3>Top confusions</h3>" + (confusions.isEmpty ? "<p>No errors.</p>" : confusionTable),
                     note: "Rows are true labels, columns predictions; each cell is shaded by its share of the row"
                        + (k <= 25 ? " and shows its count." : " (hover a cell for its count).") + heatmapNote)
        let rows = metrics.labels.map { (label: $0, metrics: metrics.perClass[$0] ?? ClassMetrics(precision: 0, recall: 0, f1: 0, support: 0)) }
        let sorted = k <= 20 ? rows : rows.sorted { ($0.metrics.f1, $0.label) < ($1.metrics.f1, $1.label) }
        page.section("Per-class precision, recall and F1", SVGChart.classBars(sorted),
                     note: k <= 20 ? "In label order." : "Sorted by F1, weakest first.")
        guard !predictions.isEmpty else { return }
        let diagram = ReliabilityDiagram(predictions)
        let binRows = diagram.bins.filter { $0.count > 0 }.map {
            [String(format: "%.1f–%.1f", $0.lower, $0.upper), "\($0.count)", HTMLReport.number($0.meanConfidence),
             HTMLReport.number($0.accuracy)]
        }
        page.section("Reliability (calibration)",
                     "<div style=\"display:flex;gap:24px;flex-wrap:wrap\">" + SVGChart.reliability(diagram)
                        + HTMLReport.table(["top-class probability", "documents", "mean probability", "accuracy"], binRows)
                        + "</div>",
                     note: "Documents binned by the probability of their predicted label. Bars: accuracy in the bin; red: mean probability; dashed: perfect calibration. Expected calibration error "
                        + HTMLReport.number(diagram.expectedCalibrationError, 4) + ".")
        let mistakes = predictions.filter { !$0.isCorrect }.sorted { $0.confidence > $1.confidence }.prefix(listLength)
        let mistakeRows = mistakes.map {
            [HTMLReport.escape($0.trueLabel), HTMLReport.escape($0.predicted), HTMLReport.number($0.confidence),
             "<div class=\"text\">" + HTMLReport.escape(String($0.text.prefix(600)) + ($0.text.count > 600 ? "…" : "")) + "</div>"]
        }
        page.section("Most confident mistakes",
                     mistakes.isEmpty ? "<p>No mistakes.</p>"
                        : HTMLReport.table(["true label", "predicted", "probability", "text"], mistakeRows, raw: true, numericFrom: 2),
                     note: "The errors the model was surest of: often mislabelled data or overlapping classes.")
    }

    /// The most classes the heatmap draws.
    static let heatmapLimit = 100
}
