import Foundation
import Testing
import PrecisClassification
import PrecisFeatures
import PrecisLinearAlgebra

struct WarmStartTests {
    static func classifier(epochs: Int) -> TextClassifier {
        var meta = TrainingMetadata(documents: 4, dataChecksum: "x")
        meta.iterations = epochs
        return TextClassifier(vectorizer: TfidfModel(configuration: TfidfConfiguration(), vocabulary: ["a", "b"], idf: [1, 1]),
                              model: LogisticRegressionModel(weights: Matrix([[1, 2], [3, 4]]), intercepts: [5, 6]),
                              labels: ["cats", "dogs"], metadata: meta)
    }

    @Test("a model's columns go to its labels' places among the fit's labels; new labels start at zero")
    func labelLayout() throws {
        let start = try WarmStart(Self.classifier(epochs: 5), labels: ["ants", "cats", "dogs"])
        #expect(Array(start.weights.storage) == [0, 1, 2, 0, 3, 4])
        #expect(start.intercepts == [0, 5, 6])
        #expect(start.epochs == 5)
        #expect(throws: ClassificationError.self) { try WarmStart(Self.classifier(epochs: 5), labels: ["cats"]) }
    }

    @Test("an SGD fit starts from the warm start, late in its schedule; a wrong shape is refused")
    func startsThere() throws {
        var builder = SparseMatrix.Builder(columns: 2)
        for i in 0..<40 { builder.appendRow(indices: [Int32(i % 2)], values: [1]) }
        let x = builder.build(), y = (0..<40).map { $0 % 2 }
        var config = LogisticRegressionConfiguration()
        config.epochs = 1
        config.averagedEpochs = 1
        config.runs = 1
        let trained = WarmStart(weights: Matrix([[4, -4], [-4, 4]]), intercepts: [0, 0], epochs: 100_000)
        let fit = try LogisticRegression(configuration: config).fit(x, labels: y, classCount: 2, warmStart: trained)
        #expect(fit.model.predict(x) == y)
        let moved = zip(fit.model.weights.storage, trained.weights.storage).map { abs($0 - $1) }.max() ?? 1
        #expect(moved < 0.5, "late in the schedule the steps are small: moved \(moved)")
        let cold = try LogisticRegression(configuration: config).fit(x, labels: y, classCount: 2)
        let coldMoved = zip(cold.model.weights.storage, trained.weights.storage).map { abs($0 - $1) }.max() ?? 0
        #expect(coldMoved > moved, "from zero the fit ends elsewhere")
        let wrong = WarmStart(weights: Matrix([[1, 2, 3]]), intercepts: [0, 0, 0], epochs: 0)
        #expect(throws: ClassificationError.self) {
            try LogisticRegression(configuration: LogisticRegressionConfiguration()).fit(x, labels: y, classCount: 2, warmStart: wrong)
        }
    }
}
