import Foundation
import Testing
import PrecisClassification
import PrecisFeatures
import PrecisLinearAlgebra

struct ModelAveragingTests {
    static let vectorizer = TfidfModel(configuration: TfidfConfiguration(), vocabulary: ["ball", "bank", "goal"], idf: [1, 2, 3])

    static func classifier(_ labels: [String], weights: [[Float]], bias: [Float], documents: Int,
                           checksum: String, vectorizer: TfidfModel = vectorizer, multiClass: MultiClass = .multinomial) -> TextClassifier {
        var meta = TrainingMetadata(documents: documents, dataChecksum: checksum)
        meta.classCounts = Dictionary(uniqueKeysWithValues: labels.map { ($0, documents / labels.count) })
        meta.trainingAccuracy = 0.5
        return TextClassifier(vectorizer: vectorizer,
                              model: LogisticRegressionModel(weights: Matrix(weights), intercepts: bias, multiClass: multiClass),
                              labels: labels, metadata: meta)
    }

    static let a = classifier(["business", "sport"], weights: [[1, -1], [2, 0], [0, 4]], bias: [0.5, -0.5], documents: 30, checksum: "aa")
    static let b = classifier(["business", "sport"], weights: [[3, 1], [0, 0], [4, 0]], bias: [1.5, 0.5], documents: 10, checksum: "bb")

    @Test("weights and intercepts are the document-weighted mean; uniform weighting the plain mean")
    func weightedMean() throws {
        let merged = try ModelAveraging.average([Self.a, Self.b])
        #expect(merged.labels == ["business", "sport"])
        #expect(Array(merged.model.weights.storage) == [1.5, -0.5, 1.5, 0, 1, 3])   // (30 a + 10 b) / 40
        #expect(merged.model.intercepts == [0.75, -0.25])
        #expect(merged.metadata.documents == 40)
        #expect(merged.metadata.classCounts == ["business": 20, "sport": 20])
        #expect(merged.vectorizer == Self.vectorizer)
        let uniform = try ModelAveraging.average([Self.a, Self.b], weighting: .uniform)
        #expect(Array(uniform.model.weights.storage) == [2, 0, 1, 0, 2, 2])
        #expect(uniform.model.intercepts == [1, 0])
        // One model averages to itself.
        let one = try ModelAveraging.average([Self.a])
        #expect(one.model == Self.a.model)
    }

    @Test("labels are united; each class is averaged over the models that have it")
    func labelUnion() throws {
        let c = Self.classifier(["business", "politics"], weights: [[5, 7], [5, 7], [5, 7]], bias: [1, 2], documents: 10, checksum: "cc")
        let merged = try ModelAveraging.average([Self.a, c])
        #expect(merged.labels == ["business", "politics", "sport"])
        // business: (30·a + 10·c) / 40; politics: c alone; sport: a alone.
        #expect(Array(merged.model.weights.storage) == [2, 7, -1, 2.75, 7, 0, 1.25, 7, 4])
        #expect(merged.model.intercepts == [0.625, 2, -0.5])
    }

    @Test("the same models in any order give the same model file bytes")
    func deterministic() throws {
        let c = Self.classifier(["business", "sport"], weights: [[0.1, 0.2], [0.3, 0.7], [0.11, 0.13]], bias: [0.3, 0.9], documents: 7, checksum: "cc")
        let orders = [[Self.a, Self.b, c], [c, Self.b, Self.a], [Self.b, c, Self.a]]
        let files = try orders.map { try ModelFile.encode(try ModelAveraging.average($0)) }
        #expect(files[0] == files[1] && files[1] == files[2])
    }

    @Test("models with other features, idf, settings or probabilities are refused, naming the model")
    func incompatible() throws {
        var config = TfidfConfiguration()
        config.sublinearTF = true
        let cases: [(TextClassifier, String)] = [
            (Self.classifier(["business", "sport"], weights: [[1, 1], [1, 1]], bias: [0, 0], documents: 5, checksum: "x",
                             vectorizer: TfidfModel(configuration: TfidfConfiguration(), vocabulary: ["ball", "bank"], idf: [1, 2])), "features"),
            (Self.classifier(["business", "sport"], weights: [[1, 1], [1, 1], [1, 1]], bias: [0, 0], documents: 5, checksum: "x",
                             vectorizer: TfidfModel(configuration: TfidfConfiguration(), vocabulary: ["ball", "bank", "goal"], idf: [1, 2, 4])), "idf"),
            (Self.classifier(["business", "sport"], weights: [[1, 1], [1, 1], [1, 1]], bias: [0, 0], documents: 5, checksum: "x",
                             vectorizer: TfidfModel(configuration: config, vocabulary: ["ball", "bank", "goal"], idf: [1, 2, 3])), "weighting"),
            (Self.classifier(["business", "sport"], weights: [[1, 1], [1, 1], [1, 1]], bias: [0, 0], documents: 5, checksum: "x",
                             vectorizer: TfidfModel(configuration: TfidfConfiguration(), vocabulary: ["ball", "bank", "gold"], idf: [1, 2, 3])), "vocabulary"),
            (Self.classifier(["business", "sport"], weights: [[1, 1], [1, 1], [1, 1]], bias: [0, 0], documents: 5, checksum: "x",
                             multiClass: .ovr), "ovr"),
        ]
        for (other, fragment) in cases {
            #expect { try ModelAveraging.average([Self.a, Self.b, other]) } throws: { error in
                (error as? ModelAveragingError)?.part == 2 && "\(error)".contains(fragment)
            }
        }
        #expect(throws: ModelAveragingError.self) { try ModelAveraging.average([]) }
        var multi = Self.a
        multi.multiLabel = MultiLabelDecision(thresholds: [0.5, 0.5], allowEmpty: false)
        #expect(throws: ModelAveragingError.self) { try ModelAveraging.average([Self.a, multi]) }
    }
}
