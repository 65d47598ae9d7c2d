import Foundation
import Testing
import PrecisEvaluation
import PrecisTestSupport

/// The metrics against numbers scikit-learn computed for the same predictions
/// (Data/fixtures/classification/metrics-sklearn.json, peer version inside).
struct ClassificationMetricsTests {
    struct Fixture: Decodable {
        var labels: [String]
        var y_true: [String]
        var y_pred: [String]
        var true_label_probabilities: [Double]
        var accuracy: Double
        var macro_f1: Double
        var weighted_f1: Double
        var log_loss: Double
        var confusion: [[Int]]
        var precision: [Double]
        var recall: [Double]
        var f1: [Double]
        var support: [Int]
    }

    static func fixture() throws -> Fixture {
        let url = TestPaths.projectData.appendingPathComponent("fixtures/classification/metrics-sklearn.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test("accuracy, F1, log-loss, confusion and per-class scores match scikit-learn")
    func matchesScikitLearn() throws {
        let f = try Self.fixture()
        let m = ClassificationMetrics(trueLabels: f.y_true, predicted: f.y_pred, labels: f.labels,
                                      trueLabelProbabilities: f.true_label_probabilities)
        #expect(abs(m.accuracy - f.accuracy) < 1e-12)
        #expect(abs(m.macroF1 - f.macro_f1) < 1e-12)
        #expect(abs(m.weightedF1 - f.weighted_f1) < 1e-12)
        #expect(abs((m.logLoss ?? 0) - f.log_loss) < 1e-9)
        #expect(m.confusion == f.confusion)
        #expect(m.labels == f.labels)
        #expect(m.unseenLabels.isEmpty)
        for (i, label) in f.labels.enumerated() {
            let c = try #require(m.perClass[label])
            #expect(abs(c.precision - f.precision[i]) < 1e-12)
            #expect(abs(c.recall - f.recall[i]) < 1e-12)
            #expect(abs(c.f1 - f.f1[i]) < 1e-12)
            #expect(c.support == f.support[i])
        }
    }

    @Test("labels the model never saw count as errors and are listed")
    func unseenLabels() {
        let m = ClassificationMetrics(trueLabels: ["a", "b", "zebra"], predicted: ["a", "b", "a"], labels: ["a", "b"],
                                      trueLabelProbabilities: [0.9, 0.8, 0])
        #expect(m.unseenLabels == ["zebra"])
        #expect(m.labels == ["a", "b", "zebra"])
        #expect(abs(m.accuracy - 2.0 / 3.0) < 1e-12)
        #expect(m.perClass["zebra"]?.recall == 0)
        #expect(m.confusion[2] == [1, 0, 0])
        #expect((m.logLoss ?? 0).isFinite)
    }

    @Test("JSON uses the SPEC's keys")
    func jsonKeys() throws {
        let m = ClassificationMetrics(trueLabels: ["a", "b"], predicted: ["a", "a"], labels: ["a", "b"], trueLabelProbabilities: [0.7, 0.4])
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(m)) as? [String: Any])
        for key in ["accuracy", "macro_f1", "weighted_f1", "log_loss", "n", "labels", "per_class", "confusion"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let perClass = try #require(object["per_class"] as? [String: [String: Any]])
        #expect(Set(perClass["a"]!.keys) == ["precision", "recall", "f1", "support"])
    }

    @Test("the text report has one line per class plus accuracy and averages")
    func report() {
        let m = ClassificationMetrics(trueLabels: ["a", "b", "b"], predicted: ["a", "a", "b"], labels: ["a", "b"])
        let text = m.report()
        #expect(text.contains("precision"))
        #expect(text.contains("macro avg"))
        #expect(text.contains("weighted avg"))
        #expect(text.contains("0.6667"))
    }
}

struct CrossValidationTests {
    @Test("stratified folds cover every row once, balance classes, and depend only on the seed")
    func stratifiedFolds() {
        let labels = Array(repeating: "a", count: 30) + Array(repeating: "b", count: 12) + Array(repeating: "c", count: 7)
        let kfold = StratifiedKFold(labels: labels, folds: 5, seed: 7)
        var seen = [Int](repeating: 0, count: labels.count)
        for fold in 0..<5 {
            let (train, test) = kfold.split(fold)
            #expect(train.count + test.count == labels.count)
            for row in test { seen[row] += 1 }
            #expect((9...10).contains(test.count))
            let a = test.filter { labels[$0] == "a" }.count
            #expect(a == 6)
            let b = test.filter { labels[$0] == "b" }.count
            #expect((2...3).contains(b))
        }
        #expect(seen.allSatisfy { $0 == 1 })
        #expect(StratifiedKFold(labels: labels, folds: 5, seed: 7).assignment == kfold.assignment)
        #expect(StratifiedKFold(labels: labels, folds: 5, seed: 8).assignment != kfold.assignment)
    }

    @Test("mean and standard deviation over folds")
    func summary() {
        let good = ClassificationMetrics(trueLabels: ["a", "b"], predicted: ["a", "b"], labels: ["a", "b"])
        let half = ClassificationMetrics(trueLabels: ["a", "b"], predicted: ["a", "a"], labels: ["a", "b"])
        let s = CrossValidationSummary(folds: [good, half], pooled: half)
        #expect(abs(s.mean.accuracy - 0.75) < 1e-12)
        #expect(abs(s.std.accuracy - 0.25) < 1e-12)
    }
}
