import ArgumentParser
import Foundation
import Precis

/// `precis evaluate`: score a model on labelled data.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a classifier on labelled data: accuracy, F1, per-class report, confusion matrix, log-loss.",
        discussion: """
        Labels in the data that the model never saw count as errors and are listed.

        Example:
          precis evaluate --model topics.precis --data test.tsv
          precis evaluate --model topics.precis --data test.tsv --json
          precis evaluate --model topics.precis --data test.tsv --confusion none
          precis evaluate --model topics.precis --data test.tsv --report report.html
          precis evaluate --model reuters.precis --data test.tsv --report report.html   (a multi-label model)
          precis evaluate --model topics.precis --data big.tsv --progress always 2> progress.log
        """
    )

    @Option(help: ArgumentHelp("The model file.", valueName: "PATH"))
    var model: String

    @OptionGroup var data: DataOptions

    @Option(name: .customLong("label-separator"), help: ArgumentHelp("With a multi-label model: separator of the labels in the label field (default: ,).", valueName: "SEP"))
    var labelSeparator: String = ","

    @OptionGroup var output: EvaluationOutputOptions

    @OptionGroup(title: "Progress") var progress: ProgressOptions

    @Flag(help: "Print the metrics as one JSON object.")
    var json = false

    func run() throws {
        try ReportFile.checkWritable(output.report, inputs: [model, data.path])
        let bar = progress.start("evaluating")
        let classifier = try ModelFile.read(path: model)
        if classifier.isMultiLabel {
            var options = MultiLabelOptions()
            options.separator = labelSeparator
            return try MultiLabelCommands.evaluate(classifier, model: model, data: data, options: options, json: json,
                                                   report: output.report, bar: bar)
        }
        bar.status("reading \(data.path)")
        let documents = try data.load()
        let texts = documents.map(\.text), labels = documents.map(\.label)
        let (metrics, predictions, probabilities) = try classifier.evaluateWithPredictions(texts: texts, labels: labels,
                                                                                           progress: bar.documents)
        bar.finish()
        if let report = output.report {
            let facts = [("model", model), ("data", data.path), ("model classes", "\(classifier.labels.count)"),
                         ("model features", "\(classifier.vectorizer.featureCount)"),
                         ("trained on", "\(classifier.metadata.documents) documents")]
            try ReportFile.write(ClassificationReport(title: "Evaluation of \(model)", facts: facts, metrics: metrics,
                                                      predictions: predictions).html(), to: report, inputs: [model, data.path])
        }
        if !metrics.unseenLabels.isEmpty {
            let count = metrics.unseenLabels.reduce(0) { $0 + (metrics.perClass[$1]?.support ?? 0) }
            // At most 20 named (a data file can hold any number), each escaped and cut short.
            var named = metrics.unseenLabels.prefix(20).map { TerminalText.escaped($0, limit: 64) }.joined(separator: ", ")
            if metrics.unseenLabels.count > 20 { named += " and \(metrics.unseenLabels.count - 20) more" }
            Output.note("warning: \(data.path): \(count) document(s) have labels the model never saw (counted as errors): \(named)")
        }
        let calibration = EvaluateCalibration.measure(classifier, probabilities: probabilities, labels: labels)
        if json {
            try Output.json(EvaluateCalibration.Merged(metrics: metrics, calibration: calibration))
        } else {
            let table = metrics.confusionText(output.confusion)
            try Output.write(metrics.report() + "\n\n" + calibration.report() + "\n" + (table.isEmpty ? "" : "\n" + table + "\n"))
        }
    }
}
