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

    /// The counts file, read, if given.
    func counts() throws -> DocumentFrequencies? {
        try documentFrequencies.map { try DocumentFrequencies.read(path: $0) }
    }

    /// The warm-start model, read, if given.
    func startModel() throws -> TextClassifier? {
        try warmStart.map { try ModelFile.read(path: $0) }
    }
}
