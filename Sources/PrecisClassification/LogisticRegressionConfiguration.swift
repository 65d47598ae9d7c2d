import PrecisCore

/// How strongly a ``LogisticRegression`` shrinks its weights towards zero (L2 penalty).
///
/// Two equivalent spellings, as in scikit-learn:
/// `.c(C)` is `LogisticRegression(C=…)` (loss summed over documents + ½‖W‖²/C), and
/// `.alpha(α)` is `SGDClassifier(alpha=…)` (mean loss + ½α‖W‖²). For `n` training
/// documents, `C` corresponds to `α = 1 / (C·n)`.
///
/// ```swift
/// let r = Regularization.c(20)
/// r.alpha(documents: 1000)   // 5e-5
/// ```
public enum Regularization: Equatable, Sendable, Codable {
    /// Inverse regularisation strength, scikit-learn's `C` (larger: weaker penalty).
    case c(Double)
    /// Penalty weight on the mean loss, scikit-learn's SGD `alpha` (larger: stronger penalty).
    case alpha(Double)

    private enum CodingKeys: String, CodingKey { case kind, value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let value = try container.decode(Double.self, forKey: .value)
        switch try container.decode(String.self, forKey: .kind) {
        case "C": self = .c(value)
        case "alpha": self = .alpha(value)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown regularization '\(other)'")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .c(let c): try container.encode("C", forKey: .kind); try container.encode(c, forKey: .value)
        case .alpha(let a): try container.encode("alpha", forKey: .kind); try container.encode(a, forKey: .value)
        }
    }

    /// The penalty weight on the mean loss for a training set of `documents` documents
    /// (or total sample weight).
    public func alpha(documents: Double) -> Double {
        switch self {
        case .c(let c): return 1 / (c * max(documents, 1))
        case .alpha(let a): return a
        }
    }
}

/// How training documents are weighted by class.
public enum ClassWeighting: String, Equatable, Sendable, Codable, CaseIterable {
    /// Every document counts once.
    case none
    /// Each class weighs the same in total: a document of class `c` counts
    /// `n / (classes × n_c)`, scikit-learn's `class_weight="balanced"`.
    case balanced
}

/// How a ``LogisticRegression`` minimises its objective.
///
/// ```swift
/// var config = LogisticRegressionConfiguration()
/// config.solver = .lbfgs      // full-batch quasi-Newton instead of SGD
/// ```
public enum Solver: String, Equatable, Sendable, Codable, CaseIterable {
    /// Stochastic gradient descent over shuffled documents (``StochasticGradientDescent``):
    /// a fixed number of epochs, each touching only the documents' non-zero features.
    case sgd
    /// L-BFGS on the full-batch objective, until the tolerance or the iteration cap.
    case lbfgs
}

/// The hyper-parameters of a ``LogisticRegression``: what to fit, not what was fitted.
///
/// The defaults were chosen by cross-validation on the training splits of the
/// shared corpora (see `Models/MODEL_CARD.md`).
///
/// ```swift
/// var config = LogisticRegressionConfiguration()
/// config.regularization = .c(10)
/// config.classWeighting = .balanced
/// config.validationFraction = 0.1      // hold out 10% and stop early
/// ```
public struct LogisticRegressionConfiguration: Equatable, Sendable, Codable {
    /// The optimiser.
    public var solver: Solver = .sgd
    /// Softmax over all classes (the default) or one binary model per class.
    public var multiClass: MultiClass = .multinomial
    /// L2 penalty.
    public var regularization: Regularization = .alpha(1e-6)
    /// Passes over the training documents with the ``Solver/sgd`` solver.
    public var epochs: Int = 5
    /// With ``Solver/sgd``: the kept weights are the mean of the weights after each of
    /// the last this many epochs (tail averaging, which smooths SGD's noise); `1` keeps the last.
    public var averagedEpochs: Int = 3
    /// With ``Solver/sgd``: independent runs over differently seeded visiting orders,
    /// spread over the cores and averaged into one set of weights (the runs share
    /// nothing while they step, so the result does not depend on the core count).
    /// Averaging cancels much of each run's noise, so four runs of 5 epochs beat
    /// two of 10 or one of 20 at the same total work; each run holds its own
    /// `features × classes` weights. Memory grows by one weight matrix per run.
    public var runs: Int = 4
    /// With ``Solver/sgd``: the intercepts' step as a fraction of the weights' step.
    /// The intercepts move on every document while a feature's weights move only
    /// on documents that contain it, so their steps are damped; scikit-learn damps
    /// by 0.01 for sparse input, which leaves the intercepts far from their optimum
    /// on imbalanced corpora (Reuters). 0.3 was chosen by cross-validation.
    public var interceptStep: Double = 0.3
    /// With ``Solver/sgd``: below this many training documents the intercept step is
    /// scaled down in proportion (`interceptStep × n / interceptRampDocuments`; `0`
    /// turns the scaling off). A small set takes few steps, all near the schedule's
    /// largest rate, and large intercept steps then overshoot: on training-split
    /// samples of 60–600 documents, steps near 0.01 scored best.
    public var interceptRampDocuments: Int = 1500
    /// Upper bound on ``Solver/lbfgs`` iterations (one gradient evaluation each, plus rare line-search steps).
    public var maxIterations: Int = 100
    /// Stop when the objective improves by less than this, relative to its size,
    /// over one iteration (or the gradient's largest entry falls below it).
    public var tolerance: Double = 1e-4
    /// Per-class document weights.
    public var classWeighting: ClassWeighting = .none
    /// Fraction of the training documents held out (stratified) to choose the
    /// stopping iteration; `0` trains on everything until convergence.
    public var validationFraction: Double = 0
    /// Iterations without improvement of the held-out loss before stopping.
    public var patience: Int = 10
    /// Seed of every random choice (the held-out split).
    public var seed: UInt64 = 42
    /// L-BFGS history length (pairs of vectors kept). Memory: about
    /// `(2 × history + 4) × features × classes` floats during the fit.
    public var history: Int = 3

