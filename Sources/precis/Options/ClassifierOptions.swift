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

    @Option(help: ArgumentHelp("multinomial (one softmax over the classes) or ovr (one binary logistic regression per class, as scikit-learn's SGDClassifier) (default: chosen by --tune auto, else multinomial)."))
    var multiClass: MultiClass?

    @OptionGroup var sgd: SGDOptions

    @OptionGroup var penalty: RegularizationOptions

    @OptionGroup var lbfgs: LBFGSOptions

    @Option(help: ArgumentHelp("none or balanced (weigh every class the same in total)."))
    var classWeight: ClassWeighting?

    @Option(parsing: .unconditional, help: ArgumentHelp("Hold out this fraction (stratified) and stop early on its loss (default: 0, off).", valueName: "F"))
    var validationSplit: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Early-stopping patience in iterations (L-BFGS) or epochs (SGD) (default: 10).", valueName: "N"))
    var patience: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of every random choice (SGD document order, held-out split, folds) (default: 42).", valueName: "N"))
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
        if penalty.c != nil || penalty.alpha != nil { search.alphas = [] }
        if multiClass != nil { search.multiClasses = [] }
        if sgd.epochs != nil || (validationSplit ?? 0) > 0 { search.maxEpochs = nil }
        search.folds = tuneFolds ?? search.folds
        try OptionFlags.validated(overrides: ["folds": "--tune-folds"]) { try search.validate() }
        return search
    }

    /// The library defaults with every option the user gave applied, validated by the library.
    func configuration() throws -> LogisticRegressionConfiguration {
        var config = LogisticRegressionConfiguration()
        config.regularization = try penalty.regularization() ?? config.regularization
        config.solver = solver ?? config.solver
        config.multiClass = multiClass ?? config.multiClass
        sgd.apply(to: &config)
        lbfgs.apply(to: &config)
        config.classWeighting = classWeight ?? config.classWeighting
        config.validationFraction = validationSplit ?? config.validationFraction
        config.patience = patience ?? config.patience
        config.seed = seed ?? config.seed
        try OptionFlags.validated { try config.validate() }
        return config
    }
}
