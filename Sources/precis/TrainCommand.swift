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
        Defaults (no option needed): word 1-2-grams in at least 2 documents, sublinear TF-IDF, logistic regression with an L2 penalty, fitted by stochastic gradient descent: four runs over differently seeded shuffles, side by side on the cores, intercepts stepping at 0.3 of the weights' rate (less below 1,500 documents); the model is the mean of the four runs' weights over their last 3 epochs.

        The multi-class strategy (one softmax, or one-vs-rest binary models), the penalty (alpha, from 1e-6, 3e-6, 1e-5, 3e-5, 1e-4) and the number of epochs (3 to 10) are chosen per corpus by a 3-fold stratified cross-validation on the training data (--tune auto). Every candidate runs on the first fold side by side on the cores, scored after every epoch by its held-out log-loss at its best temperature; the hopeless ones stop early and the best two go on to the other folds. A temperature that divides the scores before the softmax is fitted to the out-of-fold log-loss, so the probabilities are calibrated. `precis inspect` shows the choice and every score. --multi-class, --alpha/--c and --epochs fix their value (the rest is still chosen); --tune off trains the given values (multinomial, alpha 1e-6, 5 epochs by default) without a temperature.

        --solver lbfgs fits the full-batch objective by L-BFGS instead (slower; --c, --max-iter, --tol; no search). --multi-class ovr fits one binary logistic regression per class instead of one softmax (scikit-learn SGDClassifier's strategy; with either solver).

        The model is written to a temporary file and renamed, so an existing model is only replaced by a complete new one. Set SOURCE_DATE_EPOCH to make the recorded date (and so the whole file) reproducible.

        Example:
          precis train --data train.tsv --model topics.precis
          precis train --data train.tsv --model topics.precis --class-weight balanced --validation-split 0.1
          precis train --data train.tsv --model topics.precis --solver lbfgs --c 300
          precis train --data huge.tsv --model topics.precis --hashing 1048576
          zcat huge.jsonl.gz | precis train --data - --format jsonl --model topics.precis --hashing 1048576

        With --hashing N there is no vocabulary: terms are hashed into N columns (scikit-learn's HashingVectorizer, unsigned, with idf), and the data is streamed: read once in blocks (TSV or JSONL, a file, a pipe or standard input), its hashed counts cached in a temporary file (in $TMPDIR), then the SGD epochs run over a shuffled stream of that cache (a seeded block order each epoch, shuffled within windows of 16,384 documents). Memory is the model plus fixed buffers, whatever the size of the data. --solver lbfgs, --validation-split and --cv-folds need the data in memory: with them --hashing trains in memory.
        """
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Where to write the model file.", valueName: "PATH"))
    var model: String

    @OptionGroup(title: "Vectoriser options") var vectorizer: VectorizerOptions
    @OptionGroup(title: "Classifier options") var classifier: ClassifierOptions
    @OptionGroup(title: "Multi-label options") var multiLabel: MultiLabelOptions
    @OptionGroup(title: "Progress") var progress: ProgressOptions

    @Option(name: .customLong("cv-folds"), parsing: .unconditional, help: ArgumentHelp("Also cross-validate with K stratified folds first and record the scores in the model.", valueName: "K"))
    var cvFolds: Int?

    @Option(help: ArgumentHelp("Hash terms into N columns instead of learning a vocabulary, and stream the data (bounded memory).", valueName: "N"))
    var hashing: Int?

    @OptionGroup var streaming: StreamingOptions
    @OptionGroup(title: "Distributed training (with --hashing)") var distributed: DistributedTrainingOptions

    /// The vectoriser defaults: without vocabulary options when hashing.
    var vectorizerDefaults: TfidfConfiguration {
        hashing == nil ? .classifierDefaults : TfidfConfiguration.classifierDefaults.withoutVocabularyOptions
    }

    /// Whether `--hashing` streams (an option that needs the data in memory keeps it there).
    var streams: Bool {
        hashing != nil && classifier.solver != .lbfgs && classifier.validationSplit == nil && cvFolds == nil
    }

    func validate() throws {
        let config = try vectorizer.configuration(defaults: vectorizerDefaults)
        if let hashing {
            if multiLabel.enabled { throw ValidationError("--multi-label does not take --hashing") }
            try OptionFlags.validated(overrides: ["featureCount": "--hashing"]) {
                try HashingVectorizer(featureCount: hashing, alternateSign: false, configuration: config).validate()
            }
        }
        _ = try classifier.configuration()
        try distributed.validate(hashing: hashing, streams: streams)
        _ = try classifier.selection()
        if let cvFolds { try OptionFlags.validated(overrides: ["folds": "--cv-folds"]) { try StratifiedKFold.validate(folds: cvFolds) } }
        _ = try TrainingMetadata.creationDate()
    }

    func run() throws {
        Output.quiet = progress.quiet
        // Refuse a model path that is the data or not a regular file before any work.
        _ = try OutputTarget(path: model, inputs: [data.path])
        if multiLabel.enabled {
            if cvFolds != nil { throw ValidationError("--multi-label does not take --cv-folds (use precis cross-validate --multi-label)") }
            return try MultiLabelCommands.train(self)
        }
        if streams { return try trainStreaming() }
        let start = Date()
        var trainer = TextClassifierTrainer(vectorizer: try vectorizer.configuration(defaults: vectorizerDefaults),
                                            classifier: try classifier.configuration(), selection: try classifier.selection())
        trainer.hashing = hashing
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
        try ModelFile.write(trained, to: model, inputs: [data.path])
        var lines = summary(trained)
        lines.append(String(format: "time:       %.2f s (read %.2f, vectorise %.2f, select %.2f, fit %.2f, save %.2f)", Date().timeIntervalSince(start),
                            loaded.timeIntervalSince(start), (selectStart ?? fitStart).timeIntervalSince(trainStart),
                            selectStart.map { fitStart.timeIntervalSince($0) } ?? 0,
                            fitted.timeIntervalSince(fitStart), Date().timeIntervalSince(fitted)))
        // Every string here may come from a data or model file: escaped before it reaches a terminal.
        try Output.write(lines.map(TerminalText.escaped).joined(separator: "\n") + "\n")
    }

    /// `--hashing N` streamed: read once, cached, SGD over a shuffled stream.
    func trainStreaming() throws {
        let start = Date()
        var trainer = StreamingTrainer(vectorizer: try vectorizer.configuration(defaults: vectorizerDefaults),
                                       classifier: try classifier.configuration(), featureCount: hashing ?? 0)
        trainer.cacheDirectory = nil
        try distributed.configure(&trainer)
        let rows = try LabeledRowStream(path: data.path, format: data.layout.format, labelColumn: data.layout.labelColumn,
                                        textColumn: data.layout.textColumn, options: data.lineLimit.applied(to: streaming.options))
        let bar = ProgressBar(label: "training", mode: progress.mode)
        var readSeconds = 0.0
        let result = try OptionFlags.naming(data.path, overrides: ["featureCount": "--hashing"]) {
            try trainer.fit(rows) { stage in
                switch stage {
                case .reading(let documents, let bytes):
                    readSeconds = Date().timeIntervalSince(start)
                    bar.status(String(format: "read %d documents (%.0f MB)", documents, Double(bytes) / 1e6))
                case .epoch(let epoch, let window, let windows):
                    bar.status("epoch \(epoch): window \(window) of \(windows)")
                case .optimizing(let p):
                    bar.update(p.iteration, of: p.maxIterations, note: String(format: "loss %.4f", p.loss))
                }
            }
        }
        bar.finish()
        streaming.report(result.read, name: data.path == "-" ? "<stdin>" : data.path)
        let fitted = Date()
        var trained = result.classifier
        try trained.metadata.recordProvenance(producer: "precis \(precisVersion)", dataPath: data.path)
        try ModelFile.write(trained, to: model, inputs: [data.path])
        var lines = summary(trained)
        lines.append(String(format: "time:       %.2f s (read and hash %.2f, fit %.2f, save %.2f)", Date().timeIntervalSince(start),
                            readSeconds, fitted.timeIntervalSince(start) - readSeconds, Date().timeIntervalSince(fitted)))
        // Every string here may come from a data or model file: escaped before it reaches a terminal.
        try Output.write(lines.map(TerminalText.escaped).joined(separator: "\n") + "\n")
    }

    /// The lines `train` prints about a trained model.
    func summary(_ trained: TextClassifier) -> [String] {
        let meta = trained.metadata
        var lines = [
            "model:      \(model)",
            "documents:  \(meta.documents)",
            "classes:    \(trained.labels.count) (\(trained.labels.joined(separator: ", ")))",
            "features:   \(trained.vectorizer.featureCount)\(trained.vectorizer.hashedFeatureCount == nil ? "" : " (hashed)")",
            String(format: "training accuracy: %.4f", meta.trainingAccuracy),
            "iterations: \(meta.iterations)\(meta.converged ? " (converged)" : "")",
        ]
        if let selection = meta.selection {
            lines.append("selection:  \(selection.multiClass.rawValue), " + String(format: "alpha %g, %d epochs (%d-fold CV accuracy %.4f), temperature %.3f",
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
        return lines
    }
}
