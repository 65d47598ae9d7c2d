import Testing
import PrecisEvaluation

struct CalibrationTests {
    @Test("ECE, Brier score and the reliability table by hand")
    func values() {
        let c = Calibration(probabilities: [[0.9, 0.05, 0.05], [0.6, 0.3, 0.1]], trueClasses: [0, 1])
        #expect(abs(c.ece - 0.35) < 1e-6)
        // (0.1² + 0.05² + 0.05²) and (0.6² + 0.7² + 0.1²), averaged.
        #expect(abs(c.brier - (0.015 + 0.86) / 2) < 1e-6)
        #expect(c.reliability.map(\.count) == [1, 1])
        #expect(c.reliability.map(\.accuracy) == [0, 1])
    }

    @Test("a perfectly calibrated predictor has zero ECE")
    func calibrated() {
        // Four documents at 0.75: three right.
        let rows: [[Float]] = Array(repeating: [0.75, 0.25], count: 4)
        let c = Calibration(probabilities: rows, trueClasses: [0, 0, 0, 1])
        #expect(abs(c.ece) < 1e-9)
    }
}
