import Foundation
import PrecisFeatures
import PrecisCore
import PrecisLinearAlgebra

/// Multinomial (softmax) logistic regression by plain stochastic gradient descent,
/// one document at a time, in the manner of scikit-learn's `SGDClassifier`:
///
/// - the documents are visited in a fresh seeded shuffle every epoch (``SplitMix64``),
///   so the same data, penalty and seed give bit-identical weights;
/// - the L2 penalty is applied lazily through a global scale, `W = scale · V`:
///   each step multiplies `scale` by `1 − ηα` and only the rows of `V` of the
///   document's features are touched (`nnz × classes` work per step); `V` is
///   folded back into `scale = 1` when the scale becomes tiny;
/// - the learning rate follows scikit-learn's `'optimal'` schedule
///   `η_t = 1 / (α (t₀ + t))`, with `t₀` from Léon Bottou's heuristic;
/// - intercepts are not penalised and move by a damped step, `interceptStep × η`
///   (scikit-learn uses 0.01 for sparse input; see
///   ``LogisticRegressionConfiguration/interceptStep`` for why ours is larger).
///
/// The objective is the weighted mean log-loss plus `½α‖W‖²` (the same as
/// ``SoftmaxObjective`` with weights normalised to sum to one).
///
/// ```swift
/// let sgd = StochasticGradientDescent(alpha: 1e-6, seed: 42, interceptStep: 0.3, multiClass: .multinomial)
/// var state = sgd.makeState(layout: .init(x), classes: 3)
/// for _ in 0..<5 { _ = sgd.runEpoch(&state, x: x, labels: y32, sampleWeights: nil) }
/// var theta = ContiguousArray<Float>(repeating: 0, count: (x.columns + 1) * 3)
/// state.accumulate(into: &theta, weight: 1)      // [W, b] as SoftmaxObjective lays them out
/// ```
struct StochasticGradientDescent {
    /// L2 penalty weight on the mean loss (must be positive for the schedule).
    let alpha: Double
    /// Seed of the visiting order.
    let seed: UInt64
    /// The intercepts' step as a fraction of the weights' step (see
    /// ``LogisticRegressionConfiguration/interceptStep``).
    let interceptStep: Double
    /// Softmax loss over all classes, or one binary log-loss per class.
    let multiClass: MultiClass

    /// Below this, the lazy scale is folded into the weights.
    static let minimumScale = 1e-9

    /// The optimiser's working state: `W = scale · v` and intercepts `b`. `v` is
    /// ``Layout/rows`` × `stride` (classes rounded up to a multiple of 8, the padding
    /// stays zero), so each feature's row is whole SIMD vectors; a feature without a row
    /// (never seen in training) has weights zero.
    struct State {
        var v: ContiguousArray<Float>
        var b: ContiguousArray<Double>
        var scale: Double = 1
        /// Steps taken so far (the `t` of the schedule).
        var steps: Int = 0
        let features: Int
        /// Rows of `v` (see ``Layout/rows``).
        let rows: Int
        let classes: Int
        let stride: Int
        var rng: SplitMix64
        /// Row of `v` that holds each feature: features are laid out by falling
        /// document frequency (ties by index), so the frequent ones share cache lines.
        let slot: ContiguousArray<Int32>
        /// The training matrix's column indices mapped through `slot` (set per
        /// window of rows when training streams, see ``Layout/slotIndices(of:)``).
        var slotIndices: ContiguousArray<Int32>

        /// Adds `weight ×` the parameters, laid out as ``SoftmaxObjective`` does
        /// (`[W, b]` in `Float`), to `sum`
        /// (which must hold `(features + 1) × classes` values), without a copy.
        func accumulate(into sum: inout ContiguousArray<Float>, weight: Double) {
            precondition(sum.count == (features + 1) * classes)
            let s = scale * weight, k = classes, stride = self.stride, rows = self.rows
            sum.withUnsafeMutableBufferPointer { t in
                v.withUnsafeBufferPointer { vb in
                    slot.withUnsafeBufferPointer { slot in
                        // Blocks of features write disjoint parts of `sum`: the same values on any core count.
                        Parallelism.forEachBlock(of: features, blockSize: 1 << 16) { block in
                            for j in block where Int(slot[j]) < rows {
                                let r = Int(slot[j]) * stride
                                for c in 0..<k { t[j * k + c] += Float(s * Double(vb[r + c])) }
                            }
                        }
                    }
                }
                for c in 0..<k { t[features * k + c] += Float(weight * b[c]) }
            }
        }

