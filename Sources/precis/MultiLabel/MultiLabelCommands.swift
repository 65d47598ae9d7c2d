import ArgumentParser
import Foundation
import Precis

/// The multi-label paths of `train`, `classify`, `evaluate` and `cross-validate`.
enum MultiLabelCommands {
    /// The library configuration from the command line (`--alpha` / `--c` fix the penalty,
    /// `--epochs`, `--sgd-runs`, `--seed` as for single-label training).
    static func configuration(_ options: ClassifierOptions, _ multiLabel: MultiLabelOptions, documents: Int) throws -> MultiLabelConfiguration {
        var config = MultiLabelConfiguration()
        let unsupported = [("--solver", options.solver != nil), ("--multi-class", options.multiClass != nil),
                           ("--class-weight", options.classWeight != nil), ("--validation-split", options.validationSplit != nil),
                           ("--average-epochs", options.averagedEpochs != nil), ("--intercept-step", options.interceptStep != nil),
                           ("--intercept-ramp", options.interceptRamp != nil), ("--max-iter", options.maxIterations != nil),
                           ("--tol", options.tolerance != nil), ("--patience", options.patience != nil)]
        if let (name, _) = unsupported.first(where: { $0.1 }) {
            throw ValidationError("--multi-label does not take \(name) (it fits one-vs-rest SGD; --alpha, --c, --epochs, --sgd-runs and --seed apply)")
        }
        if options.alpha != nil && options.c != nil { throw ValidationError("give --alpha or --c, not both") }
        if let alpha = options.alpha {
            guard alpha > 0, alpha.isFinite else { throw ValidationError("--alpha must be positive, got \(alpha)") }
            config.alpha = alpha
        }
        if let c = options.c {
            guard c > 0, c.isFinite else { throw ValidationError("--c must be positive, got \(c)") }
            config.alpha = 1 / (c * Double(max(documents, 1)))
        }
        if let epochs = options.epochs {
            guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
            config.epochs = epochs
        }
        if let runs = options.runs {
            guard runs >= 1 else { throw ValidationError("--sgd-runs must be at least 1, got \(runs)") }
            config.runs = runs
        }
        if let seed = options.seed { config.seed = seed }
        config.allowEmpty = multiLabel.allowEmpty
        return config
    }

    static func fit(_ trainer: MultiLabelTrainer, texts: [String], labelSets: [[String]], path: String,
                    progress: ((String) -> Void)? = nil) throws -> TextClassifier {
        try OptionFlags.naming(path) {
            try trainer.fit(texts: texts, labelSets: labelSets, progress: progress).classifier
        }
    }

    /// `precis train --multi-label`.
    static func train(_ command: TrainCommand) throws {
        let start = Date()
        let vectorizerConfig = try command.vectorizer.configuration(defaults: .classifierDefaults)
        let created = try TrainingMetadata.creationDate()
        let (texts, labelSets) = try command.multiLabel.load(command.data)
        let config = try configuration(command.classifier, command.multiLabel, documents: texts.count)
        let bar = ProgressBar(label: "training")
        var trained = try fit(MultiLabelTrainer(vectorizer: vectorizerConfig, configuration: config),
                              texts: texts, labelSets: labelSets, path: command.data.path) { bar.status($0) }
        bar.finish()
        trained.metadata.producer = "precis \(precisVersion)"
        trained.metadata.created = created
        trained.metadata.dataFile = URL(fileURLWithPath: command.data.path).lastPathComponent
        try ModelFile.write(trained, to: command.model)
        var lines = [
            "model:      \(command.model)",
            "documents:  \(texts.count)",
            "labels:     \(trained.labels.count) (multi-label; \(labelSets.filter { $0.count > 1 }.count) documents have several)",
            "features:   \(trained.vectorizer.featureCount)",
        ]
        if let selection = trained.multiLabel?.selection {
            for candidate in selection.candidates {
                lines.append(String(format: "%d-fold CV alpha %g: micro-F1 %.4f, macro-F1 %.4f%@", selection.folds, candidate.alpha,
                                    candidate.microF1, candidate.macroF1, candidate.alpha == selection.alpha ? " (kept)" : ""))
            }
        }
        lines.append(String(format: "training subset accuracy: %.4f", trained.metadata.trainingAccuracy))
        lines.append(String(format: "time:       %.2f s", Date().timeIntervalSince(start)))
        print(lines.joined(separator: "\n"))
    }

    /// `precis classify` with a multi-label model: every label above its threshold.
    /// A multi-label `classify` text line: the source (when shown), the labels, the top probabilities.
    static func textLine(_ classifier: TextClassifier, _ result: TextClassifier.MultiLabelClassification, source: String?, top: Int?) -> [UInt8] {
        let shown = top.map { topLabels(classifier, result, $0) } ?? result.labels
        let text = shown.map { "\($0.label) \(String(format: "%.4f", $0.probability))" }.joined(separator: ", ")
        let labels = result.labels.isEmpty ? "(none)" : result.labels.map(\.label).joined(separator: ",")
        return Array(((source.map { "\($0)\t" } ?? "") + labels + "\t" + text + "\n").utf8)
    }

    /// A multi-label `classify --json` line, with its `source` (or `id`) as `key`.
    static func jsonLine(_ classifier: TextClassifier, _ result: TextClassifier.MultiLabelClassification, key: String, value: String,
                         empty: Bool, top: Int?) throws -> [UInt8] {
        let shown = top.map { topLabels(classifier, result, $0) } ?? result.labels
        let probabilities = Dictionary(shown.map { ($0.label, $0.probability) }, uniquingKeysWith: { a, _ in a })
        return try Output.jsonLine(JSONRecord(base: MultiLabelLine(empty: empty ? true : nil, labels: result.labels.map(\.label),
                                                                   probabilities: probabilities), fields: [key: value]))
    }

