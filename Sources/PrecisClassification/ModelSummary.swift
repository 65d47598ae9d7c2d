import PrecisFeatures

/// What a model file holds, as one readable value: classes, vectoriser options,
/// classifier options, training metadata and the top terms of each class. It is
/// what `precis inspect --json` prints, with stable snake_case keys (the model
/// file's own metadata keeps its storage format).
///
/// ```swift
/// let classifier = try ModelFile.read(path: "Models/bbc-news.precis")
/// let summary = ModelSummary(classifier, topTerms: 5)
/// summary.vectorizer.minDF        // "2"
/// summary.topTerms["sport"]       // ["match", …]
/// ```
public struct ModelSummary: Equatable, Sendable, Codable {
    /// The model-file format version.
    public var formatVersion: UInt32
    /// Class labels, in the model's order.
    public var labels: [String]
    /// Vocabulary size.
    public var features: Int
    /// The fitted vectoriser's options.
    public var vectorizer: Vectorizer
    /// The classifier's options.
    public var classifier: Classifier
    /// How the model was trained and how well it did.
    public var training: Training
    /// The most characteristic terms of each class.
    public var topTerms: [String: [String]]
    /// A multi-label model's decision (per-label thresholds, the internal CV); `nil` for single-label models.
    public var multiLabel: MultiLabelDecision?

    /// The vectoriser options, with document-frequency bounds written as on the
    /// command line (an integer count, or a fraction with a decimal point).
    public struct Vectorizer: Equatable, Sendable, Codable {
        /// Shortest and longest n-gram, `[min, max]`.
        public var ngramRange: [Int]
        /// The `min_df` bound.
        public var minDF: String
        /// The `max_df` bound.
        public var maxDF: String
        /// The `max_features` cap, if any.
        public var maxFeatures: Int?
        /// Number of stop words removed.
        public var stopWords: Int
        /// Whether term counts are `1 + log(tf)`.
        public var sublinearTF: Bool
        /// Whether document frequencies are smoothed.
        public var smoothIDF: Bool
        /// Whether terms are weighted by inverse document frequency.
        public var useIDF: Bool
        /// Row normalisation.
        public var norm: Norm
        /// Whether text is lowercased before tokenising.
        public var lowercase: Bool

        enum CodingKeys: String, CodingKey {
            case ngramRange = "ngram_range", minDF = "min_df", maxDF = "max_df", maxFeatures = "max_features"
            case stopWords = "stop_words", sublinearTF = "sublinear_tf", smoothIDF = "smooth_idf", useIDF = "use_idf"
            case norm, lowercase
        }
    }

    /// The logistic-regression options; exactly one of `c` and `alpha` is set.
    public struct Classifier: Equatable, Sendable, Codable {
        /// The optimiser.
        public var solver: Solver
        /// Softmax or one-vs-rest.
        public var multiClass: MultiClass
        /// scikit-learn's `C`, when the penalty was given that way.
        public var c: Double?
        /// scikit-learn's SGD `alpha`, when the penalty was given that way.
        public var alpha: Double?
        /// SGD epochs per run.
        public var epochs: Int
        /// SGD epochs averaged at the end of each run.
        public var averagedEpochs: Int
        /// Averaged SGD runs.
        public var runs: Int
        /// SGD intercept step, as a fraction of the weights'.
        public var interceptStep: Double
        /// Below this many documents the intercept step is scaled down.
        public var interceptRampDocuments: Int
        /// L-BFGS iteration cap.
        public var maxIterations: Int
        /// L-BFGS relative tolerance.
        public var tolerance: Double
        /// Per-class document weighting.
        public var classWeight: ClassWeighting
        /// Share held out for early stopping.
        public var validationFraction: Double
        /// Early-stopping patience.
        public var patience: Int
        /// Seed of every random choice.
        public var seed: UInt64
        /// The temperature dividing the scores before the softmax (1: none).
        public var temperature: Float

        enum CodingKeys: String, CodingKey {
            case solver, c, alpha, epochs, runs, tolerance, patience, seed, temperature
            case multiClass = "multi_class", averagedEpochs = "averaged_epochs", interceptStep = "intercept_step"
            case interceptRampDocuments = "intercept_ramp_documents", maxIterations = "max_iterations"
            case classWeight = "class_weight", validationFraction = "validation_fraction"
        }
    }

