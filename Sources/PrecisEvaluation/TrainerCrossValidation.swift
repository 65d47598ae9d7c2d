import PrecisCore
import PrecisClassification
import PrecisDatasets

extension TextClassifierTrainer {
    /// Stratified K-fold cross-validation of the whole pipeline: for each fold the
    /// vectoriser and the classifier are fitted on the other folds (never on the
    /// fold they are scored on) and scored on it.
    ///
    /// Deterministic: the folds come from `seed` (the classifier's seed by default)
    /// and each fit is deterministic, so the same data gives the same summary.
    ///
    /// ```swift
    /// let train = try LabeledDataset.read(path: "train.tsv")
    /// let summary = try TextClassifierTrainer().crossValidate(train, folds: 5)
    /// print(summary.mean.accuracy, summary.std.accuracy)
    /// print(summary.pooled.report())
    /// ```
    ///
    /// - Parameters:
    ///   - folds: number of folds, at least 2 and at most the number of documents.
    ///   - onFold: called after each fold with its index and metrics (progress displays).
    /// - Throws: ``PrecisCore/ConfigurationError`` for bad folds or options,
    ///   ``PrecisClassification/ClassificationError`` (one class only),
    ///   ``PrecisFeatures/FeatureError`` (a fold's vocabulary is empty).
    public func crossValidate(texts: [String], labels: [String], folds: Int, seed: UInt64? = nil,
                              onFold: ((Int, ClassificationMetrics) -> Void)? = nil) throws -> CrossValidationSummary {
        try crossValidateWithPredictions(texts: texts, labels: labels, folds: folds, seed: seed, onFold: onFold).summary
    }

    /// ``crossValidate(texts:labels:folds:seed:onFold:)`` plus every document's
    /// out-of-fold prediction and its probability (in the order of `texts`), for reports.
    ///
    /// ```swift
    /// let (summary, predictions) = try trainer.crossValidateWithPredictions(texts: texts, labels: labels, folds: 5)
    /// let html = CrossValidationReport(title: "5-fold", summary: summary, predictions: predictions).html()
    /// ```
    public func crossValidateWithPredictions(texts: [String], labels: [String], folds: Int, seed: UInt64? = nil,
                                             onFold: ((Int, ClassificationMetrics) -> Void)? = nil) throws
        -> (summary: CrossValidationSummary, predictions: [ScoredPrediction]) {
        guard !texts.isEmpty else { throw ClassificationError.emptyTrainingSet }
        guard texts.count == labels.count else {
            throw ClassificationError.shapeMismatch("\(labels.count) labels for \(texts.count) documents")
        }
        try StratifiedKFold.validate(folds: folds, documents: texts.count)
        try vectorizer.validate()
        try classifier.validate()
        let allLabels = Array(Set(labels)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard allLabels.count >= 2 else { throw ClassificationError.singleClass(allLabels[0]) }

        let kfold = StratifiedKFold(labels: labels, folds: folds, seed: seed ?? classifier.seed)
        var perFold: [ClassificationMetrics] = []
        var pooledTrue: [String] = [], pooledPredicted: [String] = [], pooledProbabilities: [Double] = []
        var predictions = [ScoredPrediction?](repeating: nil, count: texts.count)
        for fold in 0..<folds {
            let (trainRows, testRows) = kfold.split(fold)
            let classifier = try fit(texts: trainRows.map { texts[$0] }, labels: trainRows.map { labels[$0] }).classifier
            let testLabels = testRows.map { labels[$0] }
            let scored = try classifier.scoredPredictions(texts: testRows.map { texts[$0] }, labels: testLabels)
            let metrics = ClassificationMetrics(trueLabels: testLabels, predicted: scored.predicted, labels: allLabels,
                                                trueLabelProbabilities: scored.trueLabelProbabilities)
            perFold.append(metrics)
            for (k, row) in testRows.enumerated() {
                predictions[row] = ScoredPrediction(text: texts[row], trueLabel: labels[row], predicted: scored.predicted[k],
                                                    confidence: scored.topProbabilities[k])
            }
            pooledTrue += testLabels
            pooledPredicted += scored.predicted
            pooledProbabilities += scored.trueLabelProbabilities
            onFold?(fold, metrics)
        }
        let pooled = ClassificationMetrics(trueLabels: pooledTrue, predicted: pooledPredicted, labels: allLabels,
                                           trueLabelProbabilities: pooledProbabilities)
        return (CrossValidationSummary(folds: perFold, pooled: pooled), predictions.compactMap { $0 })
    }

    /// ``crossValidate(texts:labels:folds:seed:onFold:)`` on labelled documents.
    public func crossValidate(_ documents: [LabeledDocument], folds: Int, seed: UInt64? = nil,
                              onFold: ((Int, ClassificationMetrics) -> Void)? = nil) throws -> CrossValidationSummary {
        try crossValidate(texts: documents.map(\.text), labels: documents.map(\.label), folds: folds, seed: seed, onFold: onFold)
    }

    /// ``crossValidateWithPredictions(texts:labels:folds:seed:onFold:)`` on labelled documents.
    public func crossValidateWithPredictions(_ documents: [LabeledDocument], folds: Int, seed: UInt64? = nil,
                                             onFold: ((Int, ClassificationMetrics) -> Void)? = nil) throws
        -> (summary: CrossValidationSummary, predictions: [ScoredPrediction]) {
        try crossValidateWithPredictions(texts: documents.map(\.text), labels: documents.map(\.label), folds: folds,
                                         seed: seed, onFold: onFold)
    }
}

extension StratifiedKFold {
    /// Checks a number of folds: at least 2, and at most `documents` when that is given.
    ///
    /// ```swift
    /// try StratifiedKFold.validate(folds: 5, documents: 3)   // ConfigurationError about "folds"
    /// ```
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` naming `folds`.
    public static func validate(folds: Int, documents: Int? = nil) throws {
        guard folds >= 2 else { throw ConfigurationError("folds", folds, allowed: "at least 2") }
        if let documents, folds > documents {
            throw ConfigurationError("folds", folds, allowed: "at most the number of documents (\(documents))")
        }
    }
}

extension TrainingMetadata.CrossValidatedMetrics {
    /// The scores a model file records from a cross-validation `summary` whose
    /// folds were drawn with `seed`.
    ///
    /// ```swift
    /// let summary = try trainer.crossValidate(train, folds: 5)
    /// classifier.metadata.crossValidation = .init(summary, seed: trainer.classifier.seed)
    /// ```
    public init(_ summary: CrossValidationSummary, seed: UInt64) {
        self.init(seed: seed, accuracies: summary.folds.map(\.accuracy), macroF1s: summary.folds.map(\.macroF1))
    }
}
