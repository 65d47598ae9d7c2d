import Foundation
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisCore

/// Fits a multinomial (softmax) logistic regression with an L2 penalty on a sparse
/// feature matrix, by stochastic gradient descent (``StochasticGradientDescent``, the
/// default) or by L-BFGS on the full-batch objective (see ``SoftmaxObjective``), as
/// ``LogisticRegressionConfiguration/solver`` says.
///
/// Deterministic: the same matrix, labels and configuration give bit-identical
/// weights. With ``LogisticRegressionConfiguration/validationFraction`` above zero,
/// a stratified, seeded share of the documents is held out and the weights with
/// the lowest held-out loss are kept (early stopping).
///
/// ```swift
/// let trainer = LogisticRegression(configuration: LogisticRegressionConfiguration())
/// let fit = try trainer.fit(x, labels: [0, 1, 1, 0], classCount: 2)
/// fit.model.predict(x)
/// ```
public struct LogisticRegression: Sendable {
    /// The hyper-parameters.
    public var configuration: LogisticRegressionConfiguration

    /// A trainer with the given (or default) configuration.
    public init(configuration: LogisticRegressionConfiguration = LogisticRegressionConfiguration()) {
        self.configuration = configuration
    }

    /// Progress of a fit, reported after every optimiser iteration.
    public struct Progress: Sendable {
        /// Iterations done.
        public var iteration: Int
        /// The iteration cap.
        public var maxIterations: Int
        /// The regularised training objective.
        public var loss: Double
        /// Held-out loss, when a validation split is used.
        public var validationLoss: Double?
    }

    /// A fitted model and how the fit went.
    public struct Fit: Sendable {
        /// The weights and intercepts.
        public var model: LogisticRegressionModel
        /// Optimiser iterations run.
        public var iterations: Int
        /// Whether the tolerance was reached (rather than the iteration cap or early stopping).
        public var converged: Bool
        /// Final training objective.
        public var loss: Double
        /// Rows of the input used for validation (empty without a validation split).
        public var validationRows: [Int]
        /// The iteration whose weights were kept, when early stopping is on.
        public var bestIteration: Int?
        /// Held-out accuracy of the kept weights, when a validation split is used.
        public var validationAccuracy: Double?
    }

    /// Fits on the rows of `x` with class indices `labels` (each in `0..<classCount`).
    ///
    /// - Throws: ``ClassificationError`` for an empty set, a single class, bad
    ///   hyper-parameters or inconsistent sizes.
    ///
    /// - Parameter warmStart: where the optimiser starts (default: all zero), e.g. the
    ///   last merged model of iterative parameter mixing; its shape must be
    ///   `x.columns × classCount`.
    public func fit(_ x: SparseMatrix, labels: [Int], classCount: Int, warmStart: WarmStart? = nil,
                    progress: ((Progress) -> Void)? = nil) throws -> Fit {
        let config = configuration
        try config.validate()
        guard x.rows > 0 else { throw ClassificationError.emptyTrainingSet }
        guard labels.count == x.rows else {
            throw ClassificationError.shapeMismatch("\(labels.count) labels for \(x.rows) documents")
        }
        guard labels.allSatisfy({ (0..<classCount).contains($0) }) else {
            throw ClassificationError.shapeMismatch("a label index is outside 0..<\(classCount)")
        }
        guard Set(labels).count >= 2 else { throw ClassificationError.singleClass("\(labels[0])") }
        if let warmStart, warmStart.weights.rows != x.columns || warmStart.weights.columns != classCount {
            throw ClassificationError.shapeMismatch("the warm start has \(warmStart.weights.rows)×\(warmStart.weights.columns) weights, the fit \(x.columns)×\(classCount)")
        }

        // Held-out split (stratified, seeded).
        var validationRows: [Int] = []
        if config.validationFraction > 0 {
            validationRows = StratifiedSplit.holdOut(labels: labels, fraction: config.validationFraction, seed: config.seed)
        }
        let held = Set(validationRows)
        let trainRows = held.isEmpty ? Array(0..<x.rows) : (0..<x.rows).filter { !held.contains($0) }
        let xTrain = held.isEmpty ? x : x.selectingRows(trainRows)
        let yTrain = held.isEmpty ? labels : trainRows.map { labels[$0] }
        guard Set(yTrain).count >= 2 else {
            throw ConfigurationError("validationFraction", config.validationFraction,
                                     allowed: "small enough to leave two classes to train on")
        }

        let weights = Self.sampleWeights(labels: yTrain, classCount: classCount, weighting: config.classWeighting)
        let alpha = config.regularization.alpha(documents: Double(xTrain.rows))

        // Early stopping state.
        let xValidation = validationRows.isEmpty ? nil : x.selectingRows(validationRows)
        let yValidation = validationRows.map { labels[$0] }
        var best: (loss: Double, iteration: Int, theta: ContiguousArray<Float>)?
        let features = x.columns
        let cap = config.solver == .sgd ? config.epochs : config.maxIterations
        /// After iteration (or epoch) `iteration`: tracks the held-out loss, reports progress,
        /// and says whether to go on.
        func afterIteration(_ iteration: Int, _ loss: Double, _ current: () -> ContiguousArray<Float>) -> Bool {
            var validationLoss: Double?
            var keepGoing = true
            if let xValidation {
                let theta = current()
                let model = Self.model(from: theta, features: features, classes: classCount, multiClass: config.multiClass)
                let l = Self.meanLogLoss(model.probabilities(xValidation), labels: yValidation)
                validationLoss = l
                if best == nil || l < best!.loss {
                    best = (l, iteration, theta)
                } else if iteration - best!.iteration >= config.patience {
                    keepGoing = false
                }
            }
            progress?(Progress(iteration: iteration, maxIterations: cap, loss: loss, validationLoss: validationLoss))
            return keepGoing
        }

        let theta: ContiguousArray<Float>
        let result: (iterations: Int, converged: Bool, loss: Double)
        switch config.solver {
        case .lbfgs:
            var objective = SoftmaxObjective(x: xTrain, labels: yTrain, classCount: classCount,
                                             sampleWeights: weights, alpha: alpha, multiClass: config.multiClass)
            var current = warmStart?.theta ?? ContiguousArray<Float>(repeating: 0, count: objective.dimension)
            let lbfgs = LBFGS(history: config.history, maxIterations: config.maxIterations, tolerance: config.tolerance)
            let r = lbfgs.minimize(&current, evaluate: { objective.evaluate($0, gradient: $1) }) { iteration, loss, now in
                afterIteration(iteration, loss, { now })
            }
            theta = current
            result = (r.iterations, r.converged, r.loss)
        case .sgd:
            let r = Self.fitSGD(config, x: xTrain, labels: yTrain, classCount: classCount, sampleWeights: weights,
                                alpha: alpha, warmStart: warmStart, afterEpoch: afterIteration)
            theta = r.theta
            result = (r.epochs, r.converged, r.loss)
        }

        var fit = Fit(model: Self.model(from: best?.theta ?? theta, features: features, classes: classCount, multiClass: config.multiClass),
                      iterations: result.iterations, converged: result.converged, loss: result.loss,
                      validationRows: validationRows, bestIteration: best?.iteration, validationAccuracy: nil)
        if let xValidation {
            let predicted = fit.model.predict(xValidation)
            let correct = zip(predicted, yValidation).filter { $0 == $1 }.count
            fit.validationAccuracy = Double(correct) / Double(max(yValidation.count, 1))
        }
        return fit
    }

