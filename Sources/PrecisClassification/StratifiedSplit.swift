import PrecisCore

/// Seeded, stratified selection of rows: every class is represented in proportion.
///
/// ```swift
/// let held = StratifiedSplit.holdOut(labels: [0, 0, 1, 1, 1, 1], fraction: 0.5, seed: 1)
/// // three rows: one or two of class 0, the rest of class 1
/// ```
public enum StratifiedSplit {
    /// Rows to hold out: about `fraction` of each class (rounded, at least one from a
    /// class with two or more documents when `fraction > 0`, never a class's last
    /// document), sorted ascending.
    public static func holdOut(labels: [Int], fraction: Double, seed: UInt64) -> [Int] {
        guard fraction > 0, !labels.isEmpty else { return [] }
        var byClass: [Int: [Int]] = [:]
        for (row, y) in labels.enumerated() { byClass[y, default: []].append(row) }
        var rng = SplitMix64(seed: seed)
        var held: [Int] = []
        for y in byClass.keys.sorted() {
            var rows = byClass[y]!
            rng.shuffle(&rows)
            guard rows.count >= 2 else { continue }
            let take = min(rows.count - 1, max(1, Int((fraction * Double(rows.count)).rounded())))
            held.append(contentsOf: rows.prefix(take))
        }
        return held.sorted()
    }
}
