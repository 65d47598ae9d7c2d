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
          precis cross-validate --data train.tsv --folds 5 --report cv.html
          precis cross-validate --data train.tsv --folds 5 --c 10 --ngram-range 1,1 --json
          precis cross-validate --data train.tsv --folds 10 --confusion none
        """
    )

    @OptionGroup var data: DataOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of folds (at least 2).", valueName: "K"))
    var folds: Int = 5

    @OptionGroup(title: "Vectoriser options") var vectorizer: VectorizerOptions
    @OptionGroup(title: "Classifier options") var classifier: ClassifierOptions
    @OptionGroup(title: "Multi-label options") var multiLabel: MultiLabelOptions

    @OptionGroup var output: EvaluationOutputOptions

    @OptionGroup(title: "Progress") var progress: ProgressOptions

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    func validate() throws {
        try OptionFlags.validated { try StratifiedKFold.validate(folds: folds) }
        _ = try vectorizer.configuration(defaults: .classifierDefaults)
        _ = try classifier.configuration()
        _ = try classifier.selection()
    }

    func run() throws {
        try ReportFile.checkWritable(output.report, inputs: [data.path])
        Output.quiet = progress.quiet
        if multiLabel.enabled { return try MultiLabelCommands.crossValidate(self) }
        let trainer = TextClassifierTrainer(vectorizer: try vectorizer.configuration(defaults: .classifierDefaults),
                                            classifier: try classifier.configuration(), selection: try classifier.selection())
        let documents = try data.load()
        let bar = ProgressBar(label: "cross-validating", mode: progress.mode)
        bar.update(0, of: folds)
        let (summary, predictions) = try OptionFlags.naming(data.path) {
            try trainer.crossValidateWithPredictions(documents, folds: folds) { fold, metrics in
                bar.finish()
                if !json {
                    // A failure is remembered by the sink and ends the command at its next write.
                    try? Output.write(String(format: "fold %d/%d: accuracy %.4f  macro-F1 %.4f  (n = %d)\n",
                                             fold + 1, folds, metrics.accuracy, metrics.macroF1, metrics.n))
                    try? Output.flush()
                }
                bar.update(fold + 1, of: folds)
            }
        }
        bar.finish()
        if let report = output.report {
            try ReportFile.write(CrossValidationReport(title: "Cross-validation on \(data.path)", facts: [("data", data.path)],
                                                       summary: summary, predictions: predictions).html(), to: report, inputs: [data.path])
        }
        if json {
            try Output.json(summary)
        } else {
            try Output.write(String(format: "mean ± std: accuracy %.4f ± %.4f  macro-F1 %.4f ± %.4f\n\nall out-of-fold predictions:\n",
                                summary.mean.accuracy, summary.std.accuracy, summary.mean.macroF1, summary.std.macroF1)
                         + summary.pooled.report() + "\n")
            let table = summary.pooled.confusionText(output.confusion)
            if !table.isEmpty { try Output.write("\n" + table + "\n") }
        }
    }
}