    /// The ``Solver/sgd`` fit: ``LogisticRegressionConfiguration/runs`` independent runs
    /// (different visiting orders) step through the epochs in lockstep, spread over the
    /// cores; the kept weights are the mean over the runs of their weights after each
    /// of the last ``LogisticRegressionConfiguration/averagedEpochs`` epochs.
    /// `afterEpoch` sees the epoch, the mean objective over the runs and the current
    /// mean weights, and returns whether to go on.
    static func fitSGD(_ config: LogisticRegressionConfiguration, x xTrain: SparseMatrix, labels yTrain: [Int],
                       classCount: Int, sampleWeights weights: [Float]?, alpha: Double, warmStart: WarmStart? = nil,
                       afterEpoch: (Int, Double, () -> ContiguousArray<Float>) -> Bool)
        -> (theta: ContiguousArray<Float>, epochs: Int, converged: Bool, loss: Double) {
        let y32 = ContiguousArray(yTrain.map { Int32($0) })
        // Weights with mean one, so alpha keeps its meaning (penalty on the mean loss).
        let meanOne = weights.map { w -> ContiguousArray<Float> in
            let mean = w.reduce(0.0) { $0 + Double($1) } / Double(max(w.count, 1))
            return ContiguousArray(w.map { Float(Double($0) / mean) })
        }
        return sgdEpochs(config, layout: StochasticGradientDescent.Layout(xTrain), documents: xTrain.rows,
                         classCount: classCount, alpha: alpha, warmStart: warmStart, afterEpoch: afterEpoch) { optimisers, states in
            var losses = [Double](repeating: 0, count: optimisers.count)
            states.withUnsafeMutableBufferPointer { stateBuffer in
                losses.withUnsafeMutableBufferPointer { lossBuffer in
                    let stateBase = stateBuffer.baseAddress!, lossBase = lossBuffer.baseAddress!
                    Parallelism.run(optimisers.count) { r in
                        lossBase[r] = optimisers[r].runEpoch(&stateBase[r], x: xTrain, labels: y32, sampleWeights: meanOne)
                    }
                }
            }
            return losses
        }
    }

