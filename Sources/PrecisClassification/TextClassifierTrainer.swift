import PrecisFeatures
import PrecisLinearAlgebra

extension TfidfConfiguration {
    /// The vectoriser defaults of `precis train` and `precis cross-validate`:
    /// word 1–2-grams seen in at least two documents, sublinear term frequency,
    /// L2-normalised rows. Chosen by cross-validation on the training splits of
    /// the shared corpora (see `Models/MODEL_CARD.md`).
    ///
    /// ```swift
    /// let config = TfidfConfiguration.classifierDefaults   // ngramRange 1...2, minDF 2, sublinearTF
    /// ```
    public static var classifierDefaults: TfidfConfiguration {
        var config = TfidfConfiguration()
        config.ngramRange = 1...2
        config.minDF = .count(2)
        config.sublinearTF = true
        return config
    }
}

/// Trains a ``TextClassifier`` from labelled texts: fits the TF-IDF vectoriser,
/// chooses the multi-class strategy, the SGD penalty, the epoch count and a
/// probability temperature by an internal cross-validation on the same matrix
/// (``HyperparameterSearch``, unless ``selection`` is ``HyperparameterSearch/off``),
/// then fits the logistic regression on the whole matrix.
///
/// A trainer made without a classifier configuration searches (`precis train`'s
/// defaults); one given a configuration trains it as given, unless a search is
/// passed too. A hashed trainer (``hashing``) never searches, so in-memory and
/// streamed (``StreamingTrainer``) hashed models are the same.
///
/// ```swift
/// let trainer = TextClassifierTrainer()                    // zero tuning
/// let classifier = try trainer.fit(texts: texts, labels: labels).classifier
/// classifier.predict(["The match ended 2-1"])
///
/// var config = LogisticRegressionConfiguration()
/// config.regularization = .alpha(1e-5)
/// let fixed = TextClassifierTrainer(classifier: config)    // trained as given
/// ```
public struct TextClassifierTrainer: Sendable {
    /// The vectoriser's hyper-parameters.
    public var vectorizer: TfidfConfiguration
    /// The classifier's hyper-parameters (the strategy, penalty and epochs are
    /// replaced by the search's choice when ``selection`` tunes them).
    public var classifier: LogisticRegressionConfiguration
    /// The most weights (classes × features) a fit may allocate: 2^30 Float32
    /// values, 4 GiB. Each distinct label is a class, so a wrong label column (one
    /// label per document) is refused here instead of exhausting memory.
    public var maximumWeightCount: Int = 1 << 30
    /// What the internal cross-validation chooses (``HyperparameterSearch/off``: nothing).
    public var selection: HyperparameterSearch
    /// Hash terms into this many columns instead of learning a vocabulary
    /// (``PrecisFeatures/HashingVectorizer``, unsigned, with idf); nil for a vocabulary.
    /// The vocabulary options of ``vectorizer`` must then keep their defaults.
    public var hashing: Int?

    /// A trainer with the given (or default) settings.
    ///
    /// - Parameters:
    ///   - classifier: the classifier's hyper-parameters; nil for the defaults.
    ///   - selection: the internal search; nil for ``HyperparameterSearch/init()``
    ///     when `classifier` is nil, and ``HyperparameterSearch/off`` when it is given
    ///     (a configuration the caller wrote is trained as written).
    public init(vectorizer: TfidfConfiguration = .classifierDefaults,
                classifier: LogisticRegressionConfiguration? = nil,
                selection: HyperparameterSearch? = nil) {
        self.vectorizer = vectorizer
        self.classifier = classifier ?? LogisticRegressionConfiguration()
        self.selection = selection ?? (classifier == nil ? HyperparameterSearch() : .off)
    }

    /// What happens during a fit, for progress displays.
    public enum Stage: Sendable {
        /// Building the TF-IDF matrix.
        case vectorizing
        /// The matrix is built (documents × features); the hyper-parameter search starts.
        case selecting(documents: Int, features: Int)
        /// The matrix is built (documents × features); optimisation starts.
        case fitting(documents: Int, features: Int)
        /// Optimising; carries the optimiser's progress.
        case optimizing(LogisticRegression.Progress)
    }

    /// A trained classifier and the matrix it was trained on.
    public struct Result: Sendable {
        /// The classifier, with metadata filled in (except producer, date and file name).
        public var classifier: TextClassifier
        /// The optimiser's account of the fit.
        public var fit: LogisticRegression.Fit
    }

