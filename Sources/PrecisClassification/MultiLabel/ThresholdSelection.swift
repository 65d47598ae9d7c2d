import PrecisCore
import PrecisFeatures
import PrecisLinearAlgebra

/// Per-label decision thresholds from out-of-fold probabilities: for each label the
/// cut that maximises its F1 on the documents it was not trained on (the "SCut"
/// strategy), and for labels with too few positives to tune, the single cut that
/// maximises micro-F1 over all labels pooled.
///
/// ```swift
/// let t = ThresholdSelection(minimumPositives: 3)
/// let result = t.select(probabilities: oof, targets: targets)
/// result.thresholds        // one per label
/// ```
public struct ThresholdSelection: Sendable {
    /// Labels with fewer positives than this use the pooled threshold.
    public var minimumPositives: Int

    /// A selector with the given fallback rule.
    public init(minimumPositives: Int = 3) {
        self.minimumPositives = minimumPositives
    }

    /// The chosen thresholds, how many labels fell back to the pooled one, and the
    /// out-of-fold micro- and macro-F1 they give.
    public struct Result: Sendable {
        /// One probability threshold per label.
        public var thresholds: [Float]
        /// Labels that use the pooled threshold.
        public var fallbackLabels: Int
        /// Out-of-fold micro-F1 with these thresholds.
        public var microF1: Double
        /// Out-of-fold macro-F1 with these thresholds.
        public var macroF1: Double
    }

    /// Thresholds for `probabilities` (documents × labels) against `targets`.
    ///
    /// The labels' cuts, the pooled cut and the scoring of documents run side by side
    /// on the cores (``PrecisCore/Parallelism``); the result does not depend on their number.
    public func select(probabilities p: Matrix, targets: MultiLabelTargets, allowEmpty: Bool = false) -> Result {
        let n = p.rows, k = p.columns
        var truth = [[Bool]](repeating: [Bool](repeating: false, count: n), count: k)
        for i in 0..<n { for c in targets.labels(of: i) { truth[Int(c)][i] = true } }
        // Task 0: the pooled cut, which maximises micro-F1 over every (document, label)
        // pair (the longest task, so it goes first and the labels' run beside it);
        // task 1 + c: label c's own cut (nil when it has too few positives to tune).
        let cuts = Parallelism.map(k + 1, chunk: 1) { t -> Float? in
            if t == 0 {
                var pooled: [(Float, Bool)] = []
                pooled.reserveCapacity(n * k)
                for i in 0..<n { for l in 0..<k { pooled.append((p[i, l], truth[l][i])) } }
                return Self.bestCut(pooled).threshold
            }
            let c = t - 1
            let column = (0..<n).map { (p[$0, c], truth[c][$0]) }
            guard column.reduce(0, { $0 + ($1.1 ? 1 : 0) }) >= minimumPositives else { return nil }
            return Self.bestCut(column).threshold
        }
        let pooledCut = cuts[0]!
        let thresholds = cuts.dropFirst().map { $0 ?? pooledCut }
        let fallback = cuts.dropFirst().filter { $0 == nil }.count
        let decision = MultiLabelDecision(thresholds: thresholds, allowEmpty: allowEmpty)
        // Per block of documents, each label's true positives, false positives and misses.
        let blockSize = 512
        let counts = Parallelism.map((n + blockSize - 1) / blockSize, chunk: 1) { b -> [(tp: Int, fp: Int, fn: Int)] in
            var mine = [(tp: Int, fp: Int, fn: Int)](repeating: (0, 0, 0), count: k)
            var predicted = [Bool](repeating: false, count: k)
            for i in (b * blockSize)..<min(n, (b + 1) * blockSize) {
                for c in decision.labels(probabilities: (0..<k).map { p[i, $0] }) { predicted[c] = true }
                for c in 0..<k {
                    switch (predicted[c], truth[c][i]) {
                    case (true, true): mine[c].tp += 1
                    case (true, false): mine[c].fp += 1
                    case (false, true): mine[c].fn += 1
                    default: break
                    }
                    predicted[c] = false
                }
            }
            return mine
        }
        var tp = [Int](repeating: 0, count: k), fp = tp, fn = tp
        for block in counts {
            for c in 0..<k {
                tp[c] += block[c].tp
                fp[c] += block[c].fp
                fn[c] += block[c].fn
            }
        }
        let (micro, macro) = Self.f1(tp: tp, fp: fp, fn: fn)
        return Result(thresholds: thresholds, fallbackLabels: fallback, microF1: micro, macroF1: macro)
    }

