import Foundation
import PrecisCore
import PrecisLinearAlgebra

/// One-vs-rest binary logistic regressions for multi-label data, fitted together by
/// ``StochasticGradientDescent``'s machinery: every class shares one pass over the
/// documents, one learning-rate schedule and one lazy L2 scale (so the result is
/// the same as fitting each class's binary model separately with the same
/// schedule, at the cost of one pass). For document `i` and class `c` the loss is
/// `softplus(−s_c)` if `c` is one of its labels, else `softplus(s_c)`, and the
/// residual `σ(s_c) − [c ∈ labels(i)]` (positives optionally weighted).
///
/// Runs (different shuffles) go side by side on the cores and their weights are
/// averaged over the last epochs, as ``LogisticRegression``'s SGD fit does.
///
/// ```swift
/// let fit = MultiLabelSGD(alpha: 1e-5, epochs: 8).fit(x, targets: targets)
/// fit.probabilities(x)       // per-label sigmoids, rows × labels
/// ```
public struct MultiLabelSGD: Sendable {
    /// L2 penalty on the mean loss.
    public var alpha: Double
    /// Passes over the data.
    public var epochs: Int
    /// Weights averaged over the last this many epochs.
    public var averagedEpochs: Int
    /// Independent runs averaged.
    public var runs: Int
    /// Intercept step as a fraction of the weights' step.
    public var interceptStep: Double
    /// Seed of the visiting orders.
    public var seed: UInt64

    /// A multi-label SGD fit with the given settings.
    public init(alpha: Double, epochs: Int = 6, averagedEpochs: Int = 3, runs: Int = 1,
                interceptStep: Double = 0.3, seed: UInt64 = 42) {
        self.alpha = alpha
        self.epochs = epochs
        self.averagedEpochs = averagedEpochs
        self.runs = runs
        self.interceptStep = interceptStep
        self.seed = seed
    }

    /// Fits one binary logistic model per class of `targets` on the rows of `x`.
    /// `positiveWeights` (one per class, nil: all 1) scale each class's positive loss terms.
    public func fit(_ x: SparseMatrix, targets: MultiLabelTargets, positiveWeights: [Double]? = nil) -> LogisticRegressionModel {
        let k = targets.classCount, features = x.columns
        let optimisers = (0..<max(1, runs)).map { r in
            StochasticGradientDescent(alpha: alpha, seed: LogisticRegression.runSeed(seed, run: r),
                                      interceptStep: interceptStep, multiClass: .ovr)
        }
        let layout = StochasticGradientDescent.Layout(x)
        var states = optimisers.map { $0.makeState(layout: layout, classes: k) }
        let offsets = ContiguousArray(targets.offsets), labels = ContiguousArray(targets.labels)
        let weights = ContiguousArray(positiveWeights ?? [Double](repeating: 1, count: k))
        var sum = ContiguousArray<Float>(repeating: 0, count: (features + 1) * k)
        let firstAveraged = epochs - min(max(1, averagedEpochs), epochs) + 1
        var averaged = 0
        for epoch in 1...max(1, epochs) {
            states.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                Parallelism.run(optimisers.count) { r in
                    optimisers[r].runMultiLabelEpoch(&base[r], x: x, offsets: offsets, labels: labels, positiveWeights: weights)
                }
            }
            if epoch >= firstAveraged {
                for state in states { state.accumulate(into: &sum, weight: 1 / Double(states.count)) }
                averaged += 1
            }
        }
        let scale = 1 / Float(max(averaged, 1))
        for i in sum.indices { sum[i] *= scale }
        return LogisticRegression.model(from: sum, features: features, classes: k, multiClass: .ovr)
    }
}

extension StochasticGradientDescent {
    /// One pass of multi-label one-vs-rest SGD over the rows of `x` in a seeded random
    /// order (see ``MultiLabelSGD``). The loss itself is not computed (only its gradient):
    /// model selection uses held-out F1, not the training loss.
    func runMultiLabelEpoch(_ state: inout State, x: SparseMatrix, offsets: ContiguousArray<Int>,
                            labels: ContiguousArray<Int32>, positiveWeights: ContiguousArray<Double>) {
        let n = x.rows, k = state.classes
        var order = Array(0..<n)
        state.rng.shuffle(&order)
        let t0 = scheduleOffset
        let alpha = self.alpha, interceptStep = self.interceptStep
        var scale = state.scale
        var steps = state.steps
        SGDDocumentStep.with(&state, x: x, labels: []) { document in
            let s = document.scores
            for i in order {
                document.computeScores(of: i, scale: scale)
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
                document.update(of: i, alpha: alpha, scheduleOffset: t0, interceptStep: interceptStep,
                                steps: &steps, scale: &scale)
            }
        }
        state.scale = scale
        state.steps = steps
    }
}