        /// `‖W‖²`, summed in eight lanes (a fixed order, so the same on every machine)
        /// that keep the additions independent: the loop runs at memory speed.
        func squaredNorm() -> Double {
            var lanes = SIMD8<Double>.zero
            var tail = 0.0
            v.withUnsafeBufferPointer { vb in
                guard let base = vb.baseAddress else { return }
                let whole = vb.count / 8 * 8
                let raw = UnsafeRawPointer(base)
                var i = 0
                while i < whole {
                    let d = SIMD8<Double>(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
                    lanes += d * d
                    i += 8
                }
                for j in whole..<vb.count { tail += Double(vb[j]) * Double(vb[j]) }
            }
            let total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
            return (total + tail) * scale * scale
        }
    }

    /// Where each feature's weights live in ``State/v``: rows by falling document
    /// frequency (ties by index), so the frequent features share cache lines, and the
    /// training matrix's column indices mapped to those rows. Computed once per
    /// matrix and shared (copy-on-write) by every run's state.
    struct Layout {
        let features: Int
        let slot: ContiguousArray<Int32>
        let slotIndices: ContiguousArray<Int32>
        /// Rows of weights a state holds: one per feature seen (frequency above zero;
        /// they have the first slots), so the columns of a hashed model that no
        /// document hits cost no memory. All features with ``keepingUnseen()``.
        let rows: Int

        init(_ x: SparseMatrix) {
            var frequency = [Int](repeating: 0, count: x.columns)
            for j in x.columnIndices { frequency[Int(j)] += 1 }
            self.init(documentFrequencies: frequency, columnIndices: x.columnIndices)
        }

        /// The layout for features with these document frequencies (the number of
        /// rows each is stored in), and the mapped `columnIndices` of the rows at hand.
        init(documentFrequencies frequency: [Int], columnIndices: ContiguousArray<Int32> = []) {
            features = frequency.count
            // Slots by falling frequency, ties by index: a counting sort (stable), linear in
            // the features and the largest frequency, instead of a comparison sort.
            let largest = frequency.max() ?? 0
            var start = [Int](repeating: 0, count: largest + 2)
            for f in frequency { start[largest - f + 1] += 1 }
            for k in 1..<start.count { start[k] += start[k - 1] }
            var slot = ContiguousArray<Int32>(repeating: 0, count: features)
            for (feature, f) in frequency.enumerated() {
                slot[feature] = Int32(start[largest - f])
                start[largest - f] += 1
            }
            self.slot = slot
            slotIndices = ContiguousArray(columnIndices.map { slot[Int($0)] })
            // At least one row, so the weights always have storage (a corpus of empty documents).
            rows = min(features, max(1, frequency.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }))
        }

        private init(features: Int, slot: ContiguousArray<Int32>, slotIndices: ContiguousArray<Int32>, rows: Int) {
            self.features = features
            self.slot = slot
            self.slotIndices = slotIndices
            self.rows = rows
        }

        /// This layout with a row for every feature, seen or not: a warm start's
        /// weights for features this data never hits must survive the fit.
        func keepingUnseen() -> Layout {
            Layout(features: features, slot: slot, slotIndices: slotIndices, rows: features)
        }

        /// The column indices of `x` (over the same features) mapped to rows of `V`.
        func slotIndices(of x: SparseMatrix) -> ContiguousArray<Int32> {
            ContiguousArray(x.columnIndices.map { slot[Int($0)] })
        }
    }

