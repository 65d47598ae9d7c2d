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
        let classifier = try ClassifierSupport.loadModel(model)
        if classifier.isMultiLabel {
            var options = MultiLabelOptions()
            options.separator = labelSeparator
            return try MultiLabelCommands.evaluate(classifier, data: data, options: options, json: json)
        }
        let (texts, labels) = try ClassifierSupport.loadDocuments(data)
        let metrics = Self.evaluate(classifier, texts: texts, labels: labels)
        if !metrics.unseenLabels.isEmpty {
            let count = labels.filter { metrics.unseenLabels.contains($0) }.count
            ClassifierSupport.printError("warning: \(data.path): \(count) document(s) have labels the model never saw (counted as errors): \(metrics.unseenLabels.joined(separator: ", "))")
        }
        let calibration = EvaluateCalibration.measure(classifier, texts: texts, labels: labels)
        if json {
            print(try EvaluateCalibration.merge(try ClassifierSupport.json(metrics), calibration))
        } else {
            print(metrics.report())
            print("")
            print(calibration.report())
            print("")
            print("confusion matrix (rows = true label, columns = predicted):")
            print(metrics.confusionTable())
        }
    }

    /// Metrics of `classifier` on the labelled texts.
    static func evaluate(_ classifier: TextClassifier, texts: [String], labels: [String]) -> ClassificationMetrics {
        let p = classifier.probabilities(texts)
        let k = classifier.labels.count
        var index: [String: Int] = [:]
        for (c, label) in classifier.labels.enumerated() { index[label] = c }
        var predicted: [String] = [], trueProbability: [Double] = []
        predicted.reserveCapacity(texts.count)
        for i in 0..<texts.count {
            var best = 0
            for c in 1..<k where p[i, c] > p[i, best] { best = c }
            predicted.append(classifier.labels[best])
            trueProbability.append(index[labels[i]].map { Double(p[i, $0]) } ?? 0)
        }
        return ClassificationMetrics(trueLabels: labels, predicted: predicted, labels: classifier.labels,
                                     trueLabelProbabilities: trueProbability)
    }
}
