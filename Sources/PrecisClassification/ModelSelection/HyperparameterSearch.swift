import PrecisCore

/// How `precis train` (and ``TextClassifierTrainer``) picks the multi-class
/// strategy, the SGD penalty and the epoch count per corpus, and calibrates the
/// probabilities, by a fast stratified cross-validation on the training data only.
///
/// A candidate is one strategy of ``multiClasses`` with one penalty of ``alphas``.
/// For a candidate and a fold, one SGD run is fitted on the other folds of the
/// (already vectorised) training matrix; after each epoch its tail-averaged
/// weights score the held-out fold. Epochs are warm: each epoch continues the
/// previous one, so all epoch counts up to ``maxEpochs`` are scored in one run.
///
/// **Criterion.** Candidates are ranked by their *calibrated* held-out log-loss:
/// the log-loss at the temperature (``TemperatureScaling``) that suits the pooled
/// folds best. A larger penalty shrinks every score, which raises the plain
/// log-loss even when the classes are separated as well; the calibrated loss
/// compares how well the scores separate the classes, whatever their scale. It
/// is smoother than accuracy, whose ties and single-document steps decide
/// nothing on small sets. Ties go to the higher accuracy.
///
/// **Cost.** All candidates run side by side on the first fold (or one strategy
/// after the other, one-vs-rest first, when their weights together would pass
/// ``concurrentWeights``: 20 Newsgroups' ten runs need 300 MB). A run stops once
/// its calibrated loss has not improved for ``patience`` epochs, or when it trails
/// the best by more than ``pruneMargin`` (relative) and did not improve in that
/// epoch, or by more than four times that margin. Only the best ``survivors`` candidates within the margin are scored on
/// the other folds (successive halving); the other folds are prepared only then.
/// The runs share nothing and go through
/// `Parallelism`, so the choice is the same on any number of cores. A penalty is
/// given for the whole training set: a fold that trains on `m` of the `n`
/// documents uses `alpha × n / m` (the same `C` in scikit-learn's terms).
///
/// With ``calibrate``, the chosen candidate's temperature, which divides the
/// scores before the softmax (or the one-vs-rest sigmoids), is kept in the model
/// when it lowers the pooled out-of-fold log-loss.
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
    /// Multi-class strategies tried with every penalty; empty keeps the
    /// configuration's ``LogisticRegressionConfiguration/multiClass``. One softmax
    /// suits long documents with many informative terms; one-vs-rest binary models
    /// (scikit-learn SGDClassifier's strategy) often suit snippets and noisy text.
    public var multiClasses: [MultiClass] = [.multinomial, .ovr]
    /// Largest epoch count tried (every count from ``minEpochs`` up); nil keeps
    /// the configuration's ``LogisticRegressionConfiguration/epochs``.
    public var maxEpochs: Int? = 10
    /// Smallest epoch count chosen.
    public var minEpochs: Int = 3
    /// Epochs without a lower calibrated held-out loss before a run stops.
    public var patience: Int = 2
    /// Folds of the internal cross-validation.
    public var folds: Int = 3
    /// Above this many training documents the search runs on a stratified sample of this size.
    public var maxDocuments: Int = 30_000
    /// Candidates whose first-fold calibrated loss exceeds the best one's by more than
    /// this fraction are not tried on the other folds.
    public var pruneMargin: Double = 0.05
    /// At most this many candidates (the best on the first fold) are scored on the other folds.
    public var survivors: Int = 2
    /// Fit a temperature to the out-of-fold log-loss (see ``TemperatureScaling``).
    public var calibrate: Bool = true
    /// Most SGD weights (4 bytes each) the first fold's runs hold at once: above
    /// it, the strategies of ``multiClasses`` run one after the other instead of
    /// side by side (one-vs-rest first). The default, 2^26 (256 MB), keeps every
    /// candidate together up to about 20 classes × 300,000 features.
    public var concurrentWeights: Int = 1 << 26

    /// The defaults: choose strategy, penalty and epochs; calibrate.
    public init() {}

    /// No search: the configuration is trained as given, without a temperature.
    public static var off: HyperparameterSearch {
        var search = HyperparameterSearch()
        search.alphas = []
        search.multiClasses = []
        search.maxEpochs = nil
        search.calibrate = false
        return search
    }

    /// Whether the search has anything to do.
    public var isEnabled: Bool { !alphas.isEmpty || !multiClasses.isEmpty || maxEpochs != nil || calibrate }

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
        try check(concurrentWeights >= 0, "concurrentWeights", concurrentWeights, "a non-negative number")
        try check(pruneMargin >= 0 && pruneMargin.isFinite, "pruneMargin", pruneMargin, "a non-negative number")
    }
}
