import PrecisCore

/// K-fold assignment for multi-label data by iterative stratification (Sechidis,
/// Tsoumakas & Vlahavas, 2011): the rarest label still to place is handled first,
/// and each of its documents goes to the fold that most lacks that label (then the
/// fold that most lacks documents, then a seeded random choice), so every fold
/// gets close to its share of every label, rare ones included.
///
/// ```swift
/// let folds = IterativeStratification(labelSets: [[0], [0, 1], [1], [0], [1], [0, 1]], folds: 2, seed: 42)
/// folds.split(0)        // (train: […], test: […]): each side has both labels
/// ```
public struct IterativeStratification: FoldAssignment {
    /// Number of folds.
    public let folds: Int
    /// The fold of each document.
    public let assignment: [Int]

    /// Assigns each document (its labels as class indices) to one of `folds` folds.
    public init(labelSets: [[Int]], folds: Int, seed: UInt64) {
        let n = labelSets.count, k = max(1, folds)
        self.folds = k
        var rng = SplitMix64(seed: seed ^ 0x4954_5354_5241_5431)
        let classCount = (labelSets.map { $0.max() ?? -1 }.max() ?? -1) + 1
        var byLabel = [[Int]](repeating: [], count: classCount)
        for (i, set) in labelSets.enumerated() { for c in Set(set) { byLabel[c].append(i) } }
        var remainingCount = byLabel.map(\.count)
        var desired = [Double](repeating: Double(n) / Double(k), count: k)
        var desiredByLabel = remainingCount.map { [Double](repeating: Double($0) / Double(k), count: k) }
        var assignment = [Int](repeating: -1, count: n)

        func place(_ i: Int, preferring label: Int?) {
            var best: [Int] = []
            var bestKey = (-Double.infinity, -Double.infinity)
            for f in 0..<k {
                let key = (label.map { desiredByLabel[$0][f] } ?? desired[f], desired[f])
                if key > bestKey { bestKey = key; best = [f] } else if key == bestKey { best.append(f) }
            }
            let fold = best.count == 1 ? best[0] : best[Int(rng.next() % UInt64(best.count))]
            assignment[i] = fold
            desired[fold] -= 1
            for c in Set(labelSets[i]) {
                desiredByLabel[c][fold] -= 1
                remainingCount[c] -= 1
            }
        }

        while true {
            // The rarest label with documents still to place (lowest index on ties).
            var label = -1
            for c in 0..<classCount where remainingCount[c] > 0 {
                if label < 0 || remainingCount[c] < remainingCount[label] { label = c }
            }
            guard label >= 0 else { break }
            var rows = byLabel[label].filter { assignment[$0] < 0 }
            rng.shuffle(&rows)
            for i in rows { place(i, preferring: label) }
        }
        // Documents without labels: to the folds that most lack documents.
        for i in 0..<n where assignment[i] < 0 { place(i, preferring: nil) }
        self.assignment = assignment
    }
}
