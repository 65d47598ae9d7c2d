import Foundation

/// The one log-loss / softmax kernel of the package, shared by stochastic
/// gradient descent (``StochasticGradientDescent``, in `Double`), the full-batch
/// objective of L-BFGS (``SoftmaxObjective``, in `Float`) and prediction
/// (``LogisticRegressionModel``, in `Float`).
///
/// For one document with scores `s` (one per class), true class `y` and weight `ω`:
///
/// - multinomial: `p = softmax(s)`, loss `−log p_y`, residuals `ω(p − e_y)`;
/// - one-vs-rest: per class the binary log-loss `softplus(∓s_c)` (− for the true
///   class), residuals `ω(σ(s_c) − [c = y])`;
///
/// where the residuals are the gradient of the document's weighted loss with
/// respect to its scores. Exponentials are shifted by the row maximum and the
/// binary loss uses `softplus(x) = max(x, 0) + log1p(e^{−|x|})`, so nothing
/// overflows for any scores. Each loss term is added to a running `Double` total
/// in class order, so a caller that sums documents in a fixed order gets the
/// same bits on any machine with the same floating-point arithmetic.
///
/// ```swift
/// var loss = 0.0
/// var scores: [Double] = [2, 0, -1]
/// scores.withUnsafeMutableBufferPointer {
///     LogisticLoss.residuals($0.baseAddress!, classes: 3, label: 0, weight: 1, multiClass: .multinomial, loss: &loss)
/// }
/// // loss ≈ 0.1698 (−log softmax(s)₀); scores ≈ [-0.156, 0.114, 0.042]
/// ```
enum LogisticLoss {
    /// Adds the document's weighted loss to `loss` and replaces its scores `s`
    /// (`classes` values) by the residuals.
    @inline(__always)
    static func residuals<T: LogisticScalar>(_ s: UnsafeMutablePointer<T>, classes k: Int, label y: Int,
                                             weight omega: T, multiClass: MultiClass, loss: inout Double) {
        switch multiClass {
        case .multinomial: softmaxResiduals(s, classes: k, label: y, weight: omega, loss: &loss)
        case .ovr: sigmoidResiduals(s, classes: k, label: y, weight: omega, loss: &loss)
        }
    }

    /// Multinomial: loss `−log p_y`, residuals `ω(p − e_y)`, `p = softmax(s)`.
    @inline(__always)
    static func softmaxResiduals<T: LogisticScalar>(_ s: UnsafeMutablePointer<T>, classes k: Int, label y: Int,
                                                    weight omega: T, loss: inout Double) {
        let trueScore = s[y]
        let (maximum, total) = exponentiate(s, k)
        let trueProbability = s[y] / total
        // −log p_y; once p_y underflows, the same value as log Σ e^{s_c − m} − (s_y − m).
        let documentLoss = trueProbability >= T.leastNormalMagnitude
            ? -T.logarithm(trueProbability)
            : T.logarithm(total) - (trueScore - maximum)
        loss += Double(omega) * Double(documentLoss)
        let inverse = 1 / total
        for c in 0..<k { s[c] = omega * s[c] * inverse }
        s[y] -= omega
    }

    /// One-vs-rest: per class loss `softplus(∓s_c)`, residual `ω(σ(s_c) − [c = y])`.
    @inline(__always)
    static func sigmoidResiduals<T: LogisticScalar>(_ s: UnsafeMutablePointer<T>, classes k: Int, label y: Int,
                                                    weight omega: T, loss: inout Double) {
        for c in 0..<k {
            let z = c == y ? s[c] : -s[c]
            loss += Double(omega) * Double(softplus(-z))
            let sigma = 1 / (1 + T.exponential(-s[c]))
            s[c] = omega * (c == y ? sigma - 1 : sigma)
        }
    }

    /// Replaces the scores `s` by their softmax (shifted by the maximum: never overflows).
    @inline(__always)
    static func softmax<T: LogisticScalar>(_ s: UnsafeMutablePointer<T>, classes k: Int) {
        let (_, total) = exponentiate(s, k)
        let scale = 1 / total
        for c in 0..<k { s[c] *= scale }
    }

    /// Replaces each score `z` by `log σ(z) = −softplus(−z)`, finite for any `z`.
    @inline(__always)
    static func logSigmoid<T: LogisticScalar>(_ s: UnsafeMutablePointer<T>, count: Int) {
        for c in 0..<count { s[c] = -softplus(-s[c]) }
    }

    /// `log(1 + e^x)` without overflow: `max(x, 0) + log1p(e^{−|x|})`.
    @inline(__always)
    static func softplus<T: LogisticScalar>(_ x: T) -> T {
        max(x, 0) + T.logOnePlus(T.exponential(-abs(x)))
    }

    /// Replaces `s` (`k ≥ 1` values) by `e^{s_c − m}` with `m` their maximum;
    /// returns `m` and the sum of the exponentials, added in class order.
    @inline(__always)
    static func exponentiate<T: LogisticScalar>(_ s: UnsafeMutablePointer<T>, _ k: Int) -> (maximum: T, total: T) {
        var m = s[0]
        for c in 1..<k where s[c] > m { m = s[c] }
        var total: T = 0
        for c in 0..<k {
            let e = T.exponential(s[c] - m)
            s[c] = e
            total += e
        }
        return (m, total)
    }
}

/// The floating-point types ``LogisticLoss`` runs in, with their C library's
/// elementary functions (`exp`/`expf`, …), so each precision keeps its own
/// rounding.
protocol LogisticScalar: BinaryFloatingPoint {
    static func exponential(_ x: Self) -> Self
    static func logarithm(_ x: Self) -> Self
    static func logOnePlus(_ x: Self) -> Self
}

extension Double: LogisticScalar {
    @inline(__always) static func exponential(_ x: Double) -> Double { exp(x) }
    @inline(__always) static func logarithm(_ x: Double) -> Double { log(x) }
    @inline(__always) static func logOnePlus(_ x: Double) -> Double { log1p(x) }
}

extension Float: LogisticScalar {
    @inline(__always) static func exponential(_ x: Float) -> Float { expf(x) }
    @inline(__always) static func logarithm(_ x: Float) -> Float { logf(x) }
    @inline(__always) static func logOnePlus(_ x: Float) -> Float { log1pf(x) }
}
