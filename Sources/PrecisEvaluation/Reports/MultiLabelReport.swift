import Foundation

/// The HTML report of a multi-label classifier's evaluation (`precis evaluate
/// --report` with a multi-label model): the model and data summary with the
/// micro, macro and samples figures, per-label F1 by support (a scatter and bars
/// sorted by support), a reliability diagram of the per-label probabilities and
/// the most confident mistakes with their text. One self-contained file.
///
/// ```swift
/// let evaluation = classifier.evaluateMultiLabel(texts: texts, labelSets: labelSets)
/// let html = MultiLabelReport(title: "reuters.precis on test.tsv", evaluation: evaluation).html()
/// ```
public typealias MultiLabelReport = Report<MultiLabelEvaluationContent>

extension Report where Content == MultiLabelEvaluationContent {
    /// A report of a multi-label evaluation.
    public init(title: String, facts: [(String, String)] = [], evaluation: MultiLabelEvaluation) {
        self.init(title: title, facts: facts, content: MultiLabelEvaluationContent(evaluation))
    }
}

/// What a ``MultiLabelReport`` shows.
public struct MultiLabelEvaluationContent: ReportContent {
    /// The metrics.
    public var metrics: MultiLabelMetrics
    /// Each document's prediction (for the label counts and the mistakes); may be empty.
    public var predictions: [MultiLabelPrediction]
    /// Calibration of the per-label probabilities, when known.
    public var reliability: ReliabilityDiagram?
    /// How many mistakes to list.
    public var listLength = 15

    /// The content of an evaluation.
    public init(_ evaluation: MultiLabelEvaluation) {
        self.init(metrics: evaluation.metrics, predictions: evaluation.predictions, reliability: evaluation.reliability)
    }

    /// Content from its parts.
    public init(metrics: MultiLabelMetrics, predictions: [MultiLabelPrediction] = [], reliability: ReliabilityDiagram? = nil) {
        self.metrics = metrics
        self.predictions = predictions
        self.reliability = reliability
    }

    public var subtitle: String { "\(metrics.documents) documents, \(metrics.perLabel.count) labels (multi-label)" }

    public func addSections(to page: inout HTMLReport, facts: [(String, String)]) {
        page.section("Summary", HTMLReport.tiles(tiles) + HTMLReport.facts(facts) + cardinality)
        addDetailSections(to: &page)
    }

    /// The headline figures.
    var tiles: [(String, String)] {
        var tiles = [("micro F1", HTMLReport.number(metrics.microF1, 4)), ("macro F1", HTMLReport.number(metrics.macroF1, 4)),
                     ("samples F1", HTMLReport.number(metrics.samplesF1, 4)),
                     ("subset accuracy", HTMLReport.number(metrics.subsetAccuracy, 4)),
                     ("Hamming loss", HTMLReport.number(metrics.hammingLoss, 4))]
        if let reliability { tiles.append(("calibration error (labels)", HTMLReport.number(reliability.expectedCalibrationError, 4))) }
        return tiles + [("documents", "\(metrics.documents)"), ("labels", "\(metrics.perLabel.count)")]
    }

    /// How many labels documents have and get.
    var cardinality: String {
        guard !predictions.isEmpty else { return "" }
        let n = Double(predictions.count)
        let truth = Double(predictions.reduce(0) { $0 + $1.trueLabels.count }) / n
        let guessed = Double(predictions.reduce(0) { $0 + $1.predicted.count }) / n
        let several = predictions.filter { $0.trueLabels.count > 1 }.count
        return "<p class=\"note\">Labels per document: \(HTMLReport.number(truth, 2)) true, \(HTMLReport.number(guessed, 2)) predicted; "
            + "\(several) documents (\(String(format: "%.1f", Double(several) / n * 100))%) have several true labels.</p>"
    }

