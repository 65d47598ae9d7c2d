import ArgumentParser
import Precis

/// The hyper-parameters of the SGD solver (`--solver sgd`, the default), applied together.
struct SGDOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Passes over the data with --solver sgd (default: chosen in 3...10 by --tune auto, else 5).", valueName: "N"))
    var epochs: Int?

    @Option(name: .customLong("average-epochs"), parsing: .unconditional, help: ArgumentHelp("With --solver sgd, keep the mean of the weights after each of the last N epochs (default: 3).", valueName: "N"))
    var averagedEpochs: Int?

    @Option(name: .customLong("sgd-runs"), parsing: .unconditional, help: ArgumentHelp("With --solver sgd, average the weights of N independent runs (different shuffles), run side by side on the cores (default: 4).", valueName: "N"))
    var runs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --solver sgd, the intercepts' learning rate as a fraction of the weights' (default: 0.3; scikit-learn uses 0.01).", valueName: "X"))
    var interceptStep: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --solver sgd, scale the intercept step down in proportion below N training documents; 0 turns it off (default: 1500).", valueName: "N"))
    var interceptRamp: Int?

    /// Sets the SGD hyper-parameters the user gave.
    func apply(to config: inout LogisticRegressionConfiguration) {
        config.epochs = epochs ?? config.epochs
        config.averagedEpochs = averagedEpochs ?? config.averagedEpochs
        config.runs = runs ?? config.runs
        config.interceptStep = interceptStep ?? config.interceptStep
        config.interceptRampDocuments = interceptRamp ?? config.interceptRampDocuments
    }
}

/// The hyper-parameters of the L-BFGS solver (`--solver lbfgs`), applied together.
struct LBFGSOptions: ParsableArguments {
    @Option(name: .customLong("max-iter"), parsing: .unconditional, help: ArgumentHelp("Maximum L-BFGS iterations with --solver lbfgs (default: 100).", valueName: "N"))
    var maxIterations: Int?

    @Option(name: .customLong("tol"), parsing: .unconditional, help: ArgumentHelp("L-BFGS: stop when the loss improves by less than this relative amount (default: 1e-4).", valueName: "X"))
    var tolerance: Double?

    /// Sets the L-BFGS hyper-parameters the user gave.
    func apply(to config: inout LogisticRegressionConfiguration) {
        config.maxIterations = maxIterations ?? config.maxIterations
        config.tolerance = tolerance ?? config.tolerance
    }
}
