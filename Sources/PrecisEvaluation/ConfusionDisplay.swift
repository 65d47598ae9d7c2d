/// How a text report shows the confusion matrix: `precis evaluate --confusion`.
///
/// ```swift
/// metrics.confusionText(.auto)   // the full table up to 20 classes, the top confusions beyond
/// ```
public enum ConfusionDisplay: String, CaseIterable, Sendable, Codable {
    /// The full matrix up to ``autoLimit`` classes, the top confusions beyond.
    case auto
    /// The full matrix, whatever its size.
    case full
    /// The largest off-diagonal cells, one per line.
    case top
    /// Nothing.
    case none

    /// The most classes `auto` prints as a full matrix.
    public static let autoLimit = 20
}

extension ClassificationMetrics {
    /// The confusion matrix as text in the chosen `display` ("" for `.none`), with a heading line.
    ///
    /// ```swift
    /// print(metrics.confusionText(.top, limit: 10))
    /// ```
    public func confusionText(_ display: ConfusionDisplay, limit: Int = 20) -> String {
        switch display {
        case .none: return ""
        case .full: return "confusion matrix (rows = true label, columns = predicted):\n" + confusionTable()
        case .auto:
            return labels.count <= ConfusionDisplay.autoLimit ? confusionText(.full) : confusionText(.top, limit: limit)
        case .top:
            let cells = topConfusions(limit: limit)
            guard !cells.isEmpty else { return "top confusions: none (no errors)" }
            let width = min(40, cells.map(\.trueLabel.count).max() ?? 0)
            var lines = ["top confusions (true label -> predicted: documents, share of the true label), \(labels.count) classes:"]
            for c in cells {
                let name = c.trueLabel.count > width ? String(c.trueLabel.prefix(width)) : c.trueLabel
                lines.append("  " + name + String(repeating: " ", count: width - name.count) + " -> " + c.predicted
                             + ": \(c.count) (" + String(format: "%.1f%%", c.share * 100) + ")")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// The `limit` largest off-diagonal cells of ``confusion``, largest first (ties: larger share, then label order).
    public func topConfusions(limit: Int) -> [(trueLabel: String, predicted: String, count: Int, share: Double)] {
        var cells: [(trueLabel: String, predicted: String, count: Int, share: Double, i: Int, j: Int)] = []
        for (i, row) in confusion.enumerated() {
            let total = row.reduce(0, +)
            for (j, c) in row.enumerated() where i != j && c > 0 {
                cells.append((labels[i], labels[j], c, Double(c) / Double(max(total, 1)), i, j))
            }
        }
        cells.sort { ($0.count, $0.share, -$0.i, -$0.j) > ($1.count, $1.share, -$1.i, -$1.j) }
        return cells.prefix(max(0, limit)).map { ($0.trueLabel, $0.predicted, $0.count, $0.share) }
    }
}