    /// Fits on `texts` with their `labels`.
    ///
    /// - Throws: ``ClassificationError`` (empty data, one class, bad options),
    ///   ``PrecisFeatures/FeatureError`` (empty vocabulary), or ``TrainingError``
    ///   (the fit diverged, or classes × features is over ``maximumWeightCount``).
    ///   A diverged fit never becomes a model.
    public func fit(texts: [String], labels: [String], progress: ((Stage) -> Void)? = nil) throws -> Result {
        guard !texts.isEmpty else { throw ClassificationError.emptyTrainingSet }
        guard texts.count == labels.count else {
            throw ClassificationError.shapeMismatch("\(labels.count) labels for \(texts.count) documents")
        }
        try classifier.validate()
        try selection.validate()
        let classes = Array(Set(labels)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard classes.count >= 2 else { throw ClassificationError.singleClass(classes[0]) }
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let y = labels.map { classIndex[$0]! }

        progress?(.vectorizing)
        let tfidf: TfidfModel, x: SparseMatrix
        if let hashing {
            let fitted = try HashingVectorizer(featureCount: hashing, alternateSign: false, configuration: vectorizer).fitTransform(texts)
            (tfidf, x) = (TfidfModel(hashing: fitted.model), fitted.matrix)
        } else {
            (tfidf, x) = try TfidfVectorizer(configuration: vectorizer).fitTransform(texts)
        }
        let (weights, overflow) = x.columns.multipliedReportingOverflow(by: classes.count)
        guard !overflow, weights <= maximumWeightCount else {
            throw TrainingError(.tooLarge, "\(classes.count) classes × \(x.columns) features is more than \(maximumWeightCount) weights; every distinct label is a class (check the label column), or lower --max-features")
        }
        var configuration = classifier
        var report: ModelSelectionReport?
        if selection.isEnabled && configuration.solver == .sgd && hashing == nil {
            progress?(.selecting(documents: x.rows, features: x.columns))
            report = try selection.run(x, labels: y, classCount: classes.count, configuration: configuration)
            if let report {
                if report.tunedAlpha { configuration.regularization = .alpha(report.alpha) }
                if report.tunedMultiClass { configuration.multiClass = report.multiClass }
                if report.tunedEpochs { configuration.epochs = report.epochs }
            }
        }
        progress?(.fitting(documents: x.rows, features: x.columns))
        let trainer = LogisticRegression(configuration: configuration)
        var fit = try trainer.fit(x, labels: y, classCount: classes.count) { progress?(.optimizing($0)) }
        try Self.checkFinite(fit, configuration: configuration)
        fit.model.temperature = Float(report?.temperature ?? 1)

        let predicted = fit.model.predict(x)
        let correct = zip(predicted, y).filter { $0 == $1 }.count
        var metadata = TrainingMetadata(documents: texts.count,
                                        dataChecksum: TrainingMetadata.dataChecksum(texts: texts, labels: labels))
        for label in labels { metadata.classCounts[label, default: 0] += 1 }
        metadata.classifier = configuration
        metadata.selection = report
        metadata.iterations = fit.iterations
        metadata.converged = fit.converged
        metadata.finalLoss = fit.loss
        metadata.trainingAccuracy = Double(correct) / Double(texts.count)
        if let accuracy = fit.validationAccuracy {
            metadata.validation = .init(documents: fit.validationRows.count, accuracy: accuracy, bestIteration: fit.bestIteration)
        }
        let classifierModel = TextClassifier(vectorizer: tfidf, model: fit.model, labels: classes, metadata: metadata)
        return Result(classifier: classifierModel, fit: fit)
    }

    /// Refuses a fit whose loss, weights or intercepts are not all finite.
    static func checkFinite(_ fit: LogisticRegression.Fit, configuration: LogisticRegressionConfiguration) throws {
        try checkFinite(loss: fit.loss, model: fit.model, configuration: configuration)
    }

    /// Refuses a fitted `model` (and its final `loss`) unless every value is finite.
    static func checkFinite(loss: Double, model: LogisticRegressionModel, configuration: LogisticRegressionConfiguration) throws {
        if !loss.isFinite { throw TrainingError.diverged("the loss (\(loss))", configuration: configuration) }
        if model.intercepts.contains(where: { !$0.isFinite }) {
            throw TrainingError.diverged("an intercept", configuration: configuration)
        }
        if model.weights.storage.contains(where: { !$0.isFinite }) {
            throw TrainingError.diverged("a weight", configuration: configuration)
        }
    }
}