    /// The defaults.
    public init() {}

    /// The intercept step used for a training set of `documents` documents: see
    /// ``interceptStep`` and ``interceptRampDocuments``.
    ///
    /// ```swift
    /// LogisticRegressionConfiguration().effectiveInterceptStep(documents: 150)   // 0.03
    /// ```
    public func effectiveInterceptStep(documents: Int) -> Double {
        guard interceptRampDocuments > 0, documents < interceptRampDocuments else { return interceptStep }
        return interceptStep * Double(max(documents, 1)) / Double(interceptRampDocuments)
    }

    private enum CodingKeys: String, CodingKey {
        case solver, multiClass, regularization, epochs, averagedEpochs, runs, interceptStep, interceptRampDocuments, maxIterations, tolerance, classWeighting
        case validationFraction, patience, seed, history
    }

    /// Decodes a configuration; keys missing from older model files take their
    /// values from the version that wrote them: solver `lbfgs` (the first files),
    /// one SGD run with scikit-learn's 0.01 intercept step (before runs and the
    /// intercept step were options), otherwise the defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = LogisticRegressionConfiguration()
        solver = try c.decodeIfPresent(Solver.self, forKey: .solver) ?? .lbfgs
        multiClass = try c.decodeIfPresent(MultiClass.self, forKey: .multiClass) ?? .multinomial
        regularization = try c.decodeIfPresent(Regularization.self, forKey: .regularization) ?? defaults.regularization
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? defaults.epochs
        averagedEpochs = try c.decodeIfPresent(Int.self, forKey: .averagedEpochs) ?? 1
        runs = try c.decodeIfPresent(Int.self, forKey: .runs) ?? 1
        interceptStep = try c.decodeIfPresent(Double.self, forKey: .interceptStep) ?? 0.01
        interceptRampDocuments = try c.decodeIfPresent(Int.self, forKey: .interceptRampDocuments) ?? 0
        maxIterations = try c.decodeIfPresent(Int.self, forKey: .maxIterations) ?? defaults.maxIterations
        tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? defaults.tolerance
        classWeighting = try c.decodeIfPresent(ClassWeighting.self, forKey: .classWeighting) ?? defaults.classWeighting
        validationFraction = try c.decodeIfPresent(Double.self, forKey: .validationFraction) ?? defaults.validationFraction
        patience = try c.decodeIfPresent(Int.self, forKey: .patience) ?? defaults.patience
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed
        history = try c.decodeIfPresent(Int.self, forKey: .history) ?? defaults.history
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(solver, forKey: .solver)
        if multiClass != .multinomial { try c.encode(multiClass, forKey: .multiClass) }
        try c.encode(regularization, forKey: .regularization)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(averagedEpochs, forKey: .averagedEpochs)
        try c.encode(runs, forKey: .runs)
        try c.encode(interceptStep, forKey: .interceptStep)
        try c.encode(interceptRampDocuments, forKey: .interceptRampDocuments)
        try c.encode(maxIterations, forKey: .maxIterations)
        try c.encode(tolerance, forKey: .tolerance)
        try c.encode(classWeighting, forKey: .classWeighting)
        try c.encode(validationFraction, forKey: .validationFraction)
        try c.encode(patience, forKey: .patience)
        try c.encode(seed, forKey: .seed)
        try c.encode(history, forKey: .history)
    }

    /// Checks every value against its range: the only range check in Precis (the
    /// command-line tool relies on it too).
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` naming the property
    ///   (`c` or `alpha` for ``regularization``), the value and what is allowed.
    ///
    /// ```swift
    /// var config = LogisticRegressionConfiguration()
    /// config.runs = 100
    /// try config.validate()    // ConfigurationError: "runs must be in 1...64, got 100"
    /// ```
    public func validate() throws {
        switch regularization {
        case .c(let c): try ConfigurationError.check(c > 0 && c.isFinite, "c", c, "a positive number")
        case .alpha(let a):
            try ConfigurationError.check(a >= 0 && a.isFinite, "alpha", a, "a non-negative number")
            try ConfigurationError.check(solver != .sgd || a > 0, "alpha", a, "positive with the sgd solver (its step sizes are 1/(alpha·t))")
        }
        try ConfigurationError.check(epochs >= 1, "epochs", epochs, "at least 1")
        try ConfigurationError.check(averagedEpochs >= 1, "averagedEpochs", averagedEpochs, "at least 1")
        try ConfigurationError.check((1...64).contains(runs), "runs", runs, "in 1...64")
        try ConfigurationError.check(interceptStep >= 0 && interceptStep.isFinite, "interceptStep", interceptStep, "a non-negative number")
        try ConfigurationError.check(interceptRampDocuments >= 0, "interceptRampDocuments", interceptRampDocuments, "a non-negative number of documents")
        try ConfigurationError.check(maxIterations >= 1, "maxIterations", maxIterations, "at least 1")
        try ConfigurationError.check(tolerance >= 0 && tolerance.isFinite, "tolerance", tolerance, "a non-negative number")
        try ConfigurationError.check(validationFraction >= 0 && validationFraction < 1, "validationFraction", validationFraction, "in [0, 1)")
        try ConfigurationError.check(patience >= 1, "patience", patience, "at least 1")
        try ConfigurationError.check((1...100).contains(history), "history", history, "in 1...100")
    }
}
