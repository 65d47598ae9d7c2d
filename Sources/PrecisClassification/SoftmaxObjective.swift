import Foundation
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisCore

/// The L2-regularised multinomial logistic loss on a sparse matrix, and its gradient.
///
/// Parameters are one flat vector θ = [W (features × classes, row-major), b (classes)].
/// For weighted documents (weights `ωᵢ` summing to one):
///
///     f(θ) = Σᵢ ωᵢ (logsumexp(sᵢ) − sᵢ,yᵢ) + ½α‖W‖²,   sᵢ = xᵢW + b
///     ∇W  = Xᵀ(Ω(P − Y)) + αW,   ∇b = Σᵢ ωᵢ(pᵢ − yᵢ)
///
/// Each row's loss and residuals come from ``LogisticLoss`` (the kernel SGD and
/// prediction use too; scores shifted by their row maximum, so the loss is finite
/// for any weights). `X·W` and `Xᵀ·G` are the parallel kernels of
/// ``PrecisLinearAlgebra/SparseProductPlan``; the loss is summed per fixed block of
/// rows in `Double` and the blocks are added in order (``PrecisCore/Parallelism``),
/// so results do not depend on the number of cores.
///
/// ```swift
/// var objective = SoftmaxObjective(x: x, labels: y, classCount: 3, sampleWeights: nil, alpha: 1e-4)
/// let loss = objective.evaluate(theta, gradient: &gradient)
/// ```
struct SoftmaxObjective {
    let x: SparseMatrix
    let plan: SparseProductPlan
    let labels: ContiguousArray<Int32>
    /// Normalised document weights (sum to one).
    let weights: ContiguousArray<Float>
    let classCount: Int
    let alpha: Float
    /// ``MultiClass/ovr`` replaces the softmax loss by one binary log-loss per class:
    /// `Σ_c log(1 + exp(∓s_c))`, with residuals `ω(σ(s_c) − [c = y])`.
    let multiClass: MultiClass
    /// Scratch: scores, then residuals `ω(P − Y)`, rows × classes.
    private var scratch: ContiguousArray<Float>

    static let blockRows = 256

    /// Number of parameters: `(features + 1) × classes`.
    var dimension: Int { (x.columns + 1) * classCount }

    init(x: SparseMatrix, labels: [Int], classCount: Int, sampleWeights: [Float]?, alpha: Double,
         multiClass: MultiClass = .multinomial) {
        self.x = x
        self.multiClass = multiClass
        self.plan = SparseProductPlan(x)
        self.labels = ContiguousArray(labels.map { Int32($0) })
        self.classCount = classCount
        self.alpha = Float(alpha)
        let raw = sampleWeights ?? [Float](repeating: 1, count: x.rows)
        let total = raw.reduce(0.0) { $0 + Double($1) }
        self.weights = ContiguousArray(raw.map { Float(Double($0) / max(total, .leastNormalMagnitude)) })
        self.scratch = ContiguousArray(repeating: 0, count: x.rows * classCount)
    }

    /// The objective at `theta`; writes its gradient into `gradient`.
    mutating func evaluate(_ theta: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        let k = classCount, d = x.columns, n = x.rows
        precondition(theta.count == dimension && gradient.count == dimension)
        let w = theta.baseAddress!
        let bias = w + d * k
        let multiClass = self.multiClass
        var loss = 0.0
        scratch.withUnsafeMutableBufferPointer { sb in
            let s = sb.baseAddress!
            // Scores S = XW + 1bᵀ, then residuals G = Ω(P − Y) in place, a fixed block of rows per task.
            plan.multiply(w, columns: k, bias: bias, into: s)
            labels.withUnsafeBufferPointer { yb in
                weights.withUnsafeBufferPointer { wb in
                    loss = Parallelism.sum(over: n, blockSize: Self.blockRows) { rows in
                        var sum = 0.0
                        for i in rows {
                            LogisticLoss.residuals(s + i * k, classes: k, label: Int(yb[i]), weight: wb[i],
                                                   multiClass: multiClass, loss: &sum)
                        }
                        return sum
                    }
                }
            }
            // ∇W = Xᵀ G
            plan.transposeMultiply(UnsafePointer(s), columns: k, into: gradient.baseAddress!)
            // ∇b = column sums of G
            let gb = gradient.baseAddress! + d * k
            gb.update(repeating: 0, count: k)
            for i in 0..<n {
                let row = s + i * k
                for c in 0..<k { gb[c] += row[c] }
            }
        }
        if alpha > 0 {
            let wCount = d * k
            let wPart = UnsafeBufferPointer(start: w, count: wCount)
            loss += 0.5 * Double(alpha) * Double(BLAS.dot(wPart, wPart))
            BLAS.axpy(alpha, wPart, UnsafeMutableBufferPointer(start: gradient.baseAddress!, count: wCount))
        }
        return loss
    }
}
