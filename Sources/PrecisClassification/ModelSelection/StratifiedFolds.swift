import PrecisCore

/// A seeded, stratified assignment of rows to `K` folds over class indices: each
/// class's rows are shuffled and dealt round-robin, starting where the previous
/// class stopped, so every fold holds about `1/K` of each class and the folds
/// differ in size by at most one document.
///
/// ```swift
/// let folds = StratifiedFolds(labels: [0, 0, 0, 1, 1, 1], folds: 3, seed: 7)
/// folds.heldOut(0).count        // 2: one document of each class
/// folds.training(0).count       // 4
/// ```
package struct StratifiedFolds: Sendable, Equatable {
    /// The fold of each row.
    package let fold: [Int]
    /// Number of folds.
    package let count: Int

    /// Folds for rows with class indices `labels`.
    ///
    /// - Precondition: `folds >= 2`.
    package init(labels: [Int], folds: Int, seed: UInt64) {
        precondition(folds >= 2, "StratifiedFolds needs at least two folds")
        fold = StratifiedAssignment.folds(labels: labels, count: folds, seed: seed ^ 0x464F_4C44_5345_4C45)
        count = folds
    }

    /// Rows of fold `k` (ascending): scored when the others are trained on.
    package func heldOut(_ k: Int) -> [Int] { fold.indices.filter { fold[$0] == k } }

    /// Rows of every fold but `k` (ascending).
    package func training(_ k: Int) -> [Int] { fold.indices.filter { fold[$0] != k } }
}
