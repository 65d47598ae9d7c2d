import ArgumentParser
import Foundation
import Precis

/// `precis cross-validate`: stratified K-fold estimate of how well the training
/// options generalise.
struct CrossValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cross-validate",
        abstract: "Stratified K-fold cross-validation of the training options on labelled data.",
        discussion: """
        Each fold fits the vectoriser and classifier on the other folds and scores the held-out one. Prints each fold, the mean ± standard deviation, and the report of all out-of-fold predictions pooled.

        Example:
          precis cross-validate --data train.tsv --folds 5
          precis cross-validate --data train.tsv --folds 5 --c 10 --ngram-range 1,1 --json
        """
    )

    @OptionGroup var data: DataOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of folds (at least 2).", valueName: "K"))
    var folds: Int = 5

    @OptionGroup(title: "Vectoriser options") var vectorizer: VectorizerOptions
    @OptionGroup(title: "Classifier options") var classifier: ClassifierOptions

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    func run() throws {
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2, got \(folds)") }
        let vectorizerConfig = try vectorizer.configuration(defaults: .classifierDefaults)
        let classifierConfig = try classifier.configuration()
        let (texts, labels) = try ClassifierSupport.loadDocuments(data)
        guard folds <= texts.count else {
            throw CommandFailure("\(data.path): \(texts.count) documents cannot make \(folds) folds")
        }
        guard Set(labels).count >= 2 else {
            throw CommandFailure("\(data.path): need at least two classes, but every document is labelled '\(labels[0])'")
        }
        let trainer = TextClassifierTrainer(vectorizer: vectorizerConfig, classifier: classifierConfig)
        let bar = ProgressBar(label: "cross-validating")
        bar.update(0, of: folds)
        let summary = try ClassifierCrossValidation.run(texts: texts, labels: labels, trainer: trainer, folds: folds,
                                                        seed: classifierConfig.seed, dataPath: data.path) { fold, metrics in
            bar.finish()
            if !json {
                // A failure is remembered by the sink and ends the command after the folds.
                try? OutputSink.standardOutput.print(String(format: "fold %d/%d: accuracy %.4f  macro-F1 %.4f  (n = %d)",
                             fold + 1, folds, metrics.accuracy, metrics.macroF1, metrics.n))
                try? OutputSink.standardOutput.flush()
            }
            bar.update(fold + 1, of: folds)
        }
        bar.finish()
        if json {
            try OutputSink.standardOutput.print(ClassifierSupport.json(summary))
        } else {
            try OutputSink.standardOutput.print(String(format: "mean ± std: accuracy %.4f ± %.4f  macro-F1 %.4f ± %.4f",
                         summary.mean.accuracy, summary.std.accuracy, summary.mean.macroF1, summary.std.macroF1))
            try OutputSink.standardOutput.print("")
            try OutputSink.standardOutput.print("all out-of-fold predictions:")
            try OutputSink.standardOutput.print(summary.pooled.report())
        }
    }
}