    /// The epochs of an SGD fit, however each epoch meets the data (one matrix in
    /// memory, or a stream of windows): ``LogisticRegressionConfiguration/runs``
    /// independent runs with their own seeds, the mean objective, convergence,
    /// and the tail average over the last epochs. `epoch` runs one epoch of every
    /// run and returns each run's mean loss, or nil when it does not compute the loss
    /// (the fit then runs every epoch).
    static func sgdEpochs(_ config: LogisticRegressionConfiguration, layout: StochasticGradientDescent.Layout,
                          documents: Int, classCount: Int, alpha: Double, warmStart: WarmStart? = nil,
                          afterEpoch: (Int, Double, () -> ContiguousArray<Float>) -> Bool,
                          epoch: ([StochasticGradientDescent], inout [StochasticGradientDescent.State]) throws -> [Double]?) rethrows
        -> (theta: ContiguousArray<Float>, epochs: Int, converged: Bool, loss: Double) {
        let layout = warmStart == nil ? layout : layout.keepingUnseen()
        let features = layout.features
        // Independent runs (different visiting orders) step through the epochs in
        // lockstep, spread over the cores; the kept weights are the mean over the runs.
        let runs = config.runs
        let optimisers = (0..<runs).map { r in
            StochasticGradientDescent(alpha: alpha, seed: Self.runSeed(config.seed, run: r),
                                      interceptStep: config.effectiveInterceptStep(documents: documents),
                                      multiClass: config.multiClass)
        }
        var states = optimisers.map { $0.makeState(layout: layout, classes: classCount) }
        if let warmStart { for r in states.indices { states[r].load(warmStart, documents: documents) } }
        /// The mean over the runs of their current parameters.
        func meanParameters() -> ContiguousArray<Float> {
            var mean = ContiguousArray<Float>(repeating: 0, count: (features + 1) * classCount)
            for state in states { state.accumulate(into: &mean, weight: 1 / Double(runs)) }
            return mean
        }
        var epochs = 0, loss = 0.0, previous = Double.infinity, converged = false
        // Tail averaging: the mean of the weights after each of the last epochs (of every run).
        let firstAveraged = config.epochs - min(config.averagedEpochs, config.epochs) + 1
        var sum: ContiguousArray<Float>?, averaged = 0
        while epochs < config.epochs {
            let losses = try epoch(optimisers, &states)
            epochs += 1
            if let losses {
                let norms = Parallelism.map(runs, chunk: 1) { states[$0].squaredNorm() }
                loss = (0..<runs).reduce(0.0) { $0 + losses[$1] + 0.5 * alpha * norms[$1] } / Double(runs)
                converged = abs(previous - loss) <= config.tolerance * max(abs(loss), 1)
                previous = loss
            }
            if config.averagedEpochs > 1 && epochs >= firstAveraged {
                if sum == nil { sum = HugePageArray.zeros(count: (features + 1) * classCount) }
                for state in states { state.accumulate(into: &sum!, weight: 1 / Double(runs)) }
                averaged += 1
            }
            if !afterEpoch(epochs, loss, meanParameters) { break }
        }
        let theta: ContiguousArray<Float>
        if var mean = sum, averaged > 1 {
            sum = nil       // `mean` is the only reference: scaled in place, not copied
            let scale = 1 / Float(averaged)
            for i in mean.indices { mean[i] *= scale }
            theta = mean
        } else {
            theta = meanParameters()
        }
        return (theta, epochs, converged, loss)
    }

    /// The seed of SGD run `run` of ``LogisticRegressionConfiguration/runs``: run 0
    /// uses the configured seed itself, so one run is exactly a plain SGD fit.
    ///
    /// ```swift
    /// LogisticRegression.runSeed(42, run: 0)   // 42
    /// ```
    public static func runSeed(_ seed: UInt64, run: Int) -> UInt64 {
        run == 0 ? seed : seed &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15
    }

    /// Per-document weights for `weighting` (nil when every document counts once).
    static func sampleWeights(labels: [Int], classCount: Int, weighting: ClassWeighting) -> [Float]? {
        switch weighting {
        case .none: return nil
        case .balanced:
            var counts = [Int](repeating: 0, count: classCount)
            for y in labels { counts[y] += 1 }
            let present = counts.filter { $0 > 0 }.count
            let n = Double(labels.count)
            return labels.map { Float(n / (Double(present) * Double(counts[$0]))) }
        }
    }

    static func model(from theta: ContiguousArray<Float>, features: Int, classes: Int,
                      multiClass: MultiClass) -> LogisticRegressionModel {
        let weightCount = features * classes
        return LogisticRegressionModel(
            weights: Matrix(rows: features, columns: classes, elements: theta[0..<weightCount]),
            intercepts: Array(theta[weightCount...]), multiClass: multiClass)
    }

    /// Mean of `−log p(true class)`, with probabilities clipped at 1e-15 (scikit-learn's `log_loss`).
    static func meanLogLoss(_ probabilities: Matrix, labels: [Int]) -> Double {
        guard !labels.isEmpty else { return 0 }
        var total = 0.0
        for (i, y) in labels.enumerated() {
            total -= Foundation.log(max(Double(probabilities[i, y]), 1e-15))
        }
        return total / Double(labels.count)
    }
}

