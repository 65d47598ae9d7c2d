import ArgumentParser
import Foundation
import Precis

/// `precis inspect`: what a model file holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a model file holds: classes, options, vocabulary size, training metadata, top terms.",
        discussion: """
        Example:
          precis inspect --model Models/bbc-news.precis --top 5
        """
    )

    @Option(help: ArgumentHelp("The model file (default: the shipped model).", valueName: "PATH"))
    var model: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Top-weighted terms to list per class.", valueName: "N"))
    var top: Int = 10

    @Flag(help: "Print the model's metadata as JSON.")
    var json = false

    func run() throws {
        guard top >= 0 else { throw ValidationError("--top must be non-negative, got \(top)") }
        let path = try model ?? ShippedModel.path()
        let classifier = try ModelFile.read(path: path)
        if json { return try Output.json(ModelSummary(classifier, topTerms: top)) }
        let meta = classifier.metadata
        let v = classifier.vectorizer.configuration
        let c = meta.classifier
        let regularization: String
        switch c.regularization {
        case .c(let value): regularization = "C = \(value)"
        case .alpha(let value): regularization = "alpha = \(value)"
        }
        let solverSettings: String
        switch c.solver {
        case .sgd:
            solverSettings = "\(c.epochs) epochs, weights averaged over the last \(c.averagedEpochs)"
                + (c.runs > 1 ? " and over \(c.runs) runs" : "") + ", intercept step \(c.interceptStep)"
                + (c.interceptRampDocuments > 0 ? " (scaled down below \(c.interceptRampDocuments) documents)" : "")
        case .lbfgs: solverSettings = "max-iter \(c.maxIterations), tol \(c.tolerance)"
        }
        var lines = [
            "model:       \(path)",
            "format:      version \(ModelFile.formatVersion)",
            "classes:     \(classifier.labels.count)",
        ]
        for label in classifier.labels {
            lines.append("  \(label) (\(meta.classCounts[label] ?? 0) training documents)")
        }
        lines += [
            "vocabulary:  \(classifier.vectorizer.featureCount) features",
            "vectoriser:  ngram-range \(v.ngramRange.lowerBound),\(v.ngramRange.upperBound), min-df \(v.minDF), max-df \(v.maxDF)"
                + ", max-features \(v.maxFeatures.map(String.init) ?? "none"), stop words \(v.stopWords.count), sublinear-tf \(v.sublinearTF), norm \(v.norm.rawValue)",
            "classifier:  \(c.multiClass == .ovr ? "one-vs-rest" : "multinomial") logistic regression, L2 \(regularization), solver \(c.solver.rawValue) (\(solverSettings)), class-weight \(c.classWeighting.rawValue), validation-split \(c.validationFraction), seed \(c.seed)",
            "trained by:  \(meta.producer ?? "unknown") on \(meta.created ?? "unknown date")",
            "data:        \(meta.dataFile ?? "unknown file"), \(meta.documents) documents, checksum fnv1a64:\(meta.dataChecksum)",
            "fit:         \(meta.iterations) iterations\(meta.converged ? " (converged)" : ""), final loss \(String(format: "%.5f", meta.finalLoss))",
            String(format: "training accuracy: %.4f", meta.trainingAccuracy),
        ]
        if let val = meta.validation {
            lines.append(String(format: "held-out accuracy: %.4f on %d documents", val.accuracy, val.documents))
        }
        if let cv = meta.crossValidation {
            lines.append(String(format: "%d-fold CV (seed %llu): accuracy %.4f ± %.4f, macro-F1 %.4f ± %.4f",
                                cv.folds, cv.seed, cv.accuracyMean, cv.accuracyStd, cv.macroF1Mean, cv.macroF1Std))
        }
        if let s = meta.selection {
            lines += Self.selectionLines(s)
        } else if classifier.model.temperature != 1 {
            lines.append(String(format: "temperature: %.3f", classifier.model.temperature))
        }
        if let multiLabel = classifier.multiLabel {
            lines += MultiLabelCommands.inspectLines(multiLabel, labels: classifier.labels)
        }
        if top > 0 {
            lines.append("top terms per class:")
            for entry in classifier.topTerms(per: top) {
                lines.append("  \(entry.label): " + entry.terms.map { "\($0.term) (\(String(format: "%.2f", $0.weight)))" }.joined(separator: ", "))
            }
        }
        // Every string here may come from a data or model file: escaped before it reaches a terminal.
        try Output.write(lines.map(TerminalText.escaped).joined(separator: "\n") + "\n")
    }

    /// The internal search's record: the choice, every penalty tried, the temperature.
    static func selectionLines(_ s: ModelSelectionReport) -> [String] {
        let what = [s.tunedMultiClass ? "multi-class" : nil, s.tunedAlpha ? "alpha" : nil, s.tunedEpochs ? "epochs" : nil].compactMap { $0 }
        var lines = [
            "selection:   \(what.isEmpty ? "nothing tuned" : what.joined(separator: " and ") + " chosen") by \(s.folds)-fold CV on \(s.documents) training documents: "
                + "\(s.multiClass.rawValue), " + String(format: "alpha %g, %d epochs, CV accuracy %.4f", s.alpha, s.epochs, s.accuracy),
        ]
        for c in s.candidates {
            let strategy = c.multiClass.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            lines.append("  " + strategy + String(format: "alpha %-7g best at %2d epochs: CV accuracy %.4f, log-loss %.4f, calibrated %.4f (%d of %d folds)",
                                c.alpha, c.epochs, c.accuracy, c.logLoss, c.calibratedLogLoss, c.folds, s.folds)
                         + (c.alpha == s.alpha && c.multiClass == s.multiClass ? " <- chosen" : ""))
        }
        lines.append(s.temperature == 1
            ? String(format: "temperature: 1 (no scaling lowered the CV log-loss %.4f)", s.logLossBefore)
            : String(format: "temperature: %.3f (CV log-loss %.4f -> %.4f)", s.temperature, s.logLossBefore, s.logLossAfter))
        return lines
    }
}
