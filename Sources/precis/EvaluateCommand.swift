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

    @Flag(help: "Print the metrics as one JSON object.")
    var json = false

    func run() throws {
        let classifier = try ClassifierSupport.loadModel(model)
        let (texts, labels) = try ClassifierSupport.loadDocuments(data)
        let metrics = Self.evaluate(classifier, texts: texts, labels: labels)
        if !metrics.unseenLabels.isEmpty {
            let unseen = Set(metrics.unseenLabels)
            let count = labels.filter { unseen.contains($0) }.count
            // At most 20 named (a data file can hold any number), each escaped and cut short.
            var named = metrics.unseenLabels.prefix(20).map { TerminalText.escaped($0, limit: 64) }.joined(separator: ", ")
            if metrics.unseenLabels.count > 20 { named += " and \(metrics.unseenLabels.count - 20) more" }
            ClassifierSupport.printError("warning: \(data.path): \(count) document(s) have labels the model never saw (counted as errors): \(named)")
        }
        if json {
            try OutputSink.standardOutput.print(ClassifierSupport.json(metrics))
        } else {
            try OutputSink.standardOutput.print(metrics.report())
            try OutputSink.standardOutput.print("")
            try OutputSink.standardOutput.print("confusion matrix (rows = true label, columns = predicted):")
            try OutputSink.standardOutput.print(metrics.confusionTable())
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
