import Foundation
import Testing
import PrecisEvaluation

struct MultiLabelMetricsTests {
    // scikit-learn on the same binarised sets (labels a, b, c):
    //   y_true = [[1,1,0],[0,0,1],[1,0,1]], y_pred = [[1,0,0],[0,1,1],[1,0,1]]
    //   f1_score micro 0.8, macro 0.5556 ((0.8+0.8+... see below)), samples 0.7778,
    //   accuracy_score 1/3, hamming_loss 2/9.
    @Test("micro, macro, samples F1, subset accuracy and Hamming loss as scikit-learn computes them")
    func values() throws {
        let m = MultiLabelMetrics(trueSets: [["a", "b"], ["c"], ["a", "c"]], predicted: [["a"], ["b", "c"], ["a", "c"]])
        // a: tp 2 → f1 1; b: tp 0, fp 1, fn 1 → 0; c: tp 2 → 1.
        #expect(abs(m.microF1 - 0.8) < 1e-12)
        #expect(abs(m.macroF1 - 2.0 / 3.0) < 1e-12)
        // Documents: 2·1/3, 2·1/3, 1.
        #expect(abs(m.samplesF1 - (2.0 / 3 + 2.0 / 3 + 1) / 3) < 1e-12)
        #expect(abs(m.subsetAccuracy - 1.0 / 3) < 1e-12)
        #expect(abs(m.hammingLoss - 2.0 / 9) < 1e-12)
        #expect(m.perLabel["b"]?.support == 1)
        #expect(m.perLabel["a"]?.precision == 1)
    }

    @Test("JSON keys are exactly the documented ones")
    func keys() throws {
        let m = MultiLabelMetrics(trueSets: [["a"]], predicted: [["a"]])
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(m)) as! [String: Any]
        #expect(Set(object.keys) == ["micro_f1", "macro_f1", "samples_f1", "subset_accuracy", "hamming_loss", "per_label"])
        let perLabel = object["per_label"] as! [String: [String: Any]]
        #expect(Set(perLabel["a"]!.keys) == ["precision", "recall", "f1", "support"])
    }
}