    /// The per-label, calibration and mistakes sections (shared with the cross-validation report).
    func addDetailSections(to page: inout HTMLReport) {
        let rows = metrics.perLabel.map { (label: $0.key, metrics: $0.value) }
            .sorted { ($0.metrics.support, $1.label) > ($1.metrics.support, $0.label) }
        let rare = rows.filter { $0.metrics.support < 10 }
        let rareF1 = rare.isEmpty ? 0 : rare.map(\.metrics.f1).reduce(0, +) / Double(rare.count)
        let frequent = rows.filter { $0.metrics.support >= 10 }
        let frequentF1 = frequent.isEmpty ? 0 : frequent.map(\.metrics.f1).reduce(0, +) / Double(frequent.count)
        page.section("Per-label F1 by support",
                     SVGChart.f1BySupport(rows)
                        + "<p class=\"note\">Mean F1 of the \(frequent.count) labels with 10 or more documents: \(HTMLReport.number(frequentF1)); "
                        + "of the \(rare.count) rarer labels: \(HTMLReport.number(rareF1)).</p>"
                        + "<h3>Every label, most frequent first</h3>" + SVGChart.classBars(rows),
                     note: "One point per label (hover for its name and figures); the most frequent are named where they fit. Support is the number of documents that have the label.")
        if let reliability {
            let binRows = reliability.bins.filter { $0.count > 0 }.map {
                [String(format: "%.1f–%.1f", $0.lower, $0.upper), "\($0.count)", HTMLReport.number($0.meanConfidence),
                 HTMLReport.number($0.accuracy)]
            }
            page.section("Reliability (calibration)",
                         "<div style=\"display:flex;gap:24px;flex-wrap:wrap\">"
                            + SVGChart.reliability(reliability, xLabel: "probability of a label", yLabel: "share where the label applies")
                            + HTMLReport.table(["label probability", "(document, label) pairs", "mean probability", "share that apply"], binRows)
                            + "</div>",
                         note: "Every (document, label) pair binned by the probability the model gave the label. Bars: the share of pairs whose label applies; red: mean probability; dashed: perfect calibration. Expected calibration error "
                            + HTMLReport.number(reliability.expectedCalibrationError, 4) + ".")
        }
        guard !predictions.isEmpty else { return }
        let mistakes = predictions.filter { !$0.isExact }
            .sorted { ($0.worstMistake?.confidence ?? 0) > ($1.worstMistake?.confidence ?? 0) }.prefix(listLength)
        let mistakeRows = mistakes.map { p -> [String] in
            let wrong = p.worstMistake.map {
                ($0.missed ? "missed " : "wrongly gave ") + HTMLReport.escape($0.label) + " (p " + HTMLReport.number($0.probability) + ")"
            } ?? ""
            return [HTMLReport.escape(p.trueLabels.joined(separator: ", ")),
                    HTMLReport.escape(p.predicted.map { "\($0.label) \(String(format: "%.2f", $0.probability))" }.joined(separator: ", ")),
                    wrong,
                    "<div class=\"text\">" + HTMLReport.escape(String(p.text.prefix(600)) + (p.text.count > 600 ? "…" : "")) + "</div>"]
        }
        let exact = predictions.count - predictions.filter { !$0.isExact }.count
        page.section("Most confident mistakes",
                     mistakes.isEmpty ? "<p>No mistakes.</p>"
                        : HTMLReport.table(["true labels", "predicted (probability)", "surest wrong decision", "text"], mistakeRows,
                                           raw: true, numericFrom: 4),
                     note: "Documents whose predicted label set is not the true one (\(predictions.count - exact) of \(predictions.count)), ordered by their surest wrong decision: a label given with a high probability that does not apply, or a true label given a low one.")
    }
}

/// The HTML report of a multi-label cross-validation (`precis cross-validate
/// --multi-label --report`): per-fold scores, then the sections of a
/// ``MultiLabelReport`` for all out-of-fold predictions pooled.
public typealias MultiLabelCrossValidationReport = Report<MultiLabelCrossValidationContent>

extension Report where Content == MultiLabelCrossValidationContent {
    /// A report of per-fold metrics and the pooled out-of-fold evaluation.
    public init(title: String, facts: [(String, String)] = [], folds: [MultiLabelMetrics], pooled: MultiLabelEvaluation) {
        self.init(title: title, facts: facts, content: MultiLabelCrossValidationContent(folds: folds, pooled: .init(pooled)))
    }
}

/// What a ``MultiLabelCrossValidationReport`` shows.
public struct MultiLabelCrossValidationContent: ReportContent {
    /// Each fold's metrics.
    public var folds: [MultiLabelMetrics]
    /// The pooled out-of-fold evaluation.
    public var pooled: MultiLabelEvaluationContent

    public var subtitle: String {
        "\(folds.count)-fold cross-validation (iterative stratification), \(pooled.metrics.documents) documents, \(pooled.metrics.perLabel.count) labels (multi-label)"
    }

    public func addSections(to page: inout HTMLReport, facts: [(String, String)]) {
        func meanStd(_ values: [Double]) -> String {
            guard !values.isEmpty else { return "n/a" }
            let mean = values.reduce(0, +) / Double(values.count)
            let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
            return HTMLReport.number(mean, 4) + " ± " + HTMLReport.number(std, 4)
        }
        let tiles = [("micro F1, mean ± std", meanStd(folds.map(\.microF1))), ("macro F1, mean ± std", meanStd(folds.map(\.macroF1))),
                     ("samples F1, mean ± std", meanStd(folds.map(\.samplesF1))), ("folds", "\(folds.count)"),
                     ("documents", "\(pooled.metrics.documents)")]
        page.section("Summary", HTMLReport.tiles(tiles) + HTMLReport.facts(facts) + pooled.cardinality)
        let rows = folds.enumerated().map { i, m in
            ["fold \(i + 1)", "\(m.documents)", HTMLReport.number(m.microF1, 4), HTMLReport.number(m.macroF1, 4),
             HTMLReport.number(m.samplesF1, 4), HTMLReport.number(m.subsetAccuracy, 4), HTMLReport.number(m.hammingLoss, 4)]
        }
        page.section("Per-fold scores",
                     SVGChart.foldScores(series: [("micro-F1", "#6f9fd8", folds.map(\.microF1)), ("macro-F1", "#2f6b3c", folds.map(\.macroF1)),
                                                  ("samples-F1", "#f0a35e", folds.map(\.samplesF1))])
                        + HTMLReport.table(["fold", "documents", "micro F1", "macro F1", "samples F1", "subset accuracy", "Hamming loss"], rows),
                     note: "Dashed lines: the means over folds.")
        page.section("All out-of-fold predictions", HTMLReport.tiles(pooled.tiles))
        pooled.addDetailSections(to: &page)
    }
}
