import ArgumentParser
import Precis

/// `train --hashing N` options for distributed training (one partition of a
/// corpus at a time, see `precis document-frequencies` and `precis merge-models`).
struct DistributedTrainingOptions: ParsableArguments {
    @Option(name: .customLong("document-frequencies"), help: ArgumentHelp("With --hashing: weigh terms by the idf of these counts (precis document-frequencies, e.g. summed over every partition) instead of this data's own.", valueName: "FILE"))
    var documentFrequencies: String?

    @Option(name: .customLong("warm-start"), help: ArgumentHelp("With --hashing: start SGD from this model's weights (e.g. the last merge-models of iterative parameter mixing), its schedule going on after the model's epochs. It must have the same columns, settings and idf.", valueName: "MODEL"))
    var warmStart: String?

    /// Whether either option is given.
    var given: Bool { documentFrequencies != nil || warmStart != nil }

    /// Refuses the options without streamed `--hashing` training.
    func validate(hashing: Int?, streams: Bool) throws {
        guard given else { return }
        let names = [documentFrequencies.map { _ in "--document-frequencies" }, warmStart.map { _ in "--warm-start" }]
            .compactMap { $0 }.joined(separator: " and ")
        guard hashing != nil else { throw ValidationError("\(names) need --hashing N") }
        guard streams else {
            throw ValidationError("\(names) work with streamed SGD training: drop --solver lbfgs, --validation-split and --cv-folds")
        }
    }

    /// Reads the files into `trainer`, refusing (naming the file) counts of other
    /// columns, or a warm-start model whose columns, settings or idf differ from the
    /// training's (when the idf is known before reading the data, from the counts).
    func configure(_ trainer: inout StreamingTrainer) throws {
        if let path = documentFrequencies {
            let counts = try DocumentFrequencies.read(path: path)
            if let reason = DocumentFrequencies.columnsIncompatibility(trainer.hashing, counts.vectorizer) {
                throw DocumentFrequenciesError(path: path, "counted with other settings than this training: \(reason)")
            }
            trainer.documentFrequencies = counts
        }
        if let path = warmStart {
            let model = try ModelFile.read(path: path)
            var reason = model.multiLabel == nil ? nil : "it is a multi-label model"
            reason = reason ?? ModelAveraging.incompatibility(trainer.classifier.multiClass, model.model.multiClass)
            if reason == nil, let counts = trainer.documentFrequencies {
                let features = TfidfModel(hashing: try HashingTfidfModel(vectorizer: trainer.hashing, documentFrequencies: counts.counts,
                                                                          documents: counts.documents))
                reason = ModelAveraging.incompatibility(features, model.vectorizer)
            }
            if let reason { throw ModelFileError(path: path, "cannot warm-start this training: \(reason)") }
            trainer.warmStart = model
        }
    }
}
