import Foundation
import Testing
import PrecisClassification
import PrecisFeatures
import PrecisTestSupport

/// Fits that diverge end with an error naming the cause and the option to
/// change; they never become a model (issue 16).
struct TrainingDivergenceTests {
    static func data() throws -> (texts: [String], labels: [String]) {
        let url = TestPaths.projectData.appendingPathComponent("fixtures/classification/train.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
        return (rows.map { $0[1] }, rows.map { $0[0] })
    }

    static func failure(_ configure: (inout LogisticRegressionConfiguration) -> Void) throws -> TrainingError? {
        var configuration = LogisticRegressionConfiguration()
        configure(&configuration)
        var vectorizer = TfidfConfiguration.classifierDefaults
        vectorizer.minDF = .count(1)
        let (texts, labels) = try data()
        do {
            _ = try TextClassifierTrainer(vectorizer: vectorizer, classifier: configuration).fit(texts: texts, labels: labels)
            return nil
        } catch let error as TrainingError {
            return error
        }
    }

    @Test("--intercept-step 1e300 diverges and names --intercept-step")
    func interceptStep() throws {
        let error = try #require(try Self.failure { $0.interceptStep = 1e300 })
        #expect(error.kind == .diverged)
        #expect(error.description.contains("--intercept-step"))
        #expect(error.description.contains("no model was written"))
    }

    @Test("a vanishing SGD penalty diverges and names --alpha")
    func tinyAlpha() throws {
        let error = try #require(try Self.failure { $0.regularization = .alpha(1e-300) })
        #expect(error.kind == .diverged)
        #expect(error.description.contains("--alpha"))
    }

    @Test("the default fit is finite")
    func defaults() throws {
        #expect(try Self.failure { _ in } == nil)
    }

    @Test("classes × features over the limit is refused before the weights are allocated")
    func tooLarge() throws {
        let (texts, labels) = try Self.data()
        var trainer = TextClassifierTrainer()
        trainer.maximumWeightCount = 10
        #expect(throws: TrainingError.self) { try trainer.fit(texts: texts, labels: labels) }
    }
}
