import Testing
import PrecisEvaluation

/// Metrics scale with the labels present, not with the classes a model declares
/// (issue 16: a 20,000-class model made a 20,000² confusion matrix).
struct ConfusionScalingTests {
    @Test("20,000 declared labels and 5 documents make at most a 10 × 10 matrix")
    func declaredLabelsDoNotCount() {
        let declared = (0..<20_000).map { "class\($0)" }
        let truth = ["class1", "class2", "class3", "class4", "unseen"]
        let predicted = ["class1", "class9", "class3", "class19999", "class5"]
        let m = ClassificationMetrics(trueLabels: truth, predicted: predicted, labels: declared)
        #expect(m.labels.count <= 10)
        #expect(m.confusion.count == m.labels.count)
        #expect(m.perClass.count == m.labels.count)
        #expect(m.unseenLabels == ["unseen"])
        #expect(abs(m.accuracy - 0.4) < 1e-12)
        #expect(m.labels.prefix(2) == ["class1", "class2"])
    }

    @Test("beyond the dense limit the table is omitted, the scores remain")
    func manyLabels() {
        let n = ClassificationMetrics.maximumConfusionLabels + 1
        let labels = (0..<n).map { "l\($0)" }
        let m = ClassificationMetrics(trueLabels: labels, predicted: labels, labels: labels)
        #expect(m.confusion.isEmpty)
        #expect(m.accuracy == 1)
        #expect(m.confusionTable().contains("not shown"))
        #expect(m.perClass.count == n)
    }

    @Test("the report escapes control characters in labels and bounds their width")
    func escapedReport() {
        let long = String(repeating: "x", count: 10_000)
        let m = ClassificationMetrics(trueLabels: ["a\u{1B}[2J", long], predicted: ["a\u{1B}[2J", long], labels: [])
        let report = m.report()
        #expect(!report.contains("\u{1B}"))
        #expect(report.contains("a\\u{1B}[2J"))
        #expect(report.split(separator: "\n").allSatisfy { $0.count < 200 })
        #expect(!m.confusionTable().contains("\u{1B}"))
    }
}
