import ArgumentParser
import Foundation
import Precis

/// `precis merge-models A B … --output M`: parameter averaging of classifiers
/// trained on partitions of one corpus (see ``ModelAveraging``).
struct MergeModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-models",
        abstract: "Average the weights of models trained on partitions of one corpus.",
        discussion: """
        The merged model's weights and intercepts are the mean of the models', weighted by the documents each was trained on (--weighting uniform: all alike). The models must share their features exactly: the same hashing width (or vocabulary), vectoriser settings and idf (train them with precis train --hashing N --document-frequencies on counts summed by precis document-frequencies --merge), and the same --multi-class. Labels may differ: the merged model has their union, each class averaged over the models that have it.

        Iterative parameter mixing: train each partition starting from the merged model (precis train --warm-start M), merge again, and repeat for a few rounds.

        The same models give the same file in any order (with SOURCE_DATE_EPOCH set, as for train). The model is written to a temporary file and renamed.

        Example:
          precis merge-models part-0.precis part-1.precis part-2.precis part-3.precis --output merged.precis
        """
    )

    @Argument(help: ArgumentHelp("The models to average (at least one).", valueName: "MODEL"))
    var models: [String]

    @Option(help: ArgumentHelp("Where to write the merged model.", valueName: "PATH"))
    var output: String

    @Option(help: ArgumentHelp("How much each model counts: documents (its training documents, default) or uniform."))
    var weighting: ModelAveraging.Weighting = .documents

    @OptionGroup(title: "Progress") var progress: ProgressOptions

    func validate() throws {
        if models.isEmpty { throw ValidationError("give at least one model to merge") }
    }

    func run() throws {
        Output.quiet = progress.quiet
        // Refuse an output path that is one of the models or not a regular file before any work.
        _ = try OutputTarget(path: output, inputs: models)
        let parts = try models.map { try ModelFile.read(path: $0) }
        let merged: TextClassifier
        do {
            merged = try ModelAveraging.average(parts, weighting: weighting)
        } catch let error as ModelAveragingError {
            if let part = error.part {
                throw ModelFileError(path: models[part], "cannot merge with \(models[0]): \(error.message)")
            }
            throw error
        }
        var model = merged
        model.metadata.producer = "precis \(precisVersion) merge-models"
        model.metadata.created = try TrainingMetadata.creationDate()
        try ModelFile.write(model, to: output, inputs: models)
        Output.note("\(output): \(parts.count) models averaged (\(merged.metadata.documents) documents, "
                    + "\(merged.labels.count) classes, \(merged.vectorizer.featureCount) features)")
    }
}

extension ModelAveraging.Weighting: ExpressibleByArgument {}
