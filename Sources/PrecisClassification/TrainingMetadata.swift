import PrecisCore

/// Where a model came from: what it was trained on, with which options, when, and
/// how well it did. Stored in the model file as JSON and shown by `precis inspect`.
///
/// ```swift
/// var meta = TrainingMetadata(documents: 1781, dataChecksum: "…")
/// meta.trainingAccuracy = 0.998
/// ```
public struct TrainingMetadata: Equatable, Sendable, Codable {
    /// The program that wrote the model, e.g. `precis 0.1.0`.
    public var producer: String?
    /// When the model was trained, ISO 8601 UTC; taken from `SOURCE_DATE_EPOCH`
    /// when that is set, so rebuilding gives identical bytes.
    public var created: String?
    /// File name (last path component) of the training data.
    public var dataFile: String?
    /// ``dataChecksum(texts:labels:)`` of the training documents.
    public var dataChecksum: String
    /// Number of training documents.
    public var documents: Int
    /// Documents per class.
    public var classCounts: [String: Int] = [:]
    /// The classifier's hyper-parameters.
    public var classifier: LogisticRegressionConfiguration = LogisticRegressionConfiguration()
    /// Optimiser iterations run.
    public var iterations: Int = 0
    /// Whether the optimiser reached its tolerance.
    public var converged: Bool = false
    /// Final regularised training loss.
    public var finalLoss: Double = 0
    /// Accuracy on the documents trained on.
    public var trainingAccuracy: Double = 0
    /// Held-out metrics, when trained with a validation split.
    public var validation: HeldOutMetrics?
    /// Cross-validated metrics, when computed at training time.
    public var crossValidation: CrossValidatedMetrics?
    /// What the internal hyper-parameter search tried and chose (nil without one).
    public var selection: ModelSelectionReport?

    /// Metadata for a model trained on `documents` documents with checksum `dataChecksum`.
    public init(documents: Int, dataChecksum: String) {
        self.documents = documents
        self.dataChecksum = dataChecksum
    }

    /// Scores on the held-out share of the training data.
    public struct HeldOutMetrics: Equatable, Sendable, Codable {
        /// Documents held out.
        public var documents: Int
        /// Accuracy on them with the kept weights.
        public var accuracy: Double
        /// The iteration whose weights were kept.
        public var bestIteration: Int?
    }

    /// Stratified K-fold scores of the same options on the same data.
    public struct CrossValidatedMetrics: Equatable, Sendable, Codable {
        /// Number of folds.
        public var folds: Int
        /// Seed of the fold assignment.
        public var seed: UInt64
        /// Mean and standard deviation of the folds' accuracy.
        public var accuracyMean: Double
        public var accuracyStd: Double
        /// Mean and standard deviation of the folds' macro-averaged F1.
        public var macroF1Mean: Double
        public var macroF1Std: Double

        /// The scores of folds drawn with `seed`, from each fold's accuracy and
        /// macro-F1 (in fold order): their means and population standard deviations.
        public init(seed: UInt64, accuracies: [Double], macroF1s: [Double]) {
            folds = accuracies.count
            self.seed = seed
            (accuracyMean, accuracyStd) = meanAndStandardDeviation(accuracies)
            (macroF1Mean, macroF1Std) = meanAndStandardDeviation(macroF1s)
        }
    }
}

extension TrainingMetadata {
    /// The checksum of a labelled data set as Precis records it in model files:
    /// FNV-1a (64-bit) over `label TAB text LF` for every document, in order, as
    /// 16 hexadecimal digits. Compare it with a model's ``dataChecksum`` to see
    /// whether the model was trained on exactly these documents.
    ///
    /// ```swift
    /// TrainingMetadata.dataChecksum(texts: ["a"], labels: ["x"])
    /// ```
    public static func dataChecksum(texts: [String], labels: [String]) -> String {
        var hash = FNV64()
        for (text, label) in zip(texts, labels) {
            hash.combine(label.utf8)
            hash.combine(CollectionOfOne(0x09))
            hash.combine(text.utf8)
            hash.combine(CollectionOfOne(0x0A))
        }
        return hash.hexDigest
    }
}