    /// A zero-initialised state over the layout of the training matrix.
    func makeState(layout: Layout, classes: Int) -> State {
        let stride = Self.stride(classes: classes)
        return State(v: HugePageArray.zeros(count: layout.rows * stride),
                     b: ContiguousArray(repeating: 0, count: classes),
                     features: layout.features, rows: layout.rows, classes: classes, stride: stride,
                     rng: SplitMix64(seed: seed ^ 0x5347_445F_5348_5546),
                     slot: layout.slot, slotIndices: layout.slotIndices)
    }

    /// Weights per row of ``State/v``: the classes rounded up to a multiple of 8.
    static func stride(classes: Int) -> Int { (classes + 7) / 8 * 8 }

    /// Weights (`Float`s) a state made by ``makeState(layout:classes:)`` holds.
    static func stateWeightCount(layout: Layout, classes: Int) -> Int { layout.rows * stride(classes: classes) }

    /// `t₀` of the `'optimal'` schedule: scikit-learn's `1 / (α η₀)` with
    /// `η₀ = √(1/√α)` (a typical weight size) divided by the log-loss slope there.
    var scheduleOffset: Double {
        let typicalWeight = (1 / alpha.squareRoot()).squareRoot()
        let slope = 1 / (exp(-typicalWeight) + 1)      // |d log-loss / dz| at z = −typicalWeight
        let eta0 = typicalWeight / max(1, slope)
        return 1 / (alpha * eta0)
    }

    /// One pass over the rows of `x` in `rows` (default: every row) in a seeded random
    /// order. Returns the weighted mean log-loss of the documents as they were met
    /// (before each step).
    ///
    /// Each document is one step (``epoch(_:x:labels:rows:residuals:)``) whose residuals
    /// are the softmax or one-vs-rest log-loss's (``LogisticLoss``).
    ///
    /// - Parameter sampleWeights: per-document weights with mean one, or nil.
    func runEpoch(_ state: inout State, x: SparseMatrix, labels: ContiguousArray<Int32>,
                  sampleWeights: ContiguousArray<Float>?, rows: Range<Int>? = nil) -> Double {
        let k = state.classes, multiClass = self.multiClass
        let rows = rows ?? 0..<x.rows
        var lossSum = 0.0
        epoch(&state, x: x, labels: labels, rows: rows) { document, i in
            let omega = sampleWeights.map { Double($0[i]) } ?? 1
            LogisticLoss.residuals(document.scores, classes: k, label: document.label(of: i), weight: omega,
                                   multiClass: multiClass, loss: &lossSum)
        }
        return lossSum / Double(max(rows.count, 1))
    }

    /// One pass over the rows of `x` in `rows` (default: every row) in a seeded random order, one step per
    /// document: its scores (``SGDDocumentStep/computeScores(of:scale:)``), which
    /// `residuals` turns into the loss's residuals in place, the `'optimal'` rate,
    /// the penalty's decay of the global scale (folded into the weights when it
    /// becomes tiny), then the update of the rows of the document's features and of
    /// the intercepts (``SGDDocumentStep``). Single- and multi-label SGD differ only
    /// in `residuals`.
    @inline(__always)
    func epoch(_ state: inout State, x: SparseMatrix, labels: ContiguousArray<Int32>, rows: Range<Int>? = nil,
               residuals: (_ document: SGDDocumentStep, _ row: Int) -> Void) {
        var order = Array(rows ?? 0..<x.rows)
        state.rng.shuffle(&order)
        let t0 = scheduleOffset
        let alpha = self.alpha, interceptStep = self.interceptStep
        var scale = state.scale
        var steps = state.steps
        SGDDocumentStep.with(&state, x: x, labels: labels) { document in
            for i in order {
                document.computeScores(of: i, scale: scale)
                residuals(document, i)
                steps += 1
                let eta = 1 / (alpha * (t0 + Double(steps - 1)))
                scale *= max(0, 1 - eta * alpha)
                if scale < Self.minimumScale {
                    document.foldScale(scale)
                    scale = 1
                }
                document.addResiduals(of: i, times: -eta / scale)
                document.addResidualsToIntercepts(times: -eta * interceptStep)
            }
        }
        state.scale = scale
        state.steps = steps
    }
}