    /// Micro-F1 and macro-F1 (over labels with a positive or a prediction) from counts.
    static func f1(tp: [Int], fp: [Int], fn: [Int]) -> (micro: Double, macro: Double) {
        let t = tp.reduce(0, +), f = fp.reduce(0, +), m = fn.reduce(0, +)
        let micro = t == 0 ? 0 : 2 * Double(t) / Double(2 * t + f + m)
        var sum = 0.0, labels = 0
        for c in tp.indices where tp[c] + fp[c] + fn[c] > 0 {
            labels += 1
            sum += tp[c] == 0 ? 0 : 2 * Double(tp[c]) / Double(2 * tp[c] + fp[c] + fn[c])
        }
        return (micro, labels == 0 ? 0 : sum / Double(labels))
    }

    /// The cut maximising F1 when everything at or above it is predicted positive:
    /// halfway between the last score kept and the next one (ties on F1: the higher cut).
    ///
    /// Complexity: one sort of the `n` pairs, packed into `UInt64` keys (the score's
    /// bits in falling order, then the truth bit): `O(n log n)`, an in-place quicksort
    /// with no closures (``PrecisFeatures/UnstableSort``).
    public static func bestCut(_ scored: [(Float, Bool)]) -> (threshold: Float, f1: Double) {
        var keys = scored.map { score, positive in UInt64(~ascendingBits(score)) << 1 | (positive ? 1 : 0) }
        sortKeys(&keys)     // equal keys are interchangeable: any sort gives the same array
        let positives = scored.reduce(0) { $0 + ($1.1 ? 1 : 0) }
        guard positives > 0 else { return (0.5, 0) }
        func score(_ j: Int) -> Float { Float(ascendingBits: ~UInt32(truncatingIfNeeded: keys[j] >> 1)) }
        var tp = 0, bestF1 = -1.0, bestIndex = 0
        for j in keys.indices {
            if keys[j] & 1 == 1 { tp += 1 }
            // Only cut between distinct scores.
            if j + 1 < keys.count && score(j + 1) == score(j) { continue }
            let f1 = 2 * Double(tp) / Double((j + 1) + positives)     // 2TP / (predicted + actual)
            if f1 > bestF1 { bestF1 = f1; bestIndex = j }
        }
        let above = score(bestIndex)
        let below = bestIndex + 1 < keys.count ? score(bestIndex + 1) : 0
        return ((above + below) / 2, bestF1)
    }

    /// Sorts 33-bit keys ascending: a least-significant-digit radix sort (three passes
    /// of 11 bits, linear in the keys) for long arrays, the in-place quicksort
    /// (``PrecisFeatures/UnstableSort``) for short ones.
    static func sortKeys(_ keys: inout [UInt64]) {
        let bits = 11, radix = 1 << 11
        guard keys.count >= radix else {
            keys.withUnsafeMutableBufferPointer { UnstableSort.sort($0) }
            return
        }
        var other = [UInt64](repeating: 0, count: keys.count)
        var start = [Int](repeating: 0, count: radix)
        for shift in Swift.stride(from: 0, to: 33, by: bits) {
            keys.withUnsafeBufferPointer { from in
                other.withUnsafeMutableBufferPointer { to in
                    start.withUnsafeMutableBufferPointer { start in
                        for d in 0..<radix { start[d] = 0 }
                        for key in from { start[Int(truncatingIfNeeded: key >> UInt64(shift)) & (radix - 1)] += 1 }
                        var total = 0
                        for d in 0..<radix { (start[d], total) = (total, total + start[d]) }
                        for key in from {
                            let d = Int(truncatingIfNeeded: key >> UInt64(shift)) & (radix - 1)
                            to[start[d]] = key
                            start[d] += 1
                        }
                    }
                }
            }
            swap(&keys, &other)
        }
    }

    /// The bits of `x` as an unsigned integer that orders like the float.
    private static func ascendingBits(_ x: Float) -> UInt32 {
        let bits = x.bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }
}

private extension Float {
    /// The float whose ``ThresholdSelection`` ascending bits are `bits`.
    init(ascendingBits bits: UInt32) {
        self.init(bitPattern: bits & 0x8000_0000 != 0 ? bits & 0x7FFF_FFFF : ~bits)
    }
}
