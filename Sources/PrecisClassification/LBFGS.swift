import PrecisLinearAlgebra

/// Limited-memory BFGS minimisation of a smooth function of many `Float` variables.
///
/// Each iteration computes a quasi-Newton direction from the last `history`
/// steps (the two-loop recursion, all vector algebra through ``BLAS``) and
/// takes a backtracking (Armijo) step along it; on a well-scaled problem the
/// first trial step is almost always accepted, so an iteration costs one
/// function-and-gradient evaluation. Fully deterministic.
///
/// ```swift
/// let lbfgs = LBFGS(history: 6, maxIterations: 100, tolerance: 1e-4)
/// var theta = ContiguousArray<Float>(repeating: 0, count: n)
/// let result = lbfgs.minimize(&theta) { x, g in objective(x, &g) } onIteration: { _, _, _ in true }
/// ```
struct LBFGS {
    /// Pairs (s, y) remembered.
    var history: Int
    /// Iteration cap.
    var maxIterations: Int
    /// Relative objective decrease under which the run has converged.
    var tolerance: Double

    /// Why ``minimize(_:evaluate:onIteration:)`` stopped, and where.
    struct Result {
        var iterations: Int
        var loss: Double
        var converged: Bool
        var stoppedByCallback: Bool
    }

    typealias Evaluate = (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Double

    /// Minimises from `x` (updated in place). `onIteration(iteration, loss, x)` runs
    /// after every accepted step; returning `false` stops.
    func minimize(_ x: inout ContiguousArray<Float>, evaluate: Evaluate,
                  onIteration: (Int, Double, ContiguousArray<Float>) -> Bool) -> Result {
        let n = x.count
        var g = ContiguousArray<Float>(repeating: 0, count: n)
        var f = x.withUnsafeBufferPointer { xb in g.withUnsafeMutableBufferPointer { evaluate(xb, $0) } }
        var direction = ContiguousArray<Float>(repeating: 0, count: n)
        var xNew = ContiguousArray<Float>(repeating: 0, count: n)
        var gNew = ContiguousArray<Float>(repeating: 0, count: n)
        var sHistory: [ContiguousArray<Float>] = []
        var yHistory: [ContiguousArray<Float>] = []
        var rhoHistory: [Float] = []
        var alphas = [Float](repeating: 0, count: history)

        if !f.isFinite { return Result(iterations: 0, loss: f, converged: false, stoppedByCallback: false) }
        for iteration in 1...maxIterations {
            // Two-loop recursion: direction = −H·g.
            direction.withUnsafeMutableBufferPointer { d in
                g.withUnsafeBufferPointer { d.update(fromContentsOf: $0) }
            }
            let m = sHistory.count
            if m > 0 {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    let a = rhoHistory[j] * BLAS.dot(sHistory[j], direction)
                    alphas[j] = a
                    BLAS.axpy(-a, yHistory[j], &direction)
                }
                let yy = BLAS.dot(yHistory[m - 1], yHistory[m - 1])
                let gamma = yy > 0 ? 1 / (rhoHistory[m - 1] * yy) : 1
                BLAS.scal(gamma, &direction)
                for j in 0..<m {
                    let beta = rhoHistory[j] * BLAS.dot(yHistory[j], direction)
                    BLAS.axpy(alphas[j] - beta, sHistory[j], &direction)
                }
            }
            BLAS.scal(-1, &direction)
            var slope = Double(BLAS.dot(g, direction))
            if !(slope < 0) {
                // Not a descent direction: forget the curvature and follow the gradient.
                sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll()
                direction.withUnsafeMutableBufferPointer { d in g.withUnsafeBufferPointer { d.update(fromContentsOf: $0) } }
                BLAS.scal(-1, &direction)
                slope = Double(BLAS.dot(g, direction))
                if !(slope < 0) {
                    return Result(iterations: iteration - 1, loss: f, converged: true, stoppedByCallback: false)
                }
            }
            var step: Float = 1
            if sHistory.isEmpty {
                let norm = BLAS.nrm2(direction)
                step = norm > 1 ? 1 / norm : 1
            }
            // Backtracking line search with the Armijo condition.
            var fNew = Double.infinity
            var accepted = false
            for _ in 0..<30 {
                xNew.withUnsafeMutableBufferPointer { xn in x.withUnsafeBufferPointer { xn.update(fromContentsOf: $0) } }
                BLAS.axpy(step, direction, &xNew)
                fNew = xNew.withUnsafeBufferPointer { xb in gNew.withUnsafeMutableBufferPointer { evaluate(xb, $0) } }
                if fNew.isFinite && fNew <= f + 1e-4 * Double(step) * slope {
                    accepted = true
                    break
                }
                // Minimiser of the quadratic through f, slope and fNew, kept in [0.1, 0.5]·step.
                let t = Double(step)
                var next = fNew.isFinite ? -slope * t * t / (2 * (fNew - f - slope * t)) : 0.1 * t
                next = min(max(next, 0.1 * t), 0.5 * t)
                step = Float(next)
            }
            if !accepted {
                return Result(iterations: iteration - 1, loss: f, converged: true, stoppedByCallback: false)
            }
            // Curvature pair.
            var s = sHistory.count == history ? sHistory.removeFirst() : ContiguousArray<Float>(repeating: 0, count: n)
            var y = yHistory.count == history ? yHistory.removeFirst() : ContiguousArray<Float>(repeating: 0, count: n)
            if rhoHistory.count == history { rhoHistory.removeFirst() }
            s.withUnsafeMutableBufferPointer { sb in direction.withUnsafeBufferPointer { sb.update(fromContentsOf: $0) } }
            BLAS.scal(step, &s)
            y.withUnsafeMutableBufferPointer { yb in gNew.withUnsafeBufferPointer { yb.update(fromContentsOf: $0) } }
            BLAS.axpy(-1, g, &y)
            let sy = BLAS.dot(s, y)
            if sy > 1e-10 {
                sHistory.append(s); yHistory.append(y); rhoHistory.append(1 / sy)
            }
            let decrease = (f - fNew) / max(abs(f), abs(fNew), 1e-12)
            swap(&x, &xNew)
            swap(&g, &gNew)
            f = fNew
            if !onIteration(iteration, f, x) {
                return Result(iterations: iteration, loss: f, converged: false, stoppedByCallback: true)
            }
            if decrease < tolerance {
                return Result(iterations: iteration, loss: f, converged: true, stoppedByCallback: false)
            }
        }
        return Result(iterations: maxIterations, loss: f, converged: false, stoppedByCallback: false)
    }
}
