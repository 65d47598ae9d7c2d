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
        """
    )

    @Option(help: ArgumentHelp("The model file.", valueName: "PATH"))
    var model: String

    @OptionGroup var data: DataOptions

    @Option(name: .customLong("label-separator"), help: ArgumentHelp("With a multi-label model: separator of the labels in the label field (default: ,).", valueName: "SEP"))
    var labelSeparator: String = ","

    @Flag(help: "Print the metrics as one JSON object.")
    var json = false

    func run() throws {
        let classifier = try ModelFile.read(path: model)
        if classifier.isMultiLabel {
            var options = MultiLabelOptions()
            options.separator = labelSeparator
            return try MultiLabelCommands.evaluate(classifier, data: data, options: options, json: json)
        }
        let documents = try data.load()
        let metrics = try classifier.evaluate(on: documents)
        if !metrics.unseenLabels.isEmpty {
            let count = metrics.unseenLabels.reduce(0) { $0 + (metrics.perClass[$1]?.support ?? 0) }
            Output.note("warning: \(data.path): \(count) document(s) have labels the model never saw (counted as errors): \(metrics.unseenLabels.joined(separator: ", "))")
        }
        let calibration = EvaluateCalibration.measure(classifier, texts: documents.map(\.text), labels: documents.map(\.label))
        if json {
            try Output.json(EvaluateCalibration.Merged(metrics: metrics, calibration: calibration))
        } else {
            Output.write(metrics.report() + "\n\n" + calibration.report()
                         + "\n\nconfusion matrix (rows = true label, columns = predicted):\n" + metrics.confusionTable() + "\n")
        }
    }
}
