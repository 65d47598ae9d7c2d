import PrecisCore

/// How `precis train` (and ``TextClassifierTrainer``) picks the SGD penalty and
/// epoch count per corpus, and calibrates the probabilities, by a fast stratified
/// cross-validation on the training data only.
///
/// For every penalty of ``alphas`` and every fold, one SGD run is fitted on the
/// other folds of the (already vectorised) training matrix; after each epoch its
/// tail-averaged weights score the held-out fold. Epochs are warm: each epoch
/// continues the previous one, so all epoch counts up to ``maxEpochs`` are scored
/// in one run, and a run stops once its held-out accuracy has not improved for
/// ``patience`` epochs. All penalties run side by side on the first fold, where
/// a run that trails the best by more than ``pruneMargin`` (or two standard
/// errors) and stops improving is ended; only the best ``survivors`` penalties
/// within that margin are scored on the other folds (successive halving). The runs share nothing and go through `Parallelism`, so the choice
/// is the same on any number of cores. The choice is the (penalty, epochs) of
/// best pooled out-of-fold accuracy (ties: lower log-loss, then fewer epochs).
/// A penalty is given for the whole training set: a fold that trains on `m` of
/// the `n` documents uses `alpha × n / m` (the same `C` in scikit-learn's terms).
///
/// With ``calibrate``, a temperature that divides the scores before the softmax
/// is fitted to the pooled out-of-fold log-loss of the choice
/// (``TemperatureScaling``) and kept when it lowers it.
///
/// ```swift
/// var search = HyperparameterSearch()
/// search.alphas = []              // keep the configured penalty, still choose epochs
/// let trainer = TextClassifierTrainer(selection: search)
/// ```
public struct HyperparameterSearch: Equatable, Sendable, Codable {
    /// Penalties tried (each for the whole training set); empty keeps the
    /// configuration's ``LogisticRegressionConfiguration/regularization``.
    /// Half-decade steps from scikit-learn SGD's 1e-6 for long documents (weak
    /// penalty, many informative features) to 1e-4 for snippets and tiny sets.
    public var alphas: [Double] = [1e-6, 3e-6, 1e-5, 3e-5, 1e-4]
    /// Largest epoch count tried (every count from ``minEpochs`` up); nil keeps
    /// the configuration's ``LogisticRegressionConfiguration/epochs``.
    public var maxEpochs: Int? = 10
    /// Smallest epoch count chosen.
    public var minEpochs: Int = 3
    /// Epochs without a better held-out accuracy before a run stops.
    public var patience: Int = 2
    /// Folds of the internal cross-validation.
    public var folds: Int = 3
    /// Above this many training documents the search runs on a stratified sample of this size.
    public var maxDocuments: Int = 30_000
    /// Penalties trailing the best first-fold accuracy by more than this (or by more
    /// than two standard errors, if larger) are not tried on the other folds.
    public var pruneMargin: Double = 0.01
    /// At most this many penalties (the best on the first fold) are scored on the other folds.
    public var survivors: Int = 2
    /// Fit a temperature to the out-of-fold log-loss (see ``TemperatureScaling``).
    public var calibrate: Bool = true

    /// The defaults: choose penalty and epochs, calibrate.
    public init() {}

    /// No search: the configuration is trained as given, without a temperature.
    public static var off: HyperparameterSearch {
        var search = HyperparameterSearch()
        search.alphas = []
        search.maxEpochs = nil
        search.calibrate = false
        return search
    }

    /// Whether the search has anything to do.
    public var isEnabled: Bool { !alphas.isEmpty || maxEpochs != nil || calibrate }

    /// Checks every value against its range.
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` naming the property.
    public func validate() throws {
        func check(_ ok: Bool, _ parameter: String, _ value: some CustomStringConvertible, _ allowed: String) throws {
            if !ok { throw ConfigurationError(parameter, value, allowed: allowed) }
        }
        for a in alphas { try check(a > 0 && a.isFinite, "alphas", a, "positive numbers") }
        if let maxEpochs { try check((1...1000).contains(maxEpochs), "maxEpochs", maxEpochs, "in 1...1000") }
        try check(minEpochs >= 1 && minEpochs <= (maxEpochs ?? minEpochs), "minEpochs", minEpochs, "in 1...maxEpochs")
        try check(patience >= 1, "patience", patience, "at least 1")
        try check((2...20).contains(folds), "folds", folds, "in 2...20")
        try check(maxDocuments >= 100, "maxDocuments", maxDocuments, "at least 100")
        try check(survivors >= 1, "survivors", survivors, "at least 1")
        try check(pruneMargin >= 0 && pruneMargin.isFinite, "pruneMargin", pruneMargin, "a non-negative number")
    }
}
