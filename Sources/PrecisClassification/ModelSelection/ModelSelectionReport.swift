/// What ``HyperparameterSearch`` tried and chose: recorded in a model's
/// ``TrainingMetadata/selection`` and shown by `precis inspect`.
///
/// Scores are pooled over the out-of-fold documents of the internal
/// cross-validation on the training data (the test data is never seen).
///
/// ```swift
/// let report = classifier.metadata.selection
/// report?.alpha           // 1e-5
/// report?.epochs          // 7
/// report?.candidates.map(\.accuracy)
/// ```
public struct ModelSelectionReport: Equatable, Sendable, Codable {
    /// One (strategy, regularisation strength) pair tried, at its best epoch count.
    public struct Candidate: Equatable, Sendable, Codable {
        /// The multi-class strategy.
        public var multiClass: MultiClass
        /// The penalty as it applies to the whole training set.
        public var alpha: Double
        /// The epoch count that scored best with it.
        public var epochs: Int
        /// Out-of-fold accuracy over the folds it was scored on.
        public var accuracy: Double
        /// Out-of-fold mean log-loss (no temperature) over those folds.
        public var logLoss: Double
        /// Out-of-fold mean log-loss at the temperature that suits those folds best:
        /// the criterion of the choice (lower is better).
        public var calibratedLogLoss: Double
        /// Folds it was scored on: fewer than ``ModelSelectionReport/folds`` when it
        /// was dropped after the first fold as hopeless.
        public var folds: Int

        /// A candidate from its scores.
        public init(multiClass: MultiClass, alpha: Double, epochs: Int, accuracy: Double, logLoss: Double,
                    calibratedLogLoss: Double, folds: Int) {
            self.multiClass = multiClass
            self.alpha = alpha
            self.epochs = epochs
            self.accuracy = accuracy
            self.logLoss = logLoss
            self.calibratedLogLoss = calibratedLogLoss
            self.folds = folds
        }

        enum CodingKeys: String, CodingKey {
            case alpha, epochs, accuracy, folds
            case multiClass = "multi_class", logLoss = "log_loss", calibratedLogLoss = "calibrated_log_loss"
        }
    }

    /// Stratified folds of the internal cross-validation.
    public var folds: Int
    /// Documents it ran on (a stratified sample when the training set is larger
    /// than ``HyperparameterSearch/maxDocuments``).
    public var documents: Int
    /// Whether the penalty was chosen (false when it was given).
    public var tunedAlpha: Bool
    /// Whether the multi-class strategy was chosen (false when it was given).
    public var tunedMultiClass: Bool
    /// Whether the epoch count was chosen (false when it was given).
    public var tunedEpochs: Bool
    /// The chosen multi-class strategy.
    public var multiClass: MultiClass
    /// The chosen penalty.
    public var alpha: Double
    /// The chosen epoch count.
    public var epochs: Int
    /// Out-of-fold accuracy of the choice.
    public var accuracy: Double
    /// Every (strategy, penalty) pair tried, in the order of the grid.
    public var candidates: [Candidate]
    /// The fitted temperature that divides the scores before the softmax (1: none).
    public var temperature: Double
    /// Out-of-fold mean log-loss of the choice before temperature scaling.
    public var logLossBefore: Double
    /// The same after temperature scaling.
    public var logLossAfter: Double

    /// A report from its parts.
    public init(folds: Int, documents: Int, tunedAlpha: Bool, tunedMultiClass: Bool, tunedEpochs: Bool,
                multiClass: MultiClass, alpha: Double, epochs: Int,
                accuracy: Double, candidates: [Candidate], temperature: Double, logLossBefore: Double, logLossAfter: Double) {
        self.folds = folds
        self.documents = documents
        self.tunedAlpha = tunedAlpha
        self.tunedMultiClass = tunedMultiClass
        self.tunedEpochs = tunedEpochs
        self.multiClass = multiClass
        self.alpha = alpha
        self.epochs = epochs
        self.accuracy = accuracy
        self.candidates = candidates
        self.temperature = temperature
        self.logLossBefore = logLossBefore
        self.logLossAfter = logLossAfter
    }

    enum CodingKeys: String, CodingKey {
        case folds, documents, alpha, epochs, accuracy, candidates, temperature
        case tunedAlpha = "tuned_alpha", tunedMultiClass = "tuned_multi_class", tunedEpochs = "tuned_epochs"
        case multiClass = "multi_class"
        case logLossBefore = "log_loss_before", logLossAfter = "log_loss_after"
    }
}
