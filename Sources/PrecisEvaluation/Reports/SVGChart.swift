import Foundation

/// Inline SVG charts for the HTML reports: plain markup, no scripts, each value
/// with a `<title>` tooltip. Every label passes through ``HTMLReport/escape(_:)``.
///
/// ```swift
/// let svg = SVGChart.histogram([0.2, 0.4, 0.41], bins: 10, caption: "ROUGE-1 F1")
/// ```
public enum SVGChart {
    static func esc(_ s: String) -> String { HTMLReport.escape(s) }
    static func f(_ x: Double) -> String { String(format: "%.1f", x) }
    static func shortened(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }

    /// A blue shade for a share in `0...1` (white at 0).
    static func shade(_ share: Double) -> String {
        let t = min(max(share, 0), 1)
        let r = Int(255 - t * (255 - 16)), g = Int(255 - t * (255 - 78)), b = Int(255 - t * (255 - 150))
        return String(format: "#%02x%02x%02x", r, g, b)
    }

    static func open(_ width: Double, _ height: Double, _ label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(esc(label))\">"
    }

    /// A confusion-matrix heatmap: rows = true label, columns = predicted, each cell
    /// shaded by its share of the row (recall on the diagonal), counts written in the
    /// cells while they fit (up to about 25 classes), a tooltip on every non-zero cell.
    public static func confusionHeatmap(labels: [String], counts: [[Int]]) -> String {
        let k = labels.count
        guard k > 0 else { return "" }
        let cell = min(44, max(7, 620 / Double(k)))
        let font = min(12, max(6, cell * 0.8))
        let nameChars = k > 40 ? 28 : 24
        let left = min(220, Double(nameChars) * font * 0.62) + 8
        let top = left * 0.75 + 14
        let size = cell * Double(k)
        let width = left + size + 70, height = top + size + 30
        var s = open(width, height, "confusion matrix")
        s += "<text x=\"\(f(left + size / 2))\" y=\"12\" text-anchor=\"middle\" font-size=\"12\">predicted label</text>"
        s += "<text transform=\"translate(12 \(f(top + size / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">true label</text>"
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(size))\" height=\"\(f(size))\" fill=\"#ffffff\" stroke=\"#c4ccd4\"/>"
        for (i, name) in labels.enumerated() {
            let y = top + (Double(i) + 0.5) * cell
            s += "<text x=\"\(f(left - 4))\" y=\"\(f(y + font * 0.35))\" text-anchor=\"end\" font-size=\"\(f(font))\">\(esc(shortened(name, nameChars)))<title>\(esc(name))</title></text>"
            let x = left + (Double(i) + 0.5) * cell
            s += "<text transform=\"translate(\(f(x + font * 0.35)) \(f(top - 4))) rotate(-50)\" font-size=\"\(f(font))\">\(esc(shortened(name, nameChars)))<title>\(esc(name))</title></text>"
        }
        let showCounts = cell >= 22
        for i in 0..<k {
            let row = counts[i].reduce(0, +)
            for j in 0..<k where counts[i][j] > 0 {
                let share = row > 0 ? Double(counts[i][j]) / Double(row) : 0
                let x = left + Double(j) * cell, y = top + Double(i) * cell
                s += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell))\" height=\"\(f(cell))\" fill=\"\(shade(share))\""
                s += i == j ? " stroke=\"#7a8793\" stroke-width=\"0.5\">" : ">"
                s += "<title>\(esc(labels[i])) → \(esc(labels[j])): \(counts[i][j]) of \(row) (\(String(format: "%.1f", share * 100))%)</title></rect>"
                if showCounts {
                    let color = share > 0.55 ? "#ffffff" : "#1d232a"
                    s += "<text x=\"\(f(x + cell / 2))\" y=\"\(f(y + cell / 2 + 4))\" text-anchor=\"middle\" font-size=\"\(f(min(11, cell * 0.4)))\" style=\"fill:\(color)\">\(counts[i][j])</text>"
                }
            }
        }
        // Legend: the row share scale.
        let lx = left + size + 16
        for step in 0...10 {
            let t = Double(10 - step) / 10
            s += "<rect x=\"\(f(lx))\" y=\"\(f(top + Double(step) * 14))\" width=\"14\" height=\"14\" fill=\"\(shade(t))\" stroke=\"#c4ccd4\" stroke-width=\"0.3\"/>"
        }
        s += "<text x=\"\(f(lx + 18))\" y=\"\(f(top + 11))\" font-size=\"10\">100%</text>"
        s += "<text x=\"\(f(lx + 18))\" y=\"\(f(top + 151))\" font-size=\"10\">0%</text>"
        return s + "</svg>"
    }

    /// Grouped horizontal bars of precision, recall and F1 for each row, with the support.
    public static func classBars(_ rows: [(label: String, metrics: ClassMetrics)]) -> String {
        let rowHeight = 20.0, left = 190.0, plot = 420.0, top = 28.0
        let height = top + rowHeight * Double(rows.count) + 26
        var s = open(left + plot + 150, height, "per-class precision, recall and F1")
        let series: [(String, String)] = [("precision", "#6f9fd8"), ("recall", "#f0a35e"), ("F1", "#2f6b3c")]
        for (k, (name, color)) in series.enumerated() {
            let x = left + Double(k) * 95
            s += "<rect x=\"\(f(x))\" y=\"6\" width=\"12\" height=\"10\" fill=\"\(color)\"/><text x=\"\(f(x + 16))\" y=\"15\" font-size=\"11\">\(name)</text>"
        }
        for t in stride(from: 0.0, through: 1.0, by: 0.25) {
            let x = left + t * plot
            s += "<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(height - 22))\" stroke=\"#e1e6ea\"/>"
            s += "<text x=\"\(f(x))\" y=\"\(f(height - 8))\" text-anchor=\"middle\" font-size=\"10\">\(String(format: "%.2f", t))</text>"
        }
        s += "<text x=\"\(f(left + plot + 8))\" y=\"\(f(top - 8))\" font-size=\"10\">support</text>"
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 13))\" text-anchor=\"end\" font-size=\"11\">\(esc(shortened(row.label, 30)))<title>\(esc(row.label))</title></text>"
            let values = [row.metrics.precision, row.metrics.recall, row.metrics.f1]
            for (k, v) in values.enumerated() {
                s += "<rect x=\"\(f(left))\" y=\"\(f(y + 2 + Double(k) * 5.5))\" width=\"\(f(max(0, v) * plot))\" height=\"5\" fill=\"\(series[k].1)\">"
                s += "<title>\(esc(row.label)) \(series[k].0): \(String(format: "%.4f", v))</title></rect>"
            }
            s += "<text x=\"\(f(left + plot + 8))\" y=\"\(f(y + 13))\" font-size=\"10\">F1 \(String(format: "%.3f", row.metrics.f1)) · n \(row.metrics.support)</text>"
        }
        return s + "</svg>"
    }

    /// The reliability diagram: per bin, accuracy (bar) against the diagonal of
    /// perfect calibration, with the mean confidence marked and the counts below.
    public static func reliability(_ diagram: ReliabilityDiagram, xLabel: String = "top-class probability",
                                   yLabel: String = "accuracy") -> String {
        let left = 50.0, top = 14.0, plot = 300.0
        var s = open(left + plot + 30, top + plot + 80, "reliability diagram")
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plot))\" height=\"\(f(plot))\" fill=\"#fafbfc\" stroke=\"#c4ccd4\"/>"
        for t in stride(from: 0.0, through: 1.0, by: 0.2) {
            s += "<text x=\"\(f(left + t * plot))\" y=\"\(f(top + plot + 14))\" text-anchor=\"middle\" font-size=\"10\">\(String(format: "%.1f", t))</text>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(top + plot - t * plot + 4))\" text-anchor=\"end\" font-size=\"10\">\(String(format: "%.1f", t))</text>"
        }
        let maxCount = Double(diagram.bins.map(\.count).max() ?? 1)
        for bin in diagram.bins {
            let x = left + bin.lower * plot, w = (bin.upper - bin.lower) * plot
            if bin.count > 0 {
                let h = bin.accuracy * plot
                s += "<rect x=\"\(f(x + 1))\" y=\"\(f(top + plot - h))\" width=\"\(f(w - 2))\" height=\"\(f(h))\" fill=\"#6f9fd8\" fill-opacity=\"0.85\">"
                s += "<title>confidence \(String(format: "%.1f–%.1f", bin.lower, bin.upper)): \(bin.count) documents, accuracy \(String(format: "%.3f", bin.accuracy)), mean confidence \(String(format: "%.3f", bin.meanConfidence))</title></rect>"
                let cy = top + plot - bin.meanConfidence * plot
                s += "<line x1=\"\(f(x + 2))\" y1=\"\(f(cy))\" x2=\"\(f(x + w - 2))\" y2=\"\(f(cy))\" stroke=\"#c0392b\" stroke-width=\"2\"/>"
            }
            let ch = Double(bin.count) / max(maxCount, 1) * 36
            s += "<rect x=\"\(f(x + 1))\" y=\"\(f(top + plot + 56 - ch))\" width=\"\(f(w - 2))\" height=\"\(f(ch))\" fill=\"#9aa6b2\"><title>\(bin.count) documents</title></rect>"
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top + plot))\" x2=\"\(f(left + plot))\" y2=\"\(f(top))\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>"
        s += "<text x=\"\(f(left + plot / 2))\" y=\"\(f(top + plot + 74))\" text-anchor=\"middle\" font-size=\"11\">\(esc(xLabel)) (grey: count per bin)</text>"
        s += "<text transform=\"translate(12 \(f(top + plot / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"11\">\(esc(yLabel))</text>"
        return s + "</svg>"
    }

    /// A histogram of `values` in `0...1` with `bins` equal bins and the mean marked.
    public static func histogram(_ values: [Double], bins: Int = 20, caption: String) -> String {
        let k = max(1, bins), left = 36.0, top = 20.0, plotW = 300.0, plotH = 130.0
        var counts = [Int](repeating: 0, count: k)
        for v in values where v.isFinite { counts[min(k - 1, max(0, Int(v * Double(k))))] += 1 }
        let maxCount = Double(counts.max() ?? 1)
        var s = open(left + plotW + 16, top + plotH + 36, caption)
        s += "<text x=\"\(f(left))\" y=\"13\" font-size=\"12\">\(esc(caption))</text>"
        for (b, c) in counts.enumerated() where c > 0 {
            let h = Double(c) / max(maxCount, 1) * plotH
            let x = left + Double(b) / Double(k) * plotW
            s += "<rect x=\"\(f(x + 0.5))\" y=\"\(f(top + plotH - h))\" width=\"\(f(plotW / Double(k) - 1))\" height=\"\(f(h))\" fill=\"#6f9fd8\">"
            s += "<title>\(String(format: "%.2f–%.2f", Double(b) / Double(k), Double(b + 1) / Double(k))): \(c)</title></rect>"
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#555\"/>"
        for t in stride(from: 0.0, through: 1.0, by: 0.25) {
            s += "<text x=\"\(f(left + t * plotW))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\" font-size=\"10\">\(String(format: "%.2f", t))</text>"
        }
        s += "<text x=\"\(f(left - 4))\" y=\"\(f(top + 8))\" text-anchor=\"end\" font-size=\"10\">\(Int(maxCount))</text>"
        let finite = values.filter(\.isFinite)
        if !finite.isEmpty {
            let mean = finite.reduce(0, +) / Double(finite.count)
            let x = left + min(max(mean, 0), 1) * plotW
            s += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + plotH))\" stroke=\"#c0392b\" stroke-width=\"1.5\"/>"
            s += "<text x=\"\(f(x + 3))\" y=\"\(f(top + 10))\" font-size=\"10\" style=\"fill:#c0392b\">mean \(String(format: "%.3f", mean))</text>"
        }
        return s + "</svg>"
    }

    /// Accuracy and macro-F1 of each cross-validation fold as paired bars, with the means as lines.
    public static func foldScores(_ folds: [ClassificationMetrics]) -> String {
        foldScores(series: [("accuracy", "#6f9fd8", folds.map(\.accuracy)), ("macro-F1", "#2f6b3c", folds.map(\.macroF1))])
    }

    /// Scores of each cross-validation fold as grouped bars (one series per score:
    /// name, colour, one value per fold), with each series' mean as a dashed line.
    public static func foldScores(series: [(name: String, color: String, values: [Double])]) -> String {
        let foldCount = series.map(\.values.count).max() ?? 0
        let left = 40.0, top = 24.0, plotH = 160.0, bar = 18.0
        let group = max(56, bar * Double(series.count) + 20)
        let plotW = max(200, group * Double(foldCount), Double(series.count) * 100)
        let values = series.flatMap(\.values).filter(\.isFinite)
        let low = max(0, ((values.min() ?? 0) - 0.05) * 10).rounded(.down) / 10
        let span = max(1 - low, 0.05)
        func y(_ v: Double) -> Double { top + plotH - (min(max(v, low), 1) - low) / span * plotH }
        var s = open(left + plotW + 20, top + plotH + 40, "per-fold scores")
        for (k, item) in series.enumerated() {
            let x = left + Double(k) * 100
            s += "<rect x=\"\(f(x))\" y=\"6\" width=\"12\" height=\"10\" fill=\"\(item.color)\"/><text x=\"\(f(x + 16))\" y=\"15\" font-size=\"11\">\(esc(item.name))</text>"
        }
        for t in stride(from: low, through: 1.0001, by: max(0.05, (span / 4 * 20).rounded() / 20)) {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(t)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(t)))\" stroke=\"#e1e6ea\"/>"
            s += "<text x=\"\(f(left - 4))\" y=\"\(f(y(t) + 3))\" text-anchor=\"end\" font-size=\"10\">\(String(format: "%.2f", t))</text>"
        }
        for i in 0..<foldCount {
            let x = left + Double(i) * group + 8
            for (k, item) in series.enumerated() where i < item.values.count {
                let v = item.values[i]
                s += "<rect x=\"\(f(x + Double(k) * (bar + 2)))\" y=\"\(f(y(v)))\" width=\"\(f(bar))\" height=\"\(f(top + plotH - y(v)))\" fill=\"\(item.color)\">"
                s += "<title>fold \(i + 1) \(esc(item.name)): \(String(format: "%.4f", v))</title></rect>"
            }
            s += "<text x=\"\(f(x + (bar + 2) * Double(series.count) / 2))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\" font-size=\"10\">fold \(i + 1)</text>"
        }
        for item in series where !item.values.isEmpty {
            let v = item.values.reduce(0, +) / Double(item.values.count)
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(v)))\" stroke=\"\(item.color)\" stroke-dasharray=\"5 3\"><title>mean \(esc(item.name)) \(String(format: "%.4f", v))</title></line>"
        }
        return s + "</svg>"
    }

    /// Per-label F1 against the label's support (documents that have it, log scale):
    /// one point per label with its name in a tooltip, the labels with the most
    /// support named on the chart. Shows at a glance whether rare labels are the weak ones.
    public static func f1BySupport(_ rows: [(label: String, metrics: ClassMetrics)], named: Int = 12) -> String {
        let left = 50.0, top = 16.0, plotW = 560.0, plotH = 300.0
        var s = open(left + plotW + 150, top + plotH + 50, "per-label F1 by support")
        let maxSupport = Double(max(1, rows.map(\.metrics.support).max() ?? 1))
        let span = max(1, log10(maxSupport * 1.5))
        let decades = Int(span.rounded(.down))
        func x(_ support: Int) -> Double { left + log10(Double(max(support, 1))) / span * plotW }
        func y(_ f1: Double) -> Double { top + plotH - min(max(f1, 0), 1) * plotH }
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"#fafbfc\" stroke=\"#c4ccd4\"/>"
        for t in stride(from: 0.0, through: 1.0, by: 0.2) {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(t)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(t)))\" stroke=\"#e1e6ea\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y(t) + 3))\" text-anchor=\"end\" font-size=\"10\">\(String(format: "%.1f", t))</text>"
        }
        for d in 0...decades {
            let v = Int(pow(10, Double(d)))
            s += "<line x1=\"\(f(x(v)))\" y1=\"\(f(top))\" x2=\"\(f(x(v)))\" y2=\"\(f(top + plotH))\" stroke=\"#e1e6ea\"/>"
            s += "<text x=\"\(f(x(v)))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\" font-size=\"10\">\(v)</text>"
        }
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 32))\" text-anchor=\"middle\" font-size=\"11\">support (documents with the label, log scale)</text>"
        s += "<text transform=\"translate(12 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"11\">F1</text>"
        let bySupport = rows.sorted { ($0.metrics.support, $1.label) > ($1.metrics.support, $0.label) }
        // Names for the most frequent labels, skipping any that would overlap one already placed.
        var namedLabels: Set<String> = [], boxes: [(Double, Double, Double)] = []
        for row in bySupport.prefix(named) {
            let px = x(row.metrics.support) + 6, py = y(row.metrics.f1), w = Double(min(row.label.count, 16)) * 5.2
            if boxes.contains(where: { px < $0.0 + $0.2 && $0.0 < px + w && abs(py - $0.1) < 10 }) { continue }
            boxes.append((px, py, w))
            namedLabels.insert(row.label)
        }
        for row in bySupport.reversed() {
            let m = row.metrics
            let px = x(m.support), py = y(m.f1)
            let color = m.f1 >= 0.8 ? "#2f6b3c" : m.f1 >= 0.5 ? "#d08a2e" : "#c0392b"
            s += "<circle cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"4\" fill=\"\(color)\" fill-opacity=\"0.75\" stroke=\"#ffffff\" stroke-width=\"0.6\">"
            s += "<title>\(esc(row.label)): F1 \(String(format: "%.3f", m.f1)), precision \(String(format: "%.3f", m.precision)), recall \(String(format: "%.3f", m.recall)), support \(m.support)</title></circle>"
            if namedLabels.contains(row.label) {
                s += "<text x=\"\(f(px + 6))\" y=\"\(f(py + 3))\" font-size=\"9\">\(esc(shortened(row.label, 16)))</text>"
            }
        }
        let legend = [("#2f6b3c", "F1 ≥ 0.8"), ("#d08a2e", "0.5 ≤ F1 < 0.8"), ("#c0392b", "F1 < 0.5")]
        for (k, (color, name)) in legend.enumerated() {
            let ly = top + 10 + Double(k) * 16
            s += "<circle cx=\"\(f(left + plotW + 18))\" cy=\"\(f(ly))\" r=\"4\" fill=\"\(color)\"/><text x=\"\(f(left + plotW + 28))\" y=\"\(f(ly + 3))\" font-size=\"10\">\(esc(name))</text>"
        }
        return s + "</svg>"
    }
}
