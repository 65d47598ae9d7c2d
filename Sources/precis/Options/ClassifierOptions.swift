import ArgumentParser
import Precis

/// The classifier's hyper-parameters as command-line options, shared by `train`
/// and `cross-validate`. Every option is optional: the library's defaults apply
/// unless the user names one.
struct ClassifierOptions: ParsableArguments {
    @Option(help: ArgumentHelp("auto: choose the penalty (--alpha) and --epochs the other options leave open by a 3-fold cross-validation on the training data, and fit a probability temperature; off: train the given values as they are (default: auto; sgd solver only)."))
    var tune: Tuning?

    @Option(name: .customLong("tune-folds"), help: ArgumentHelp("Folds of the internal cross-validation of --tune auto (default: 3).", valueName: "K"))
    var tuneFolds: Int?

    @Option(help: ArgumentHelp("Optimiser: sgd (stochastic gradient descent, fixed epochs) or lbfgs (full-batch L-BFGS) (default: sgd)."))
    var solver: Solver?

    @Option(name: .customLong("multi-class"), help: ArgumentHelp("multinomial (one softmax over the classes, default) or ovr (one binary logistic regression per class, as scikit-learn's SGDClassifier)."))
    var multiClass: MultiClass?

    @Option(help: ArgumentHelp("Passes over the data with --solver sgd (default: chosen in 3...12 by --tune auto, else 5).", valueName: "N"))
    var epochs: Int?

    @Option(name: .customLong("average-epochs"), help: ArgumentHelp("With --solver sgd, keep the mean of the weights after each of the last N epochs (default: 3).", valueName: "N"))
    var averagedEpochs: Int?

    @Option(name: .customLong("sgd-runs"), help: ArgumentHelp("With --solver sgd, average the weights of N independent runs (different shuffles), run side by side on the cores (default: 4).", valueName: "N"))
    var runs: Int?

    @Option(name: .customLong("intercept-step"), help: ArgumentHelp("With --solver sgd, the intercepts' learning rate as a fraction of the weights' (default: 0.3; scikit-learn uses 0.01).", valueName: "X"))
    var interceptStep: Double?

    @Option(name: .customLong("intercept-ramp"), help: ArgumentHelp("With --solver sgd, scale the intercept step down in proportion below N training documents; 0 turns it off (default: 1500).", valueName: "N"))
    var interceptRamp: Int?

    @Option(name: .customLong("c"), help: ArgumentHelp("Inverse L2 regularisation strength, scikit-learn's C (instead of --alpha).", valueName: "C"))
    var c: Double?

    @Option(help: ArgumentHelp("L2 penalty on the mean loss, scikit-learn's SGD alpha (default: chosen from 1e-6, 3e-6, 1e-5, 3e-5, 1e-4 by --tune auto, else 1e-6).", valueName: "ALPHA"))
    var alpha: Double?

    @Option(name: .customLong("max-iter"), help: ArgumentHelp("Maximum L-BFGS iterations with --solver lbfgs (default: 100).", valueName: "N"))
    var maxIterations: Int?

    @Option(name: .customLong("tol"), help: ArgumentHelp("L-BFGS: stop when the loss improves by less than this relative amount (default: 1e-4).", valueName: "X"))
    var tolerance: Double?

    @Option(name: .customLong("class-weight"), help: ArgumentHelp("none or balanced (weigh every class the same in total)."))
    var classWeight: ClassWeighting?

    @Option(name: .customLong("validation-split"), help: ArgumentHelp("Hold out this fraction (stratified) and stop early on its loss (default: 0, off).", valueName: "F"))
    var validationSplit: Double?

    @Option(help: ArgumentHelp("Early-stopping patience in iterations (L-BFGS) or epochs (SGD) (default: 10).", valueName: "N"))
    var patience: Int?

    @Option(help: ArgumentHelp("Seed of every random choice (SGD document order, held-out split, folds) (default: 42).", valueName: "N"))
    var seed: UInt64?

    /// The internal search: what the given options leave open (a given `--alpha`
    /// or `--c` fixes the penalty, `--epochs` or `--validation-split` the epochs;
    /// `--tune off` or the lbfgs solver turn it off), validated by the library.
    func selection() throws -> HyperparameterSearch {
        if tune == .off || solver == .lbfgs {
            if tuneFolds != nil { throw ValidationError("--tune-folds needs --tune auto (and the sgd solver)") }
            return .off
        }
        var search = HyperparameterSearch()
        if c != nil || alpha != nil { search.alphas = [] }
        if epochs != nil || (validationSplit ?? 0) > 0 { search.maxEpochs = nil }
        search.folds = tuneFolds ?? search.folds
        try OptionFlags.validated(overrides: ["folds": "--tune-folds"]) { try search.validate() }
        return search
    }

    /// The library defaults with every option the user gave applied, validated by the library.
    func configuration() throws -> LogisticRegressionConfiguration {
        if c != nil && alpha != nil { throw ValidationError("give either --c or --alpha, not both") }
        var config = LogisticRegressionConfiguration()
        config.regularization = c.map { .c($0) } ?? alpha.map { .alpha($0) } ?? config.regularization
        config.solver = solver ?? config.solver
        config.multiClass = multiClass ?? config.multiClass
        config.epochs = epochs ?? config.epochs
        config.averagedEpochs = averagedEpochs ?? config.averagedEpochs
        config.runs = runs ?? config.runs
        config.interceptStep = interceptStep ?? config.interceptStep
        config.interceptRampDocuments = interceptRamp ?? config.interceptRampDocuments
        config.maxIterations = maxIterations ?? config.maxIterations
        config.tolerance = tolerance ?? config.tolerance
        config.classWeighting = classWeight ?? config.classWeighting
        config.validationFraction = validationSplit ?? config.validationFraction
        config.patience = patience ?? config.patience
        config.seed = seed ?? config.seed
        try OptionFlags.validated { try config.validate() }
        return config
    }
}
