import PrecisCore
import PrecisLinearAlgebra

/// PageRank by power iteration on a dense, symmetric, non-negative weight
/// matrix, one `BLAS.gemv` per step.
///
/// With `W` the weights (zero diagonal), `M` its row-normalised transition
/// matrix and `v` the jump (personalisation) distribution, it iterates
/// `p ← (1 − d)·v + d·(Mᵀp + (dangling mass)·v)` until `‖Δp‖₁ < tolerance`.
/// Because `W` is symmetric, `Mᵀp = W·(p ⊘ rowsums)`: no transpose or
/// normalised copy of `W` is formed.
///
/// ```swift
/// let w = Matrix([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
/// let p = PageRank(damping: 0.85).scores(w)
/// p[0] > p[1]      // true: the hub ranks first
/// ```
public struct PageRank: Sendable {
    /// The probability of following an edge rather than jumping.
    public var damping: Float
    /// Convergence threshold on the L1 change between steps.
    public var tolerance: Float
    /// Upper bound on the number of steps.
    public var maximumIterations: Int

    /// A PageRank with the given damping, tolerance and step limit.
    public init(damping: Float = 0.85, tolerance: Float = 1e-6, maximumIterations: Int = 200) {
        self.damping = damping
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
    }

    /// Checks the values against their ranges.
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` naming the property.
    ///
    /// ```swift
    /// try PageRank(damping: 1).validate()    // "damping must be in (0, 1), got 1.0"
    /// ```
    public func validate() throws {
        try ConfigurationError.check(damping > 0 && damping < 1, "damping", damping, "in (0, 1)")
        try ConfigurationError.check(tolerance >= 0 && tolerance.isFinite, "tolerance", tolerance, "a non-negative number")
        try ConfigurationError.check(maximumIterations >= 1, "maximumIterations", maximumIterations, "at least 1")
    }

    /// The stationary scores (summing to 1) of the graph `weights`, with jumps
    /// distributed as `personalization` (uniform if `nil`; normalised here).
    public func scores(_ weights: Matrix, personalization: [Float]? = nil) -> [Float] {
        let n = weights.rows
        precondition(weights.columns == n, "PageRank: the weight matrix must be square")
        guard n > 0 else { return [] }
        var v = personalization ?? [Float](repeating: 1, count: n)
        precondition(v.count == n, "PageRank: one personalization weight per node")
        let vSum = v.reduce(0, +)
        if vSum > 0 { for i in 0..<n { v[i] /= vSum } } else { v = [Float](repeating: 1 / Float(n), count: n) }
        var rowSums = [Float](repeating: 0, count: n)
        let ones = [Float](repeating: 1, count: n)
        BLAS.gemv(weights, ones, into: &rowSums)
        var p = v
        var q = [Float](repeating: 0, count: n)
        var next = [Float](repeating: 0, count: n)
        let d = damping
        for _ in 0..<max(1, maximumIterations) {
            var dangling: Float = 0
            for i in 0..<n {
                if rowSums[i] > 0 { q[i] = p[i] / rowSums[i] } else { q[i] = 0; dangling += p[i] }
            }
            BLAS.gemv(weights, q, into: &next)
            var change: Float = 0
            var total: Float = 0
            for i in 0..<n {
                let value = (1 - d) * v[i] + d * (next[i] + dangling * v[i])
                change += abs(value - p[i])
                next[i] = value
                total += value
            }
            if total > 0 { for i in 0..<n { next[i] /= total } }
            swap(&p, &next)
            if change < tolerance { break }
        }
        return p
    }
}
