import PrecisLinearAlgebra

/// Limited-memory BFGS minimisation of a smooth function of many `Float` variables,
/// in the "vector-free" form (Chen, Wang & Zhou, NIPS 2014).
///
/// The last `history` steps `sᵢ` and gradient changes `yᵢ`, and the current gradient
/// `g`, are the rows of one dense basis matrix `B`; their Gram matrix `B·Bᵀ` is kept up
/// to date from one BLAS `gemv` per iteration (the new gradient against every row; the
/// new step's products follow from the old Gram matrix because the step is a
/// combination of the rows). The classic two-loop recursion runs on
/// (2·history + 1)-long coefficient vectors, and the direction `−H·g = Bᵀδ` is one
/// `gemv`. That reads the history twice per iteration instead of about ten times,
/// which matters when there are millions of variables. A backtracking (Armijo) line search follows; on a well-scaled problem the
/// first trial step is almost always accepted, so an iteration costs one
/// function-and-gradient evaluation. Fully deterministic.
///
/// ```swift
/// let lbfgs = LBFGS(history: 6, maxIterations: 100, tolerance: 1e-4)
/// var theta = ContiguousArray<Float>(repeating: 0, count: n)
/// let result = lbfgs.minimize(&theta, evaluate: { x, g in objective(x, g) }, onIteration: { _, _, _ in true })
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
        let m = history
        let gRow = 2 * m                     // rows 0..<m: s, m..<2m: y, 2m: g
        var basis = Matrix(rows: 2 * m + 1, columns: n)
        var gNew = ContiguousArray<Float>(repeating: 0, count: n)
        var direction = ContiguousArray<Float>(repeating: 0, count: n)
        var u = ContiguousArray<Float>(repeating: 0, count: 2 * m + 1)
        let size = 2 * m + 1
        // The Gram matrix of the basis rows, in Double.
        var gram = [Double](repeating: 0, count: size * size)
        func setGram(_ a: Int, _ b: Int, _ v: Double) { gram[a * size + b] = v; gram[b * size + a] = v }
        var f = x.withUnsafeBufferPointer { xb in gNew.withUnsafeMutableBufferPointer { evaluate(xb, $0) } }
        Self.copy(gNew, intoRow: gRow, of: &basis)
        setGram(gRow, gRow, Double(BLAS.dot(gNew, gNew)))
        if !f.isFinite { return Result(iterations: 0, loss: f, converged: false, stoppedByCallback: false) }
        var slots: [Int] = []               // ring slots in use, oldest first
        var nextSlot = 0
        var delta = [Double](repeating: 0, count: size)
        var alphas = [Double](repeating: 0, count: m)

        for iteration in 1...maxIterations {
            // Direction −H·g as a combination δ of the basis rows (two-loop recursion on the Gram matrix).
            for i in delta.indices { delta[i] = 0 }
            delta[gRow] = -1
            func dotWithRow(_ r: Int) -> Double {
                var total = 0.0
                for l in 0..<size where delta[l] != 0 { total += delta[l] * gram[l * size + r] }
                return total
            }
            for (k, slot) in slots.enumerated().reversed() {
                let a = dotWithRow(slot) / gram[slot * size + m + slot]
                alphas[k] = a
                delta[m + slot] -= a
            }
            if let newest = slots.last {
                let yy = gram[(m + newest) * size + m + newest]
                let gamma = yy > 0 ? gram[newest * size + m + newest] / yy : 1
                for l in delta.indices { delta[l] *= gamma }
            }
            for (k, slot) in slots.enumerated() {
                let b = dotWithRow(m + slot) / gram[slot * size + m + slot]
                delta[slot] += alphas[k] - b
            }
            BLAS.gemv(basis, transpose: .transposed, delta.map { Float($0) }, into: &direction)
            var slope = Double(BLAS.dot(basis.storage[(gRow * n)..<((gRow + 1) * n)], direction))
            if !(slope < 0) {
                // Not a descent direction: forget the curvature and follow the gradient.
                slots.removeAll()
                for i in delta.indices { delta[i] = 0 }
                delta[gRow] = -1
                BLAS.gemv(basis, transpose: .transposed, delta.map { Float($0) }, into: &direction)
                slope = -gram[gRow * size + gRow]
                if !(slope < 0) {
                    return Result(iterations: iteration - 1, loss: f, converged: true, stoppedByCallback: false)
                }
            }
            var step: Float = 1
            if slots.isEmpty {
                let norm = BLAS.nrm2(direction)
                step = norm > 1 ? 1 / norm : 1
            }
            // Backtracking line search with the Armijo condition, moving x in place
            // (x ← x + (newStep − oldStep)·direction) so no second copy of x is needed.
            var fNew = Double.infinity
            var accepted = false
            var applied: Float = 0
            for _ in 0..<30 {
                BLAS.axpy(step - applied, direction, &x)
                applied = step
                fNew = x.withUnsafeBufferPointer { xb in gNew.withUnsafeMutableBufferPointer { evaluate(xb, $0) } }
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
                BLAS.axpy(-applied, direction, &x)
                return Result(iterations: iteration - 1, loss: f, converged: true, stoppedByCallback: false)
            }

            // Products of the new gradient with every (old) row, and the new pair's products
            // from the old Gram matrix: s = step·Σδₖbₖ, y = gNew − g.
            BLAS.gemv(basis, gNew, into: &u)
            let nn = Double(BLAS.dot(gNew, gNew))
            let t = Double(step)
            var h = [Double](repeating: 0, count: size)      // G·δ
            for l in 0..<size { h[l] = dotWithRow(l) }
            var deltaU = 0.0, deltaH = 0.0
            for l in 0..<size {
                deltaU += delta[l] * Double(u[l])
                deltaH += delta[l] * h[l]
            }
            let gg = gram[gRow * size + gRow], ug = Double(u[gRow])
            let sy = t * (deltaU - h[gRow])
            let slot = nextSlot
            let (sRow, yRow) = (slot, m + slot)
            if sy > 1e-10 {
                for l in 0..<size where l != sRow && l != yRow && l != gRow {
                    let ul = Double(u[l])
                    setGram(sRow, l, t * h[l])
                    setGram(yRow, l, ul - gram[gRow * size + l])
                    setGram(gRow, l, ul)
                }
                setGram(sRow, sRow, t * t * deltaH)
                setGram(sRow, yRow, sy)
                setGram(sRow, gRow, t * deltaU)
                setGram(yRow, yRow, nn - 2 * ug + gg)
                setGram(yRow, gRow, nn - ug)
                setGram(gRow, gRow, nn)
                // The rows themselves.
                Self.copy(direction, intoRow: sRow, of: &basis)
                basis.withUnsafeMutableStorage { b in
                    BLAS.scal(step, UnsafeMutableBufferPointer(rebasing: b[(sRow * n)..<((sRow + 1) * n)]))
                }
                Self.copy(gNew, intoRow: yRow, of: &basis)
                basis.withUnsafeMutableStorage { b in
                    let g = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(b)[(gRow * n)..<((gRow + 1) * n)])
                    BLAS.axpy(-1, g, UnsafeMutableBufferPointer(rebasing: b[(yRow * n)..<((yRow + 1) * n)]))
                }
                slots.removeAll { $0 == slot }
                slots.append(slot)
                nextSlot = (nextSlot + 1) % m
            } else {
                // No usable curvature: keep the pairs, refresh only the gradient row.
                for l in 0..<size where l != gRow { setGram(gRow, l, Double(u[l])) }
                setGram(gRow, gRow, nn)
            }
            Self.copy(gNew, intoRow: gRow, of: &basis)
            let decrease = (f - fNew) / max(abs(f), abs(fNew), 1e-12)
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

    /// Copies `vector` into row `row` of `matrix`.
    static func copy(_ vector: ContiguousArray<Float>, intoRow row: Int, of matrix: inout Matrix) {
        let n = matrix.columns
        matrix.withUnsafeMutableStorage { b in
            vector.withUnsafeBufferPointer { v in
                _ = UnsafeMutableBufferPointer(rebasing: b[(row * n)..<((row + 1) * n)]).update(fromContentsOf: v)
            }
        }
    }
}
