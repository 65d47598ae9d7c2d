import ArgumentParser
import Precis

/// The classifier's hyper-parameters as command-line options, shared by `train`
/// and `cross-validate`. Every option is optional: the library's defaults apply
/// unless the user names one.
struct ClassifierOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Optimiser: sgd (stochastic gradient descent, fixed epochs) or lbfgs (full-batch L-BFGS) (default: sgd)."))
    var solver: Solver?

    @Option(help: ArgumentHelp("multinomial (one softmax over the classes, default) or ovr (one binary logistic regression per class, as scikit-learn's SGDClassifier)."))
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
