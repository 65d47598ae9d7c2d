import Foundation
import Testing
import PrecisCore
import PrecisClassification
import PrecisDatasets
import PrecisEvaluation
import PrecisFeatures
import PrecisTestSupport

/// The classifier workflows of the library: evaluate and cross-validate, each one call.
struct ClassifierWorkflowTests {
    static func fixture(_ name: String) throws -> [LabeledDocument] {
        try LabeledDataset.read(path: TestPaths.projectData.appendingPathComponent("fixtures/classification/\(name)").path)
    }

    static var trainer: TextClassifierTrainer {
        var vectorizer = TfidfConfiguration.classifierDefaults
        vectorizer.minDF = .count(1)
        return TextClassifierTrainer(vectorizer: vectorizer)
    }

    @Test("evaluate scores the classifier's argmax against the true labels, with the log-loss")
    func evaluate() throws {
        let classifier = try Self.trainer.fit(texts: try Self.fixture("train.tsv").map(\.text),
                                              labels: try Self.fixture("train.tsv").map(\.label)).classifier
        let test = try Self.fixture("test.tsv")
        let metrics = try classifier.evaluate(on: test)
        #expect(metrics.n == test.count)
        #expect(metrics.labels == classifier.labels)
        let predicted = classifier.predict(test.map(\.text))
        let correct = zip(predicted, test.map(\.label)).filter { $0 == $1 }.count
        #expect(metrics.accuracy == Double(correct) / Double(test.count))
        // The log-loss is the mean −log p(true label) of the probability matrix.
        let p = classifier.probabilities(test.map(\.text))
        var expected = 0.0
        for (i, doc) in test.enumerated() {
            expected -= log(Double(p[i, try #require(classifier.labels.firstIndex(of: doc.label))]))
        }
        #expect(abs(try #require(metrics.logLoss) - expected / Double(test.count)) < 1e-9)
    }

    @Test("an unseen label counts as an error and a text/label mismatch is refused")
    func unseenAndMismatch() throws {
        let train = try Self.fixture("train.tsv")
        let classifier = try Self.trainer.fit(texts: train.map(\.text), labels: train.map(\.label)).classifier
        let metrics = try classifier.evaluate(texts: ["The team won the match.", "Plant the roses."], labels: ["sport", "gardening"])
        #expect(metrics.unseenLabels == ["gardening"])
        #expect(metrics.accuracy <= 0.5)
        #expect(throws: ClassificationError.self) { try classifier.evaluate(texts: ["a"], labels: []) }
    }

    @Test("cross-validation is deterministic, pools every document once and fits on the training folds only")
    func crossValidate() throws {
        let train = try Self.fixture("train.tsv")
        var folds: [Int] = []
        let a = try Self.trainer.crossValidate(train, folds: 3, seed: 7) { fold, _ in folds.append(fold) }
        let b = try Self.trainer.crossValidate(train, folds: 3, seed: 7)
        #expect(a == b)
        #expect(folds == [0, 1, 2])
        #expect(a.folds.count == 3 && a.pooled.n == train.count)
        #expect(a.folds.map(\.n).reduce(0, +) == train.count)
        let meanAccuracy = a.folds.map(\.accuracy).reduce(0, +) / 3
        #expect(abs(a.mean.accuracy - meanAccuracy) < 1e-12)
        // The summary round-trips through its JSON (pooled metrics at the top level).
        let json = try JSONEncoder().encode(a)
        #expect(try JSONDecoder().decode(CrossValidationSummary.self, from: json) == a)
        let object = try #require(JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["n"] as? Int == train.count && object["folds"] is [Any] && object["macro_f1"] is Double)
        let recorded = TrainingMetadata.CrossValidatedMetrics(a, seed: 7)
        #expect(recorded.folds == 3 && recorded.accuracyMean == a.mean.accuracy)
    }

    @Test("bad folds, options or data are typed errors naming the parameter")
    func crossValidateErrors() throws {
        let train = try Self.fixture("train.tsv")
        #expect(throws: ConfigurationError("folds", "1", allowed: "at least 2")) {
            try Self.trainer.crossValidate(train, folds: 1)
        }
        let tooMany = #expect(throws: ConfigurationError.self) { try Self.trainer.crossValidate(train, folds: train.count + 1) }
        #expect(tooMany?.parameter == "folds")
        var bad = Self.trainer
        bad.classifier.epochs = 0
        let epochs = #expect(throws: ConfigurationError.self) { try bad.crossValidate(train, folds: 3) }
        #expect(epochs?.parameter == "epochs" && epochs?.value == "0")
        #expect(throws: ClassificationError.singleClass("sport")) {
            try Self.trainer.crossValidate(try Self.fixture("one-class.tsv"), folds: 2)
        }
    }
}
