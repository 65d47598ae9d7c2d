import ArgumentParser
import Precis

/// The classifier's hyper-parameters as command-line options, shared by `train`
/// and `cross-validate`. Every option is optional: the library's defaults apply
/// unless the user names one.
struct ClassifierOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Optimiser: sgd (stochastic gradient descent, fixed epochs) or lbfgs (full-batch L-BFGS) (default: sgd).", valueName: "sgd|lbfgs"))
    var solver: String?

    @Option(name: .customLong("multi-class"), help: ArgumentHelp("multinomial (one softmax over the classes, default) or ovr (one binary logistic regression per class, as scikit-learn's SGDClassifier).", valueName: "multinomial|ovr"))
    var multiClass: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Passes over the data with --solver sgd (default: 5).", valueName: "N"))
    var epochs: Int?

    @Option(name: .customLong("average-epochs"), parsing: .unconditional, help: ArgumentHelp("With --solver sgd, keep the mean of the weights after each of the last N epochs (default: 3).", valueName: "N"))
    var averagedEpochs: Int?

    @Option(name: .customLong("sgd-runs"), parsing: .unconditional, help: ArgumentHelp("With --solver sgd, average the weights of N independent runs (different shuffles), run side by side on the cores (default: 4).", valueName: "N"))
    var runs: Int?

    @Option(name: .customLong("intercept-step"), parsing: .unconditional, help: ArgumentHelp("With --solver sgd, the intercepts' learning rate as a fraction of the weights' (default: 0.3; scikit-learn uses 0.01).", valueName: "X"))
    var interceptStep: Double?

    @Option(name: .customLong("intercept-ramp"), parsing: .unconditional, help: ArgumentHelp("With --solver sgd, scale the intercept step down in proportion below N training documents; 0 turns it off (default: 1500).", valueName: "N"))
    var interceptRamp: Int?

    @Option(name: .customLong("c"), parsing: .unconditional, help: ArgumentHelp("Inverse L2 regularisation strength, scikit-learn's C (instead of --alpha).", valueName: "C"))
    var c: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("L2 penalty on the mean loss, scikit-learn's SGD alpha (default: 1e-6).", valueName: "ALPHA"))
    var alpha: Double?

    @Option(name: .customLong("max-iter"), parsing: .unconditional, help: ArgumentHelp("Maximum L-BFGS iterations with --solver lbfgs (default: 100).", valueName: "N"))
    var maxIterations: Int?

    @Option(name: .customLong("tol"), parsing: .unconditional, help: ArgumentHelp("L-BFGS: stop when the loss improves by less than this relative amount (default: 1e-4).", valueName: "X"))
    var tolerance: Double?

    @Option(name: .customLong("class-weight"), help: ArgumentHelp("none or balanced (weigh every class the same in total).", valueName: "none|balanced"))
    var classWeight: String?

    @Option(name: .customLong("validation-split"), parsing: .unconditional, help: ArgumentHelp("Hold out this fraction (stratified) and stop early on its loss (default: 0, off).", valueName: "F"))
    var validationSplit: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Early-stopping patience in iterations (L-BFGS) or epochs (SGD) (default: 10).", valueName: "N"))
    var patience: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of every random choice (SGD document order, held-out split, folds) (default: 42).", valueName: "N"))
    var seed: UInt64?

    /// The library defaults with every option the user gave applied.
    func configuration() throws -> LogisticRegressionConfiguration {
        var config = LogisticRegressionConfiguration()
        if c != nil && alpha != nil { throw ValidationError("give either --c or --alpha, not both") }
        if let c {
            guard c > 0, c.isFinite else { throw ValidationError("--c must be a positive number, got \(c)") }
            config.regularization = .c(c)
        }
        if let alpha {
            guard alpha >= 0, alpha.isFinite else { throw ValidationError("--alpha must be a non-negative number, got \(alpha)") }
            config.regularization = .alpha(alpha)
        }
        if let solver {
            guard let chosen = Solver(rawValue: solver) else {
                throw ValidationError("--solver must be sgd or lbfgs, got '\(solver)'")
            }
            config.solver = chosen
        }
        if let multiClass {
            guard let chosen = MultiClass(rawValue: multiClass) else {
                throw ValidationError("--multi-class must be multinomial or ovr, got '\(multiClass)'")
            }
            config.multiClass = chosen
        }
        if let epochs {
            guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
            config.epochs = epochs
        }
        if let averagedEpochs {
            guard averagedEpochs >= 1 else { throw ValidationError("--average-epochs must be at least 1, got \(averagedEpochs)") }
            config.averagedEpochs = averagedEpochs
        }
        if let runs {
            guard (1...64).contains(runs) else { throw ValidationError("--sgd-runs must be in 1...64, got \(runs)") }
            config.runs = runs
        }
        if let interceptStep {
            guard interceptStep >= 0, interceptStep.isFinite else { throw ValidationError("--intercept-step must be a non-negative number, got \(interceptStep)") }
            config.interceptStep = interceptStep
        }
        if let interceptRamp {
            guard interceptRamp >= 0 else { throw ValidationError("--intercept-ramp must be a non-negative number of documents, got \(interceptRamp)") }
            config.interceptRampDocuments = interceptRamp
        }
        if let maxIterations {
            guard maxIterations >= 1 else { throw ValidationError("--max-iter must be at least 1, got \(maxIterations)") }
            config.maxIterations = maxIterations
        }
        if let tolerance {
            guard tolerance >= 0, tolerance.isFinite else { throw ValidationError("--tol must be a non-negative number, got \(tolerance)") }
            config.tolerance = tolerance
        }
        if let classWeight {
            guard let weighting = ClassWeighting(rawValue: classWeight) else {
                throw ValidationError("--class-weight must be none or balanced, got '\(classWeight)'")
            }
            config.classWeighting = weighting
        }
        if let validationSplit {
            guard validationSplit >= 0, validationSplit < 1 else {
                throw ValidationError("--validation-split must be in [0, 1), got \(validationSplit)")
            }
            config.validationFraction = validationSplit
        }
        if let patience {
            guard patience >= 1 else { throw ValidationError("--patience must be at least 1, got \(patience)") }
            config.patience = patience
        }
        if let seed { config.seed = seed }
        if config.solver == .sgd, case .alpha(let a) = config.regularization, a == 0 {
            throw ValidationError("--alpha must be positive with --solver sgd, got 0")
        }
        return config
    }
}
