import Foundation
import PrecisCore
import PrecisLinearAlgebra

extension HyperparameterSearch {
    /// Runs the search on the training matrix `x` (rows = documents) with class
    /// indices `labels`, for a classifier configured as `base` (its seed, runs'
    /// intercept step, averaging, class weighting and loss are kept).
    ///
    /// Returns nil when there is nothing to search (disabled, or the ``Solver/lbfgs``
    /// solver) or too little data to fold (fewer than two documents per fold, or a
    /// fold whose training part holds a single class).
    ///
    /// ```swift
    /// let report = try HyperparameterSearch().run(x, labels: y, classCount: 4,
    ///                                             configuration: LogisticRegressionConfiguration())
    /// report?.alpha
    /// ```
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` for bad search settings.
    public func run(_ x: SparseMatrix, labels: [Int], classCount: Int,
                    configuration base: LogisticRegressionConfiguration) throws -> ModelSelectionReport? {
        try validate()
        guard isEnabled, base.solver == .sgd, x.rows == labels.count else { return nil }
        // A stratified sample of a large training set.
        let sampled = x.rows > maxDocuments
            ? StratifiedSplit.holdOut(labels: labels, fraction: Double(maxDocuments) / Double(x.rows), seed: base.seed ^ 0x5341_4D50)
            : Array(0..<x.rows)
        let xs = sampled.count == x.rows ? x : x.selectingRows(sampled)
        let ys = sampled.map { labels[$0] }
        guard xs.rows >= 2 * folds else { return nil }
        let assignment = StratifiedFolds(labels: ys, folds: folds, seed: base.seed)
        for k in 0..<folds where Set(assignment.training(k).map { ys[$0] }).count < 2 { return nil }
        func foldData(_ k: Int) -> FoldData {
            FoldData(x: xs, labels: ys, trainRows: assignment.training(k), heldRows: assignment.heldOut(k),
                     classCount: classCount, weighting: base.classWeighting)
        }
        // The other folds are prepared once the first fold's runs are done (less memory at once).
        var data = [foldData(0)]

        let fullAlpha = base.regularization.alpha(documents: Double(x.rows))
        let strategies = multiClasses.isEmpty ? [base.multiClass] : multiClasses
        let grid = strategies.flatMap { m in (alphas.isEmpty ? [fullAlpha] : alphas).map { (multiClass: m, alpha: $0) } }
        let lastEpoch = maxEpochs ?? base.epochs
        let choices = maxEpochs == nil ? [base.epochs] : Array(min(minEpochs, lastEpoch)...lastEpoch)
        let tuneEpochs = maxEpochs != nil
        func makeRun(fold: Int, _ candidate: (multiClass: MultiClass, alpha: Double)) -> SearchRun {
            var configuration = base
            configuration.multiClass = candidate.multiClass
            return SearchRun(fold: data[fold], alpha: candidate.alpha * Double(x.rows) / Double(data[fold].trainCount),
                             base: configuration, scoredFrom: choices[0])
        }

        // Every candidate on the first fold, epoch by epoch side by side: a run stops
        // when its calibrated loss has not improved for `patience` epochs, when it
        // trails the best by more than the margin and did not improve in this epoch,
        // or when it trails by more than four margins (too far behind to catch up).
        // When all their weights together would pass `concurrentWeights`, the
        // strategies run one after the other (a wave each, one-vs-rest first); a later
        // wave is measured against the best of the earlier ones too.
        var firstRuns = [SearchRun?](repeating: nil, count: grid.count)
        var stopEpoch = [Int](repeating: lastEpoch, count: grid.count)
        let slack = 1 + pruneMargin, farBehind = 1 + 4 * pruneMargin
        let stateWeights = StochasticGradientDescent.stateWeightCount(layout: data[0].layout, classes: classCount)
        let waves: [[Int]] = stateWeights * grid.count <= concurrentWeights
            ? [Array(grid.indices)]
            : strategies.sorted { ($0 == .ovr ? 0 : 1) < ($1 == .ovr ? 0 : 1) }.map { m in grid.indices.filter { grid[$0].multiClass == m } }
        for wave in waves {
            let made = Parallelism.map(wave.count, chunk: 1) { makeRun(fold: 0, grid[wave[$0]]) }     // zeroing weights on the cores
            for (i, a) in wave.enumerated() { firstRuns[a] = made[i] }
            var active = wave
            for epoch in 1...lastEpoch where !active.isEmpty {
                let now = active
                Parallelism.run(now.count) { firstRuns[now[$0]]!.advance() }
                guard epoch >= choices[0] else { continue }
                let leader = firstRuns.compactMap { $0?.bestLoss }.min() ?? 0
                active = now.filter { a in
                    let run = firstRuns[a]!
                    let stalled = tuneEpochs && epoch - run.bestEpoch >= patience
                    let hopeless = run.bestLoss > leader * slack && (run.bestEpoch < epoch || run.bestLoss > leader * farBehind)
                    if stalled || hopeless || epoch == lastEpoch {
                        stopEpoch[a] = epoch
                        run.finish()
                        return false
                    }
                    return true
                }
            }
        }
        let first = firstRuns.map { $0! }
        let leader = first.map(\.bestLoss).min() ?? 0
        // Successive halving: at most the best `survivors` candidates go on.
        let survivors = grid.indices
            .filter { first[$0].bestLoss <= leader * slack }
            .sorted { first[$0].bestLoss != first[$1].bestLoss ? first[$0].bestLoss < first[$1].bestLoss : $0 < $1 }
            .prefix(self.survivors).sorted()
        // The survivors on the other folds, for as many epochs as they ran on the first.
        data += Parallelism.map(folds - 1, chunk: 1) { foldData($0 + 1) }
        let rest = Parallelism.map(survivors.count * (folds - 1), chunk: 1) { t -> Trajectory in
            let a = survivors[t / (folds - 1)]
            let run = makeRun(fold: 1 + t % (folds - 1), grid[a])
            for _ in 0..<stopEpoch[a] { run.advance() }
            return run.trajectory.padded(to: lastEpoch)
        }
        var runs = first.map { [$0.trajectory.padded(to: lastEpoch)] }
        for (t, r) in rest.enumerated() { runs[survivors[t / (folds - 1)]].append(r) }

        // Pooled out-of-fold scores per (candidate, epochs). The calibrated loss is the
        // pooled log-loss at the one temperature that suits all the folds best: it
        // ranks how well the scores separate the classes, whatever their scale.
        typealias Score = (correct: Int, loss: Double, calibrated: Double, temperature: Double, held: Int)
        func pooled(_ a: Int, _ e: Int) -> Score {
            var correct = 0, loss = 0.0, held = 0
            for r in runs[a] {
                correct += r.correct[e - 1]
                loss += r.loss[e - 1]
                held += r.held
            }
            let scored = runs[a].map { $0.curves[e - choices[0]] }
            let fitted = LossCurve.minimum(of: scored.map(\.curve), from: scored[0].best)
            return (correct, loss, fitted.loss, fitted.temperature, held)
        }
        func better(_ x: Score, than y: Score) -> Bool {
            let left = x.calibrated / Double(x.held), right = y.calibrated / Double(y.held)
            if left != right { return left < right }
            return x.correct * y.held > y.correct * x.held
        }
        var candidates: [ModelSelectionReport.Candidate] = []
        var chosen: (alpha: Int, epochs: Int)?
        for a in grid.indices {
            var bestEpochs = choices[0]
            for e in choices where e <= stopEpoch[a] && better(pooled(a, e), than: pooled(a, bestEpochs)) { bestEpochs = e }
            let s = pooled(a, bestEpochs)
            candidates.append(.init(multiClass: grid[a].multiClass, alpha: grid[a].alpha, epochs: bestEpochs,
                                    accuracy: Double(s.correct) / Double(s.held), logLoss: s.loss / Double(s.held),
                                    calibratedLogLoss: s.calibrated / Double(s.held), folds: runs[a].count))
            guard runs[a].count == folds else { continue }
            if chosen == nil || better(s, than: pooled(chosen!.alpha, chosen!.epochs)) { chosen = (a, bestEpochs) }
        }
        guard let chosen else { return nil }
        let score = pooled(chosen.alpha, chosen.epochs)

        // Temperature on the pooled out-of-fold log-loss of the choice.
        let before = score.loss / Double(score.held)
        var temperature = 1.0, after = before
        if calibrate {
            let fittedLoss = score.calibrated / Double(score.held)
            if fittedLoss < before * (1 - 1e-3) {
                temperature = score.temperature
                after = fittedLoss
            }
        }
        return ModelSelectionReport(folds: folds, documents: xs.rows, tunedAlpha: !alphas.isEmpty,
                                    tunedMultiClass: !multiClasses.isEmpty, tunedEpochs: tuneEpochs,
                                    multiClass: grid[chosen.alpha].multiClass, alpha: grid[chosen.alpha].alpha, epochs: chosen.epochs,
                                    accuracy: Double(score.correct) / Double(score.held), candidates: candidates,
                                    temperature: temperature, logLossBefore: before, logLossAfter: after)
    }
}

/// One SGD run's held-out record, epoch by epoch (index `e − 1` for epoch `e`).
struct Trajectory {
    /// Held-out documents scored.
    var held: Int
    /// Correct predictions of the tail-averaged weights after each epoch.
    var correct: [Int] = []
    /// Summed held-out log-loss after each epoch (0 before the first scored epoch).
    var loss: [Double] = []
    /// Per scored epoch (from the first epoch choice on), the held-out loss curve
    /// over the ``TemperatureScaling/grid`` temperatures and the grid index of its
    /// least point.
    var curves: [(curve: LossCurve, best: Int)] = []

    /// The record extended to `epochs` epochs by repeating its last values (for
    /// epochs a stopped run did not reach; they are never chosen).
    func padded(to epochs: Int) -> Trajectory {
        var copy = self
        while copy.correct.count < epochs {
            copy.correct.append(copy.correct.last ?? 0)
            copy.loss.append(copy.loss.last ?? 0)
            if let last = copy.curves.last { copy.curves.append(last) }
        }
        return copy
    }
}

/// One fold's training matrix and held-out rows, prepared once for every penalty.
///
/// The held-out rows keep only the features that occur in the fold's training
/// rows and, when the matrix rows are L2-normalised, are normalised again: a
/// document scored by the final model loses its out-of-vocabulary words the same
/// way (the vocabulary was fitted on all the training documents, so without this
/// the held-out rows would carry weightless mass a new document does not have).
struct FoldData: @unchecked Sendable {
    let x: SparseMatrix
    let labels: ContiguousArray<Int32>
    let weights: ContiguousArray<Float>?
    let layout: StochasticGradientDescent.Layout
    let classCount: Int
    /// The held-out rows, and their column indices mapped to rows of the SGD state.
    let held: SparseMatrix
    let heldSlots: ContiguousArray<Int32>
    let heldLabels: [Int]
    let heldLabels32: ContiguousArray<Int32>
    var trainCount: Int { x.rows }

    init(x all: SparseMatrix, labels: [Int], trainRows: [Int], heldRows: [Int], classCount: Int, weighting: ClassWeighting) {
        let x = all.selectingRows(trainRows)
        self.x = x
        let y = trainRows.map { labels[$0] }
        self.labels = ContiguousArray(y.map { Int32($0) })
        weights = LogisticRegression.sampleWeights(labels: y, classCount: classCount, weighting: weighting).map { w in
            let mean = w.reduce(0.0) { $0 + Double($1) } / Double(max(w.count, 1))
            return ContiguousArray(w.map { Float(Double($0) / mean) })
        }
        let layout = StochasticGradientDescent.Layout(x)
        self.layout = layout
        self.classCount = classCount
        var seen = [Bool](repeating: false, count: all.columns)
        for j in x.columnIndices { seen[Int(j)] = true }
        var builder = SparseMatrix.Builder(columns: all.columns)
        var indices: [Int32] = [], values: [Float] = []
        for i in heldRows {
            let row = all.row(i)
            indices.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            var total = 0.0, kept = 0.0
            for (j, v) in zip(row.indices, row.values) {
                total += Double(v) * Double(v)
                if seen[Int(j)] {
                    indices.append(j)
                    values.append(v)
                    kept += Double(v) * Double(v)
                }
            }
            if abs(total - 1) < 1e-3, kept > 0 {
                let scale = Float(1 / kept.squareRoot())
                for p in values.indices { values[p] *= scale }
            }
            builder.appendRow(indices: indices, values: values)
        }
        held = builder.build()
        heldSlots = ContiguousArray(held.columnIndices.map { layout.slot[Int($0)] })
        heldLabels = heldRows.map { labels[$0] }
        heldLabels32 = ContiguousArray(heldLabels.map { Int32($0) })
    }
}

/// One SGD run of the search on one fold, advanced an epoch at a time: after each
/// epoch it scores the held-out rows with the mean scores of the last
/// ``LogisticRegressionConfiguration/averagedEpochs`` epochs (scores are linear in
/// the weights, so these are the scores of the tail-averaged weights).
/// Only one thread touches a run at a time.
final class SearchRun: @unchecked Sendable {
    let fold: FoldData
    let sgd: StochasticGradientDescent
    /// The SGD state; nil once the run is finished (``finish()``), to free its weights.
    private var state: StochasticGradientDescent.State?
    let averaged: Int
    let scoredFrom: Int
    private var recent: [[Double]] = []
    private(set) var trajectory: Trajectory
    private(set) var epoch = 0
    /// Lowest calibrated held-out loss so far (from `scoredFrom` on: the summed
    /// log-loss at its best ``TemperatureScaling/grid`` temperature) and its epoch.
    private(set) var bestLoss = Double.infinity
    private(set) var bestEpoch = 0
    /// Grid index of the last scored epoch's best temperature (where the next
    /// epoch's search starts: the scores change little from one epoch to the next).
    private var temperatureIndex = TemperatureScaling.unitIndex

    init(fold: FoldData, alpha: Double, base: LogisticRegressionConfiguration, scoredFrom: Int) {
        self.fold = fold
        sgd = StochasticGradientDescent(alpha: alpha, seed: LogisticRegression.runSeed(base.seed, run: 0),
                                        interceptStep: base.effectiveInterceptStep(documents: fold.x.rows),
                                        multiClass: base.multiClass)
        state = sgd.makeState(layout: fold.layout, classes: fold.classCount)
        averaged = max(1, base.averagedEpochs)
        self.scoredFrom = scoredFrom
        trajectory = Trajectory(held: fold.heldLabels.count)
    }

    /// One more epoch, then the held-out scores.
    func advance() {
        epoch += 1
        guard var current = state else { return }
        state = nil     // `current` is the only reference: no copy on write
        _ = sgd.runEpoch(&current, x: fold.x, labels: fold.labels, sampleWeights: fold.weights)
        recent.append(Self.heldOutScores(&current, fold: fold))
        state = current
        if recent.count > averaged { recent.removeFirst() }
        var mean = recent[0]
        if recent.count > 1 {
            for other in recent.dropFirst() { for i in mean.indices { mean[i] += other[i] } }
            let inverse = 1 / Double(recent.count)
            for i in mean.indices { mean[i] *= inverse }
        }
        let k = fold.classCount, labels = fold.heldLabels
        var correct = 0, loss = 0.0, calibrated = Double.infinity
        let scored = epoch >= scoredFrom
        mean.withUnsafeBufferPointer { z in
            for (i, y) in labels.enumerated() {
                var top = 0
                for c in 1..<k where z[i * k + c] > z[i * k + top] { top = c }
                if top == y { correct += 1 }
            }
        }
        if scored {
            let curve = LossCurve(scores: ContiguousArray(mean.lazy.map { Float($0) }), labels: labels,
                                  classes: k, multiClass: sgd.multiClass)
            let fitted = LossCurve.minimum(of: [curve], from: temperatureIndex)
            temperatureIndex = fitted.index
            trajectory.curves.append((curve, fitted.index))
            loss = curve.unscaled
            calibrated = fitted.loss
        }
        trajectory.correct.append(correct)
        trajectory.loss.append(loss)
        if scored && calibrated < bestLoss {
            bestLoss = calibrated
            bestEpoch = epoch
        }
    }

    /// Frees the SGD state and the recent scores: the run advances no more, and
    /// keeps only its ``trajectory``.
    func finish() {
        state = nil
        recent = []
    }

    /// The held-out rows' scores `scale · x V + b` (rows × classes) under `state`.
    private static func heldOutScores(_ state: inout StochasticGradientDescent.State, fold: FoldData) -> [Double] {
        let k = fold.classCount, n = fold.heldLabels.count, scale = state.scale
        var out = [Double](repeating: 0, count: n * k)
        out.withUnsafeMutableBufferPointer { out in
            SGDDocumentStep.with(&state, x: fold.held, labels: fold.heldLabels32, slotIndices: fold.heldSlots) { document in
                for i in 0..<n {
                    document.computeScores(of: i, scale: scale)
                    for c in 0..<k { out[i * k + c] = document.scores[c] }
                }
            }
        }
        return out
    }
}
