/// A K-fold assignment of rows: `assignment[row]` is the fold in which `row` is a
/// test row. ``StratifiedKFold`` (single-label) and ``IterativeStratification``
/// (multi-label) differ only in how they assign; the split is this one.
///
/// ```swift
/// let folds = IterativeStratification(labelSets: [[0], [0, 1], [1], [1]], folds: 2, seed: 42)
/// let (train, test) = folds.split(0)    // row indices, each ascending
/// ```
public protocol FoldAssignment: Sendable {
    /// Number of folds.
    var folds: Int { get }
    /// The fold of each row.
    var assignment: [Int] { get }
}

extension FoldAssignment {
    /// Training and test rows of fold `fold` (test = that fold), each ascending.
    public func split(_ fold: Int) -> (train: [Int], test: [Int]) {
        var train: [Int] = [], test: [Int] = []
        for (row, f) in assignment.enumerated() {
            if f == fold { test.append(row) } else { train.append(row) }
        }
        return (train, test)
    }
}
