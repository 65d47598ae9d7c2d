import Foundation
import Precis

/// Stratified K-fold cross-validation of a whole training pipeline (vectoriser
/// fitted on each training fold, never on its test fold), shared by
/// `cross-validate` and `train --cv-folds`.
enum ClassifierCrossValidation {
    /// Trains and scores `folds` times; `onFold(fold, metrics)` after each.
    static func run(texts: [String], labels: [String], trainer: TextClassifierTrainer, folds: Int, seed: UInt64,
                    dataPath: String, onFold: (Int, ClassificationMetrics) -> Void = { _, _ in }) throws -> CrossValidationSummary {
        let kfold = StratifiedKFold(labels: labels, folds: folds, seed: seed)
        let allLabels = Array(Set(labels)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var perFold: [ClassificationMetrics] = []
        var pooledTrue: [String] = [], pooledPredicted: [String] = [], pooledProbabilities: [Double] = []
        for fold in 0..<folds {
            let (trainRows, testRows) = kfold.split(fold)
            guard !testRows.isEmpty else {
                throw CommandFailure("\(dataPath): fold \(fold + 1) of \(folds) is empty; use fewer folds")
            }
            let result = try ClassifierSupport.naming(dataPath) {
                try trainer.fit(texts: trainRows.map { texts[$0] }, labels: trainRows.map { labels[$0] })
            }
            let classifier = result.classifier
            let testTexts = testRows.map { texts[$0] }
            let testLabels = testRows.map { labels[$0] }
            let p = classifier.probabilities(testTexts)
            var predicted: [String] = [], trueProbability: [Double] = []
            for (i, label) in testLabels.enumerated() {
                var best = 0
                for c in 1..<classifier.labels.count where p[i, c] > p[i, best] { best = c }
                predicted.append(classifier.labels[best])
                trueProbability.append(classifier.labels.firstIndex(of: label).map { Double(p[i, $0]) } ?? 0)
            }
            let metrics = ClassificationMetrics(trueLabels: testLabels, predicted: predicted, labels: allLabels,
                                                trueLabelProbabilities: trueProbability)
            perFold.append(metrics)
            pooledTrue += testLabels
            pooledPredicted += predicted
            pooledProbabilities += trueProbability
            onFold(fold, metrics)
        }
        let pooled = ClassificationMetrics(trueLabels: pooledTrue, predicted: pooledPredicted, labels: allLabels,
                                           trueLabelProbabilities: pooledProbabilities)
        return CrossValidationSummary(folds: perFold, pooled: pooled)
    }
}
