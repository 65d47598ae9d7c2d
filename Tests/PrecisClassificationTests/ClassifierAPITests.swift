import Foundation
import Testing
import PrecisCore
import PrecisClassification
import PrecisDatasets
import PrecisFeatures
import PrecisTestSupport

/// The classifier's public values: the shipped-model locator, Codable results,
/// the readable model summary and the configuration's range checks.
struct ClassifierAPITests {
    static let models = TestPaths.repositoryRoot.appendingPathComponent("Models")

    static func trained() throws -> TextClassifier {
        let docs = try LabeledDataset.read(path: TestPaths.projectData.appendingPathComponent("fixtures/classification/train.tsv").path)
        var vectorizer = TfidfConfiguration.classifierDefaults
        vectorizer.minDF = .count(1)
        return try TextClassifierTrainer(vectorizer: vectorizer).fit(texts: docs.map(\.text), labels: docs.map(\.label)).classifier
    }

    @Test("the shipped model is found through PRECIS_MODEL_DIR, and a wrong folder is a ModelFileError",
          .enabled(if: FileManager.default.fileExists(atPath: models.appendingPathComponent(ShippedModel.fileName).path)))
    func shippedModel() throws {
        let path = try ShippedModel.path(environment: ["PRECIS_MODEL_DIR": Self.models.path])
        #expect(path == Self.models.appendingPathComponent(ShippedModel.fileName).path)
        #expect(try ShippedModel.load(environment: ["PRECIS_MODEL_DIR": Self.models.path]).labels.contains("sport"))
        let error = #expect(throws: ModelFileError.self) { try ShippedModel.path(environment: ["PRECIS_MODEL_DIR": "/no/such/dir"]) }
        #expect(error?.message.contains("default model") == true)
        // Without the variable, the walk up from the working directory (the package root) finds it.
        #expect(try ShippedModel.path(environment: [:]).hasSuffix("Models/" + ShippedModel.fileName))
    }

    @Test("a classification encodes label and a label → probability object, and decodes back")
    func classificationCodable() throws {
        let classifier = try Self.trained()
        let result = classifier.classify(["Bake the bread in a hot oven."], top: 3)[0]
        #expect(result.probabilities.count == 3 && result.probabilities[0].label == result.label)
        let data = try JSONEncoder().encode(result)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["label"] as? String == result.label)
        #expect((object["probabilities"] as? [String: Double])?.count == 3)
        #expect(try JSONDecoder().decode(TextClassifier.Classification.self, from: data) == result)
    }

    @Test("the model summary has readable snake_case keys and no raw enum encoding")
    func modelSummary() throws {
        let classifier = try Self.trained()
        let summary = ModelSummary(classifier, topTerms: 2)
        #expect(summary.vectorizer.minDF == "1" && summary.vectorizer.maxDF == "1.0")
        #expect(summary.topTerms.count == classifier.labels.count && summary.topTerms.values.allSatisfy { $0.count == 2 })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(summary), as: UTF8.self)
        #expect(!json.contains("_0") && !json.contains("maxDF") && json.contains("\"max_df\":\"1.0\""))
        #expect(json.contains("\"ngram_range\":[1,2]") && json.contains("\"top_terms\""))
        #expect(try JSONDecoder().decode(ModelSummary.self, from: Data(json.utf8)) == summary)
    }

    @Test("validate() names the parameter, the value and what is allowed",
          arguments: [
            (\LogisticRegressionConfiguration.epochs, 0, "epochs", "at least 1"),
            (\LogisticRegressionConfiguration.runs, 65, "runs", "in 1...64"),
            (\LogisticRegressionConfiguration.maxIterations, 0, "maxIterations", "at least 1"),
            (\LogisticRegressionConfiguration.patience, 0, "patience", "at least 1"),
          ])
    func validate(keyPath: WritableKeyPath<LogisticRegressionConfiguration, Int>, value: Int, parameter: String, allowed: String) {
        var config = LogisticRegressionConfiguration()
        config[keyPath: keyPath] = value
        #expect(throws: ConfigurationError(parameter, value, allowed: allowed)) { try config.validate() }
    }

    @Test("regularisation errors name c or alpha; the defaults are valid")
    func regularization() throws {
        var config = LogisticRegressionConfiguration()
        try config.validate()
        config.regularization = .c(-2)
        #expect((#expect(throws: ConfigurationError.self) { try config.validate() })?.parameter == "c")
        config.regularization = .alpha(0)
        #expect((#expect(throws: ConfigurationError.self) { try config.validate() })?.parameter == "alpha")
        config.solver = .lbfgs
        try config.validate()
    }

    @Test("the recorded date follows SOURCE_DATE_EPOCH and a bad value is refused")
    func creationDate() throws {
        #expect(try TrainingMetadata.creationDate(environment: ["SOURCE_DATE_EPOCH": "1767225600"]) == "2026-01-01T00:00:00Z")
        #expect(throws: ConfigurationError.self) { try TrainingMetadata.creationDate(environment: ["SOURCE_DATE_EPOCH": "soon"]) }
        var meta = TrainingMetadata(documents: 1, dataChecksum: "x")
        try meta.recordProvenance(producer: "test", dataPath: "/a/b/train.tsv", environment: ["SOURCE_DATE_EPOCH": "0"])
        #expect(meta.dataFile == "train.tsv" && meta.created == "1970-01-01T00:00:00Z" && meta.producer == "test")
    }
}
