/// The seeded stratified fold assignment shared by the evaluation's
/// `StratifiedKFold` and the training-time search's `StratifiedFolds`: each
/// class's rows (classes in ascending order) are shuffled by SplitMix64 and dealt
/// to the folds round-robin, continuing where the previous class stopped, so
/// every fold holds about `1/K` of each class and fold sizes differ by at most one.
///
/// O(n log c) for n rows of c classes; the result depends only on the labels,
/// the fold count and the seed.
///
/// ```swift
/// let fold = StratifiedAssignment.folds(labels: ["a", "a", "b", "b"], count: 2, seed: 42)
/// // fold[row] is in 0..<2; each fold has one "a" and one "b"
/// ```
package enum StratifiedAssignment {
    /// The fold (in `0..<count`) of each row; `count` must be at least 1.
    package static func folds<L: Hashable & Comparable>(labels: [L], count: Int, seed: UInt64) -> [Int] {
        var byClass: [L: [Int]] = [:]
        for (row, y) in labels.enumerated() { byClass[y, default: []].append(row) }
        var rng = SplitMix64(seed: seed)
        var assignment = [Int](repeating: 0, count: labels.count)
        var next = 0
        for y in byClass.keys.sorted() {
            var rows = byClass[y]!
            rng.shuffle(&rows)
            for row in rows {
                assignment[row] = next
                next = (next + 1) % max(count, 1)
            }
        }
        return assignment
    }
}