    /// Provenance and training scores.
    public struct Training: Equatable, Sendable, Codable {
        /// The program that trained the model.
        public var producer: String?
        /// When, ISO 8601 UTC.
        public var created: String?
        /// The training file's name.
        public var dataFile: String?
        /// FNV-1a-64 checksum of the training documents.
        public var dataChecksum: String
        /// Training documents.
        public var documents: Int
        /// Training documents per class.
        public var classCounts: [String: Int]
        /// Optimiser iterations run.
        public var iterations: Int
        /// Whether the optimiser reached its tolerance.
        public var converged: Bool
        /// Final regularised training loss.
        public var finalLoss: Double
        /// Accuracy on the training documents.
        public var trainingAccuracy: Double
        /// Held-out scores, with a validation split.
        public var validation: HeldOut?
        /// Cross-validated scores, when computed at training time.
        public var crossValidation: CrossValidated?
        /// What the internal search tried and chose, when it ran.
        public var selection: ModelSelectionReport?

        enum CodingKeys: String, CodingKey {
            case producer, created, documents, iterations, converged, validation, selection
            case dataFile = "data_file", dataChecksum = "data_checksum", classCounts = "class_counts"
            case finalLoss = "final_loss", trainingAccuracy = "training_accuracy", crossValidation = "cross_validation"
        }
    }

    /// Scores on the held-out share of the training data.
    public struct HeldOut: Equatable, Sendable, Codable {
        /// Documents held out.
        public var documents: Int
        /// Accuracy on them.
        public var accuracy: Double
        /// The iteration whose weights were kept.
        public var bestIteration: Int?
        enum CodingKeys: String, CodingKey { case documents, accuracy, bestIteration = "best_iteration" }
    }

    /// Cross-validated scores recorded at training time.
    public struct CrossValidated: Equatable, Sendable, Codable {
        /// Number of folds.
        public var folds: Int
        /// Seed of the fold assignment.
        public var seed: UInt64
        /// Mean and standard deviation of the folds' accuracy and macro-F1.
        public var accuracyMean, accuracyStd, macroF1Mean, macroF1Std: Double
        enum CodingKeys: String, CodingKey {
            case folds, seed, accuracyMean = "accuracy_mean", accuracyStd = "accuracy_std"
            case macroF1Mean = "macro_f1_mean", macroF1Std = "macro_f1_std"
        }
    }

    /// The summary of `classifier`, listing `topTerms` terms per class.
    public init(_ classifier: TextClassifier, topTerms: Int = 10) {
        let v = classifier.vectorizer.configuration
        let meta = classifier.metadata, c = meta.classifier
        formatVersion = ModelFile.formatVersion
        labels = classifier.labels
        features = classifier.vectorizer.featureCount
        vectorizer = Vectorizer(ngramRange: [v.ngramRange.lowerBound, v.ngramRange.upperBound], minDF: v.minDF.description,
                                maxDF: v.maxDF.description, maxFeatures: v.maxFeatures, stopWords: v.stopWords.count,
                                sublinearTF: v.sublinearTF, smoothIDF: v.smoothIDF, useIDF: v.useIDF, norm: v.norm,
                                lowercase: v.tokenizer.lowercase)
        var regularization: (c: Double?, alpha: Double?) = (nil, nil)
        switch c.regularization {
        case .c(let value): regularization.c = value
        case .alpha(let value): regularization.alpha = value
        }
        self.classifier = Classifier(solver: c.solver, multiClass: classifier.model.multiClass, c: regularization.c,
                                     alpha: regularization.alpha, epochs: c.epochs, averagedEpochs: c.averagedEpochs,
                                     runs: c.runs, interceptStep: c.interceptStep, interceptRampDocuments: c.interceptRampDocuments,
                                     maxIterations: c.maxIterations, tolerance: c.tolerance, classWeight: c.classWeighting,
                                     validationFraction: c.validationFraction, patience: c.patience, seed: c.seed,
                                     temperature: classifier.model.temperature)
        training = Training(producer: meta.producer, created: meta.created, dataFile: meta.dataFile, dataChecksum: meta.dataChecksum,
                            documents: meta.documents, classCounts: meta.classCounts, iterations: meta.iterations,
                            converged: meta.converged, finalLoss: meta.finalLoss, trainingAccuracy: meta.trainingAccuracy,
                            validation: meta.validation.map { HeldOut(documents: $0.documents, accuracy: $0.accuracy, bestIteration: $0.bestIteration) },
                            crossValidation: meta.crossValidation.map {
                                CrossValidated(folds: $0.folds, seed: $0.seed, accuracyMean: $0.accuracyMean, accuracyStd: $0.accuracyStd,
                                               macroF1Mean: $0.macroF1Mean, macroF1Std: $0.macroF1Std)
                            }, selection: meta.selection)
        self.topTerms = Dictionary(classifier.topTerms(per: topTerms).map { ($0.label, $0.terms.map(\.term)) },
                                   uniquingKeysWith: { a, _ in a })
        self.multiLabel = classifier.multiLabel
    }

    enum CodingKeys: String, CodingKey {
        case labels, features, vectorizer, classifier, training
        case formatVersion = "format_version", topTerms = "top_terms", multiLabel = "multi_label"
    }
}
