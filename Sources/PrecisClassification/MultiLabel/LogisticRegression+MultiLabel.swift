import Foundation
import PrecisCore
import PrecisLinearAlgebra

extension LogisticRegression {
    /// One-vs-rest binary logistic regressions for multi-label data, fitted together by
    /// the ``Solver/sgd`` fit: every class shares one visiting order, one learning-rate
    /// schedule and one lazy L2 scale (so the result is the same as fitting each class's
    /// binary model separately with the same schedule). For document `i` and class `c`
    /// the loss is `softplus(−s_c)` if `c` is one of its labels, else `softplus(s_c)`,
    /// and the residual `σ(s_c) − [c ∈ labels(i)]` (positives optionally weighted by
    /// `positiveWeights`, one per class, nil: all 1).
    ///
    /// The classes are independent given the shared schedule, so they are fitted in
    /// blocks of ``multiLabelBlockSize`` (one pass of the SGD kernel, which handles 32
    /// classes per pass over a document's non-zeros anyway), side by side on the cores:
    /// every weight is computed with the same operations in the same order as in one
    /// fit of all the classes, so the model is the same bit for bit.
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
        let layout = StochasticGradientDescent.Layout(x)
        let blocks = Self.multiLabelBlocks(classes: targets.classCount)
        let parts = Parallelism.map(blocks.count, chunk: 1) { b in
            fitMultiLabelBlock(x, layout: layout, targets: targets, classes: blocks[b], positiveWeights: positiveWeights)
        }
        return Self.multiLabelModel(parts, features: x.columns, classes: targets.classCount)
    }

    /// Classes per block of a multi-label fit (the SGD kernel's width: four SIMD vectors).
    static let multiLabelBlockSize = 32

    /// The class blocks of a multi-label fit of `classes` classes, in order.
    static func multiLabelBlocks(classes: Int) -> [Range<Int>] {
        Swift.stride(from: 0, to: classes, by: multiLabelBlockSize).map { $0..<Swift.min(classes, $0 + multiLabelBlockSize) }
    }

    /// The parameters `[W, b]` (laid out as ``SoftmaxObjective`` does, over the block's
    /// classes only) of the one-vs-rest SGD fit of the classes in `classes` on `x`,
    /// whose layout is `layout` (see ``fitMultiLabel(_:targets:positiveWeights:)``).
    func fitMultiLabelBlock(_ x: SparseMatrix, layout: StochasticGradientDescent.Layout, targets: MultiLabelTargets,
                            classes: Range<Int>, positiveWeights: [Double]?) -> ContiguousArray<Float> {
        var config = configuration
        config.multiClass = .ovr
        // The block's labels of each document, shifted to start at zero (still ascending).
        var offsets = ContiguousArray<Int>(), labels = ContiguousArray<Int32>()
        offsets.reserveCapacity(targets.count + 1)
        offsets.append(0)
        let low = Int32(classes.lowerBound), high = Int32(classes.upperBound)
        for i in 0..<targets.count {
            for c in targets.labels(of: i) where c >= low && c < high { labels.append(c - low) }
            offsets.append(labels.count)
        }
        let weights = ContiguousArray(positiveWeights.map { Array($0[classes]) } ?? [Double](repeating: 1, count: classes.count))
        let fit = Self.sgdEpochs(config, layout: layout, documents: x.rows, classCount: classes.count,
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
        return fit.theta
    }

    /// The one-vs-rest model whose consecutive class blocks (of
    /// ``multiLabelBlocks(classes:)``) have the parameters `parts`.
    static func multiLabelModel(_ parts: [ContiguousArray<Float>], features: Int, classes k: Int) -> LogisticRegressionModel {
        // Every element is written once, straight into the weights' storage (no zeroing, no copy).
        var intercepts = [Float](repeating: 0, count: k)
        let weights = ContiguousArray<Float>(unsafeUninitializedCapacity: features * k) { t, initialized in
            var low = 0
            for part in parts {
                let width = part.count / (features + 1)
                part.withUnsafeBufferPointer { p in
                    // Rows 0..<features of a part are its weights, row `features` its intercepts.
                    for j in 0..<features {
                        (t.baseAddress! + j * k + low).initialize(from: p.baseAddress! + j * width, count: width)
                    }
                    for c in 0..<width { intercepts[low + c] = p[features * width + c] }
                }
                low += width
            }
            initialized = features * k
        }
        return LogisticRegressionModel(weights: Matrix(rows: features, columns: k, elements: weights),
                                       intercepts: intercepts, multiClass: .ovr)
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
