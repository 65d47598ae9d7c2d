/// Counts of (true label, predicted label) pairs: rows are true labels, columns
/// predicted ones, both in ``labels`` order.
///
/// Only labels that occur (as a true or a predicted label) are rows and columns,
/// and the counts are kept sparse, so the cost follows the documents scored, not
/// the number of classes a model declares: 5 documents against a 20,000-class
/// model make at most a 10 × 10 matrix.
///
/// ```swift
/// let m = ConfusionMatrix(trueLabels: ["a", "b", "b"], predicted: ["a", "a", "b"], labels: ["a", "b"])
/// m.counts      // [[1, 0], [1, 1]]
/// ```
public struct ConfusionMatrix: Equatable, Sendable, Codable {
    /// Row and column labels: those of `labels` that occur, in that order, then
    /// labels not in `labels`, in order of first appearance.
    public let labels: [String]
    /// Non-zero cells: (row, column) → documents.
    public let cells: [Cell: Int]
    /// Documents per true label (row sums), in ``labels`` order.
    public let supports: [Int]
    /// Documents per predicted label (column sums), in ``labels`` order.
    public let predictedCounts: [Int]

    /// A cell of the matrix.
    public struct Cell: Hashable, Sendable, Codable {
        public var row: Int
        public var column: Int
    }

    /// Tallies the pairs. Labels missing from `labels` are appended (in order of
    /// first appearance); labels of `labels` that occur nowhere are left out.
    /// Pairs beyond the shorter of the two lists are ignored.
    public init(trueLabels: [String], predicted: [String], labels: [String]) {
        var present = Set<String>(trueLabels)
        present.formUnion(predicted)
        var all: [String] = []
        var index: [String: Int] = [:]
        for label in labels where present.contains(label) && index[label] == nil {
            index[label] = all.count
            all.append(label)
        }
        for label in trueLabels + predicted where index[label] == nil {
            index[label] = all.count
            all.append(label)
        }
        var cells: [Cell: Int] = [:]
        var supports = [Int](repeating: 0, count: all.count)
        var predictedCounts = [Int](repeating: 0, count: all.count)
        for (t, p) in zip(trueLabels, predicted) {
            guard let row = index[t], let column = index[p] else { continue }
            cells[Cell(row: row, column: column), default: 0] += 1
            supports[row] += 1
            predictedCounts[column] += 1
        }
        self.labels = all
        self.cells = cells
        self.supports = supports
        self.predictedCounts = predictedCounts
    }

    /// `count(t, p)`: documents of true label `labels[t]` predicted as `labels[p]`.
    public func count(_ t: Int, _ p: Int) -> Int { cells[Cell(row: t, column: p)] ?? 0 }

    /// The dense matrix, `counts[t][p]` (labels.count² cells: for display and JSON).
    public var counts: [[Int]] {
        var dense = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (cell, n) in cells { dense[cell.row][cell.column] = n }
        return dense
    }

    /// Number of documents.
    public var total: Int { supports.reduce(0, +) }
    /// Correctly classified documents (the diagonal).
    public var correct: Int { cells.reduce(0) { $0 + ($1.key.row == $1.key.column ? $1.value : 0) } }
    /// Documents whose true label is `labels[i]`.
    public func support(_ i: Int) -> Int { supports[i] }
    /// Documents predicted as `labels[i]`.
    public func predictedCount(_ i: Int) -> Int { predictedCounts[i] }
}
