import ArgumentParser
import Foundation
import Precis

/// `precis train`: fit the TF-IDF vectoriser and the logistic-regression classifier
/// on labelled data and write one model file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a topic classifier on labelled text and write a model file.",
        discussion: """
        Defaults (no option needed): word 1-2-grams in at least 2 documents, sublinear TF-IDF, multinomial logistic regression with an L2 penalty, fitted by stochastic gradient descent: four runs over differently seeded shuffles, side by side on the cores, intercepts stepping at 0.3 of the weights' rate (less below 1,500 documents); the model is the mean of the four runs' weights over their last 3 epochs.

        The penalty (alpha, from 1e-6, 3e-6, 1e-5, 3e-5, 1e-4) and the number of epochs (3 to 10) are chosen per corpus by a 3-fold stratified cross-validation on the training data (--tune auto): every alpha runs on the first fold side by side on the cores, scored after every epoch; the hopeless ones stop early and the best two go on to the other folds. A temperature that divides the scores before the softmax is fitted to the out-of-fold log-loss, so the probabilities are calibrated. `precis inspect` shows the choice and every score. --alpha/--c fixes the penalty, --epochs the epochs (the rest is still chosen); --tune off trains the given values (alpha 1e-6, 5 epochs by default) without a temperature.

        --solver lbfgs fits the full-batch objective by L-BFGS instead (slower; --c, --max-iter, --tol; no search). --multi-class ovr fits one binary logistic regression per class instead of one softmax (scikit-learn SGDClassifier's strategy; with either solver).

        The model is written to a temporary file and renamed, so an existing model is only replaced by a complete new one. Set SOURCE_DATE_EPOCH to make the recorded date (and so the whole file) reproducible.

        Example:
          precis train --data train.tsv --model topics.precis
          precis train --data train.tsv --model topics.precis --class-weight balanced --validation-split 0.1
          precis train --data train.tsv --model topics.precis --solver lbfgs --c 300
        """
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Where to write the model file.", valueName: "PATH"))
    var model: String

    @OptionGroup(title: "Vectoriser options") var vectorizer: VectorizerOptions
    @OptionGroup(title: "Classifier options") var classifier: ClassifierOptions
    @OptionGroup(title: "Multi-label options") var multiLabel: MultiLabelOptions
    @OptionGroup(title: "Progress") var progress: ProgressOptions

    @Option(name: .customLong("cv-folds"), help: ArgumentHelp("Also cross-validate with K stratified folds first and record the scores in the model.", valueName: "K"))
    var cvFolds: Int?

    func validate() throws {
        _ = try vectorizer.configuration(defaults: .classifierDefaults)
        _ = try classifier.configuration()
        _ = try classifier.selection()
        if let cvFolds { try OptionFlags.validated(overrides: ["folds": "--cv-folds"]) { try StratifiedKFold.validate(folds: cvFolds) } }
        _ = try TrainingMetadata.creationDate()
    }

    func run() throws {
        Output.quiet = progress.quiet
        if multiLabel.enabled {
            if cvFolds != nil { throw ValidationError("--multi-label does not take --cv-folds (use precis cross-validate --multi-label)") }
            return try MultiLabelCommands.train(self)
        }
        let start = Date()
        let trainer = TextClassifierTrainer(vectorizer: try vectorizer.configuration(defaults: .classifierDefaults),
                                            classifier: try classifier.configuration(), selection: try classifier.selection())
        let documents = try data.load()
        let texts = documents.map(\.text), labels = documents.map(\.label)
        let loaded = Date()

        var crossValidation: TrainingMetadata.CrossValidatedMetrics?
        if let cvFolds {
            let bar = ProgressBar(label: "cross-validating", mode: progress.mode)
            bar.update(0, of: cvFolds)
            let summary = try OptionFlags.naming(data.path, overrides: ["folds": "--cv-folds"]) {
                try trainer.crossValidate(texts: texts, labels: labels, folds: cvFolds) { fold, _ in bar.update(fold + 1, of: cvFolds) }
            }
            bar.finish()
            crossValidation = .init(summary, seed: trainer.classifier.seed)
        }

        let bar = ProgressBar(label: "training", mode: progress.mode)
        var fitStart = Date()
        var selectStart: Date?
        let trainStart = Date()
        let result = try OptionFlags.naming(data.path) {
            try trainer.fit(texts: texts, labels: labels) { stage in
                switch stage {
                case .vectorizing: bar.status("vectorising \(texts.count) documents")
                case .selecting(_, let features):
                    selectStart = Date()
                    bar.status("choosing alpha and epochs by 3-fold CV on \(features) features")
                case .fitting(_, let features):
                    fitStart = Date()
                    bar.status("fitting \(features) features")
                case .optimizing(let p):
                    bar.update(p.iteration, of: p.maxIterations, note: String(format: "loss %.4f", p.loss))
                }
            }
        }
        bar.finish()
        let fitted = Date()
        var trained = result.classifier
        try trained.metadata.recordProvenance(producer: "precis \(precisVersion)", dataPath: data.path)
        trained.metadata.crossValidation = crossValidation
        try ModelFile.write(trained, to: model)
        let elapsed = Date().timeIntervalSince(start)
        let meta = trained.metadata
        var lines = [
            "model:      \(model)",
            "documents:  \(texts.count)",
            "classes:    \(trained.labels.count) (\(trained.labels.joined(separator: ", ")))",
            "features:   \(trained.vectorizer.featureCount)",
            String(format: "training accuracy: %.4f", meta.trainingAccuracy),
            "iterations: \(meta.iterations)\(meta.converged ? " (converged)" : "")",
        ]
        if let selection = meta.selection {
            lines.append(String(format: "selection:  alpha %g, %d epochs (%d-fold CV accuracy %.4f), temperature %.3f",
                                selection.alpha, selection.epochs, selection.folds, selection.accuracy, selection.temperature))
        }
        if let v = meta.validation {
            lines.append(String(format: "held-out accuracy: %.4f on %d documents (kept iteration %d)",
                                v.accuracy, v.documents, v.bestIteration ?? meta.iterations))
        }
        if let cv = meta.crossValidation {
            lines.append(String(format: "%d-fold CV accuracy: %.4f ± %.4f, macro-F1: %.4f ± %.4f",
                                cv.folds, cv.accuracyMean, cv.accuracyStd, cv.macroF1Mean, cv.macroF1Std))
        }
        lines.append(String(format: "time:       %.2f s (read %.2f, vectorise %.2f, select %.2f, fit %.2f, save %.2f)", elapsed,
                            loaded.timeIntervalSince(start), (selectStart ?? fitStart).timeIntervalSince(trainStart),
                            selectStart.map { fitStart.timeIntervalSince($0) } ?? 0,
                            fitted.timeIntervalSince(fitStart), Date().timeIntervalSince(fitted)))
        Output.write(lines.joined(separator: "\n") + "\n")
    }
}
