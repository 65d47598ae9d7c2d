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

    /// The vectoriser options, with document-frequency bounds written as on the
    /// command line (an integer count, or a fraction with a decimal point).
    public struct Vectorizer: Equatable, Sendable, Codable {
        public var ngramRange: [Int]
        public var minDF: String
        public var maxDF: String
        public var maxFeatures: Int?
        public var stopWords: Int
        public var sublinearTF: Bool
        public var smoothIDF: Bool
        public var useIDF: Bool
        public var norm: Norm
        public var lowercase: Bool

        enum CodingKeys: String, CodingKey {
            case ngramRange = "ngram_range", minDF = "min_df", maxDF = "max_df", maxFeatures = "max_features"
            case stopWords = "stop_words", sublinearTF = "sublinear_tf", smoothIDF = "smooth_idf", useIDF = "use_idf"
            case norm, lowercase
        }
    }

    /// The logistic-regression options; exactly one of `c` and `alpha` is set.
    public struct Classifier: Equatable, Sendable, Codable {
        public var solver: Solver
        public var multiClass: MultiClass
        public var c: Double?
        public var alpha: Double?
        public var epochs: Int
        public var averagedEpochs: Int
        public var runs: Int
        public var interceptStep: Double
        public var interceptRampDocuments: Int
        public var maxIterations: Int
        public var tolerance: Double
        public var classWeight: ClassWeighting
        public var validationFraction: Double
        public var patience: Int
        public var seed: UInt64

        enum CodingKeys: String, CodingKey {
            case solver, c, alpha, epochs, runs, tolerance, patience, seed
            case multiClass = "multi_class", averagedEpochs = "averaged_epochs", interceptStep = "intercept_step"
            case interceptRampDocuments = "intercept_ramp_documents", maxIterations = "max_iterations"
            case classWeight = "class_weight", validationFraction = "validation_fraction"
        }
    }

    /// Provenance and training scores.
    public struct Training: Equatable, Sendable, Codable {
        public var producer: String?
        public var created: String?
        public var dataFile: String?
        public var dataChecksum: String
        public var documents: Int
        public var classCounts: [String: Int]
        public var iterations: Int
        public var converged: Bool
        public var finalLoss: Double
        public var trainingAccuracy: Double
        public var validation: HeldOut?
        public var crossValidation: CrossValidated?

        enum CodingKeys: String, CodingKey {
            case producer, created, documents, iterations, converged, validation
            case dataFile = "data_file", dataChecksum = "data_checksum", classCounts = "class_counts"
            case finalLoss = "final_loss", trainingAccuracy = "training_accuracy", crossValidation = "cross_validation"
        }
    }

    /// Scores on the held-out share of the training data.
    public struct HeldOut: Equatable, Sendable, Codable {
        public var documents: Int
        public var accuracy: Double
        public var bestIteration: Int?
        enum CodingKeys: String, CodingKey { case documents, accuracy, bestIteration = "best_iteration" }
    }

    /// Cross-validated scores recorded at training time.
    public struct CrossValidated: Equatable, Sendable, Codable {
        public var folds: Int
        public var seed: UInt64
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
                                     validationFraction: c.validationFraction, patience: c.patience, seed: c.seed)
        training = Training(producer: meta.producer, created: meta.created, dataFile: meta.dataFile, dataChecksum: meta.dataChecksum,
                            documents: meta.documents, classCounts: meta.classCounts, iterations: meta.iterations,
                            converged: meta.converged, finalLoss: meta.finalLoss, trainingAccuracy: meta.trainingAccuracy,
                            validation: meta.validation.map { HeldOut(documents: $0.documents, accuracy: $0.accuracy, bestIteration: $0.bestIteration) },
                            crossValidation: meta.crossValidation.map {
                                CrossValidated(folds: $0.folds, seed: $0.seed, accuracyMean: $0.accuracyMean, accuracyStd: $0.accuracyStd,
                                               macroF1Mean: $0.macroF1Mean, macroF1Std: $0.macroF1Std)
                            })
        self.topTerms = Dictionary(classifier.topTerms(per: topTerms).map { ($0.label, $0.terms.map(\.term)) },
                                   uniquingKeysWith: { a, _ in a })
    }

    enum CodingKeys: String, CodingKey {
        case labels, features, vectorizer, classifier, training
        case formatVersion = "format_version", topTerms = "top_terms"
    }
}