    /// One `classify --json` line of a multi-label model.
    struct MultiLabelLine: Encodable {
        var empty: Bool?
        var labels: [String]
        var probabilities: [String: Float]
    }

    /// The `k` most probable labels of a result, chosen or not.
    static func topLabels(_ classifier: TextClassifier, _ result: TextClassifier.MultiLabelClassification, _ k: Int) -> [TextClassifier.LabelProbability] {
        let p: [Float] = result.probabilities
        let order: [Int] = p.indices.sorted { (a: Int, b: Int) -> Bool in p[a] != p[b] ? p[a] > p[b] : a < b }
        return order.prefix(k).map { (c: Int) -> TextClassifier.LabelProbability in
            TextClassifier.LabelProbability(label: classifier.labels[c], probability: p[c])
        }
    }

    /// What `precis inspect` shows of a multi-label model: thresholds and the internal CV.
    static func inspectLines(_ decision: MultiLabelDecision, labels: [String]) -> [String] {
        var lines = ["multi-label: one binary model per label; a document gets every label at or above its threshold"
                     + (decision.allowEmpty ? " (possibly none)" : " (at least one)")]
        if let s = decision.selection {
            lines.append("  alpha \(s.alpha) chosen by \(s.folds)-fold CV (iterative stratification); \(s.fallbackLabels) rare label(s) use the pooled threshold")
            for c in s.candidates {
                lines.append(String(format: "  alpha %g: out-of-fold micro-F1 %.4f, macro-F1 %.4f", c.alpha, c.microF1, c.macroF1))
            }
        }
        lines.append("  thresholds: " + zip(labels, decision.thresholds).map { "\($0) \(String(format: "%.3f", $1))" }.joined(separator: ", "))
        return lines
    }

    /// Metrics of a multi-label model on multi-label texts.
    static func evaluate(_ classifier: TextClassifier, texts: [String], labelSets: [[String]]) -> MultiLabelMetrics {
        let predicted = classifier.classifyMultiLabel(texts).map { $0.labels.map(\.label) }
        return MultiLabelMetrics(trueSets: labelSets, predicted: predicted, labels: classifier.labels)
    }

    /// `precis evaluate` with a multi-label model.
    static func evaluate(_ classifier: TextClassifier, data: DataOptions, options: MultiLabelOptions, json: Bool) throws {
        let (texts, labelSets) = try options.load(data)
        let known = Set(classifier.labels)
        let unseen = Set(labelSets.joined()).subtracting(known).sorted()
        if !unseen.isEmpty {
            Output.note("warning: \(data.path): labels the model never saw (counted as missed): \(unseen.joined(separator: ", "))")
        }
        let metrics = evaluate(classifier, texts: texts, labelSets: labelSets)
        if json { try Output.json(metrics) } else { print(metrics.report()) }
    }

    /// Per-fold and pooled results of a multi-label cross-validation.
    struct CrossValidationResult: Encodable {
        var folds: [MultiLabelMetrics]
        var pooled: MultiLabelMetrics
    }

    /// `precis cross-validate --multi-label`: folds by iterative stratification.
    static func crossValidate(_ command: CrossValidateCommand) throws {
        let vectorizerConfig = try command.vectorizer.configuration(defaults: .classifierDefaults)
        let (texts, labelSets) = try command.multiLabel.load(command.data)
        guard command.folds <= texts.count else {
            throw DatasetError(path: command.data.path, "\(texts.count) documents cannot make \(command.folds) folds")
        }
        let config = try configuration(command.classifier, command.multiLabel, documents: texts.count)
        let names = Array(Set(labelSets.joined())).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let split = IterativeStratification(labelSets: labelSets.map { $0.compactMap { index[$0] } },
                                            folds: command.folds, seed: config.seed)
        let trainer = MultiLabelTrainer(vectorizer: vectorizerConfig, configuration: config)
        var perFold: [MultiLabelMetrics] = []
        var pooledTrue: [[String]] = [], pooledPredicted: [[String]] = []
        for fold in 0..<command.folds {
            let (train, test) = split.split(fold)
            guard !test.isEmpty else { throw DatasetError(path: command.data.path, "fold \(fold + 1) of \(command.folds) is empty; use fewer folds") }
            let classifier = try fit(trainer, texts: train.map { texts[$0] }, labelSets: train.map { labelSets[$0] },
                                     path: command.data.path)
            let truth = test.map { labelSets[$0] }
            let predicted = classifier.classifyMultiLabel(test.map { texts[$0] }).map { $0.labels.map(\.label) }
            let metrics = MultiLabelMetrics(trueSets: truth, predicted: predicted, labels: names)
            perFold.append(metrics)
            pooledTrue += truth
            pooledPredicted += predicted
            if !command.json {
                print(String(format: "fold %d/%d: micro-F1 %.4f  macro-F1 %.4f  subset accuracy %.4f  (n = %d)", fold + 1,
                             command.folds, metrics.microF1, metrics.macroF1, metrics.subsetAccuracy, test.count))
                fflush(stdout)
            }
        }
        let pooled = MultiLabelMetrics(trueSets: pooledTrue, predicted: pooledPredicted, labels: names)
        if command.json {
            try Output.json(CrossValidationResult(folds: perFold, pooled: pooled))
        } else {
            print("")
            print("all out-of-fold predictions:")
            print(pooled.report())
        }
    }
}
