import Foundation
import PrecisCore
import PrecisLinearAlgebra

extension LogisticRegression {
    /// One-vs-rest binary logistic regressions for multi-label data, fitted together by
    /// the ``Solver/sgd`` fit: every class shares one pass over the documents, one
    /// learning-rate schedule and one lazy L2 scale (so the result is the same as
    /// fitting each class's binary model separately with the same schedule, at the
    /// cost of one pass). For document `i` and class `c` the loss is `softplus(−s_c)`
    /// if `c` is one of its labels, else `softplus(s_c)`, and the residual
    /// `σ(s_c) − [c ∈ labels(i)]` (positives optionally weighted by `positiveWeights`,
    /// one per class, nil: all 1).
    ///
    /// The configuration's SGD settings apply as for single-label data (penalty,
    /// epochs, averaged epochs, runs, intercept step and its ramp, seed); the fit is
    /// always SGD and one-vs-rest, and runs every epoch (no early stopping).
    ///
    /// ```swift
    /// var config = LogisticRegressionConfiguration()
    /// config.regularization = .alpha(1e-5)
    /// let model = LogisticRegression(configuration: config).fitMultiLabel(x, targets: targets)
    /// ```
    public func fitMultiLabel(_ x: SparseMatrix, targets: MultiLabelTargets, positiveWeights: [Double]? = nil) -> LogisticRegressionModel {
        let k = targets.classCount
        var config = configuration
        config.multiClass = .ovr
        let offsets = ContiguousArray(targets.offsets), labels = ContiguousArray(targets.labels)
        let weights = ContiguousArray(positiveWeights ?? [Double](repeating: 1, count: k))
        let fit = Self.sgdEpochs(config, layout: StochasticGradientDescent.Layout(x), documents: x.rows, classCount: k,
                                 alpha: config.regularization.alpha(documents: Double(x.rows)),
                                 afterEpoch: { _, _, _ in true }) { optimisers, states in
            states.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                Parallelism.run(optimisers.count) { r in
                    optimisers[r].runMultiLabelEpoch(&base[r], x: x, offsets: offsets, labels: labels, positiveWeights: weights)
                }
            }
            return nil
        }
        return Self.model(from: fit.theta, features: x.columns, classes: k, multiClass: .ovr)
    }
}

extension StochasticGradientDescent {
    /// One pass of multi-label one-vs-rest SGD over the rows of `x` in a seeded random
    /// order (see ``LogisticRegression/fitMultiLabel(_:targets:positiveWeights:)``). The loss itself is not computed (only its gradient):
    /// model selection uses held-out F1, not the training loss.
    func runMultiLabelEpoch(_ state: inout State, x: SparseMatrix, offsets: ContiguousArray<Int>,
                            labels: ContiguousArray<Int32>, positiveWeights: ContiguousArray<Double>) {
        let k = state.classes
        epoch(&state, x: x, labels: []) { document, i in
            let s = document.scores
            // The document's labels are ascending: walk them alongside the classes.
            var next = offsets[i]
            let last = offsets[i + 1]
            for c in 0..<k {
                let sigma = 1 / (1 + exp(-s[c]))
                if next < last && Int(labels[next]) == c {
                    s[c] = positiveWeights[c] * (sigma - 1)
                    next += 1
                } else {
                    s[c] = sigma
                }
            }
        }
    }
}
