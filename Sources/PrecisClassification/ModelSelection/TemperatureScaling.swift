import Foundation

/// Temperature scaling of a classifier's probabilities (Guo et al., 2017): the
/// scores are divided by one temperature `T` before the softmax, which keeps every
/// prediction (the argmax) and makes the probabilities less (`T > 1`) or more
/// (`T < 1`) confident. `T` is chosen to minimise the log-loss of held-out
/// predictions.
///
/// Fitting works on a fixed grid of temperatures (``grid``): ``accumulate(scores:labels:classes:multiClass:into:)``
/// adds each held-out document's log-loss at every grid temperature to a running
/// curve, so curves of several folds add up to the pooled out-of-fold curve
/// without keeping any scores; ``minimum(of:)`` then refines the grid's best point
/// by a parabola through its neighbours (in `log T`).
///
/// The multinomial log-loss is convex in `1/T`, so along the grid it falls to
/// one minimum and rises after it. ``descend(from:_:)`` uses that to find the
/// minimum from a few grid points (typically 3–5 of 33) when each point costs a
/// pass over the held-out scores.
///
/// ```swift
/// var curve = [Double](repeating: 0, count: TemperatureScaling.grid.count)
/// TemperatureScaling.accumulate(scores: z, labels: y, classes: 3, multiClass: .multinomial, into: &curve)
/// let (t, loss) = TemperatureScaling.minimum(of: curve)
/// ```
public enum TemperatureScaling {
    /// The temperatures tried: `2^(i/4)` for `i` in `-16...16`, 1/16 to 16 (a strong
    /// penalty shrinks the scores, so its best temperature can be well below 1).
    public static let grid: [Double] = (-16...16).map { pow(2, Double($0) / 4) }
    /// Index of `T = 1` in ``grid``.
    public static let unitIndex = 16

    /// Adds, for each grid temperature (those of `temperatures`, indices into
    /// ``grid``: all by default), the summed log-loss of the documents whose scores
    /// (`labels.count × classes`, row-major) and true classes are given.
    package static func accumulate<Score: BinaryFloatingPoint>(scores: UnsafeBufferPointer<Score>, labels: [Int], classes k: Int,
                                  multiClass: MultiClass, temperatures: ClosedRange<Int> = 0...(grid.count - 1),
                                  into curve: inout [Double]) {
        precondition(curve.count == grid.count && scores.count == labels.count * k)
        var row = [Double](repeating: 0, count: k)
        for t in temperatures {
            let inverse = 1 / grid[t]
            var total = 0.0
            for (i, y) in labels.enumerated() {
                for c in 0..<k {
                    let z = Double(scores[i * k + c]) * inverse
                    // One-vs-rest probabilities are the sigmoids scaled to sum to one: a softmax of log σ(z).
                    row[c] = multiClass == .ovr ? -(max(-z, 0) + log1p(exp(-abs(z)))) : z
                }
                var maximum = -Double.infinity
                for c in 0..<k { maximum = max(maximum, row[c]) }
                var sum = 0.0
                for c in 0..<k { sum += exp(row[c] - maximum) }
                total += log(sum) + maximum - row[y]
            }
            curve[t] += total
        }
    }

    /// The temperature of least loss on `curve` (summed losses at the ``grid``
    /// temperatures) and that loss, refined between grid points by a parabola in `log T`.
    package static func minimum(of curve: [Double]) -> (temperature: Double, loss: Double) {
        precondition(curve.count == grid.count)
        var best = 0
        for i in curve.indices where curve[i] < curve[best] { best = i }
        return refine(curve, at: best)
    }

    /// The same minimum as ``minimum(of:)`` for a curve that falls to one minimum
    /// and then rises, known only point by point: `loss(t)` is the summed loss at
    /// ``grid`` index `t`. Walks downhill from index `start` and evaluates only the
    /// points it passes and their neighbours (callers cache `loss`, which may be
    /// asked for a point twice). Returns the grid index of the least point too.
    ///
    /// Complexity: `O(|start − best| + 3)` evaluations of `loss`.
    package static func descend(from start: Int, _ loss: (Int) -> Double) -> (temperature: Double, loss: Double, index: Int) {
        precondition(grid.indices.contains(start))
        var best = start, value = loss(start)
        for step in [-1, 1] {
            var moved = false
            while grid.indices.contains(best + step) {
                let next = loss(best + step)
                guard next < value else { break }
                (best, value, moved) = (best + step, next, true)
            }
            if moved { break }
        }
        let refined = refine(best, value, left: best > 0 ? loss(best - 1) : nil, right: best < grid.count - 1 ? loss(best + 1) : nil)
        return (refined.temperature, refined.loss, best)
    }

    /// The grid minimum at index `best` of a full curve, refined by a parabola.
    private static func refine(_ curve: [Double], at best: Int) -> (temperature: Double, loss: Double) {
        refine(best, curve[best], left: best > 0 ? curve[best - 1] : nil, right: best < curve.count - 1 ? curve[best + 1] : nil)
    }

    /// The vertex of the parabola (in `log T`) through the grid point `best` of loss
    /// `b` and its neighbours' losses, when both exist and it opens upwards.
    private static func refine(_ best: Int, _ b: Double, left: Double?, right: Double?) -> (temperature: Double, loss: Double) {
        guard let a = left, let c = right else { return (grid[best], b) }
        let denominator = a - 2 * b + c
        guard denominator > 0 else { return (grid[best], b) }
        // Offset in grid steps (within ±½) of the parabola's vertex, and its value.
        let offset = 0.5 * (a - c) / denominator
        let loss = b - 0.25 * (a - c) * offset
        return (grid[best] * pow(2, offset / 4), min(loss, b))
    }
}
