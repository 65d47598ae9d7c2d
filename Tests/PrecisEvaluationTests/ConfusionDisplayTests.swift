import Testing
import PrecisEvaluation

struct ConfusionDisplayTests {
    static func metrics(classes k: Int) -> ClassificationMetrics {
        var truth: [String] = [], predicted: [String] = []
        for c in 0..<k {
            for d in 0..<4 {
                truth.append("c\(c)")
                predicted.append(d == 0 ? "c\((c + 1) % k)" : "c\(c)")
            }
        }
        truth.append("c0"); predicted.append("c1")   // c0 -> c1 twice: the top confusion
        return ClassificationMetrics(trueLabels: truth, predicted: predicted, labels: (0..<k).map { "c\($0)" })
    }

    @Test("auto prints the full matrix up to 20 classes and the top confusions beyond")
    func auto() {
        let small = Self.metrics(classes: 20), large = Self.metrics(classes: 21)
        #expect(small.confusionText(.auto) == small.confusionText(.full))
        #expect(large.confusionText(.auto) == large.confusionText(.top))
        #expect(large.confusionText(.auto).count < large.confusionText(.full).count)
        #expect(small.confusionText(.none).isEmpty)
    }

    @Test("top lists the largest off-diagonal cells first, with their share of the row")
    func top() {
        let m = Self.metrics(classes: 5)
        let cells = m.topConfusions(limit: 3)
        #expect(cells.count == 3)
        #expect(cells[0].trueLabel == "c0" && cells[0].predicted == "c1" && cells[0].count == 2)
        #expect(abs(cells[0].share - 0.4) < 1e-12)
        #expect(cells[1].count == 1 && cells[1].trueLabel == "c1")
        let text = m.confusionText(.top, limit: 2)
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.contains("c0 -> c1: 2 (40.0%)"))
    }
}
