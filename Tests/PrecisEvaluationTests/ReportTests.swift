import Foundation
import Testing
import PrecisDatasets
import PrecisSummarization
import PrecisTestSupport
import PrecisEvaluation

struct ReportTests {
    /// Synthetic predictions over `k` classes: mostly right, some confusions with the next class.
    static func predictions(classes k: Int, perClass: Int) -> [ScoredPrediction] {
        var out: [ScoredPrediction] = []
        for c in 0..<k {
            for d in 0..<perClass {
                let wrong = d % 5 == 0
                out.append(ScoredPrediction(text: "document \(d) of class \(c) <b>&amp;</b> \u{1}\u{0}",
                                            trueLabel: "class-\(c)", predicted: wrong ? "class-\((c + 1) % k)" : "class-\(c)",
                                            confidence: wrong ? 0.55 + Double(d % 7) / 20 : 0.7 + Double(d % 5) / 20))
            }
        }
        return out
    }

    static func metrics(_ p: [ScoredPrediction], labels: [String]) -> ClassificationMetrics {
        ClassificationMetrics(trueLabels: p.map(\.trueLabel), predicted: p.map(\.predicted), labels: labels)
    }

    @Test("classification reports at 5 and 90 classes are well-formed XML, self-contained and escape document text",
          arguments: [5, 90])
    func classification(classes k: Int) throws {
        let p = Self.predictions(classes: k, perClass: 10)
        let labels = (0..<k).map { "class-\($0)" }
        let html = ClassificationReport(title: "t <&>", facts: [("model", "m\"x'.precis")], metrics: Self.metrics(p, labels: labels),
                                        predictions: p).html()
        #expect(HTMLChecks.xmlError(html) == nil, "\(HTMLChecks.xmlError(html) ?? "")")
        #expect(!html.contains("<b>&amp;</b>"), "document text must be escaped")
        #expect(html.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http://"))
        #expect(!html.contains("<script"))
        #expect(html.contains("Top confusions"))
        #expect(html.contains("Most confident mistakes"))
        #expect(html.contains("Reliability"))
        // Counts are printed in cells at 5 classes, not at 90 (tooltips instead).
        #expect(html.contains(">8</text>") == (k <= 25))
    }

    @Test("the reliability diagram bins top-class probabilities and computes the ECE")
    func reliability() {
        let p = [ScoredPrediction(text: "", trueLabel: "a", predicted: "a", confidence: 0.95),
                 ScoredPrediction(text: "", trueLabel: "a", predicted: "b", confidence: 0.91),
                 ScoredPrediction(text: "", trueLabel: "a", predicted: "a", confidence: 0.55),
                 ScoredPrediction(text: "", trueLabel: "b", predicted: "b", confidence: 1.0)]
        let d = ReliabilityDiagram(p, bins: 10)
        #expect(d.bins.count == 10)
        #expect(d.bins[9].count == 3)
        #expect(abs(d.bins[9].accuracy - 2.0 / 3) < 1e-12)
        #expect(abs(d.bins[9].meanConfidence - (0.95 + 0.91 + 1.0) / 3) < 1e-12)
        #expect(d.bins[5].count == 1 && d.bins[5].accuracy == 1)
        let expected = 0.75 * abs(2.0 / 3 - (0.95 + 0.91 + 1.0) / 3) + 0.25 * abs(1 - 0.55)
        #expect(abs(d.expectedCalibrationError - expected) < 1e-12)
    }

    @Test("cross-validation and summary reports are well-formed and show folds and highlighted sentences")
    func crossValidationAndSummaries() throws {
        let labels = (0..<4).map { "class-\($0)" }
        let p = Self.predictions(classes: 4, perClass: 10)
        let fold = Self.metrics(p, labels: labels)
        let cv = CrossValidationReport(title: "cv", summary: CrossValidationSummary(folds: [fold, fold, fold], pooled: fold),
                                       predictions: p).html()
        #expect(HTMLChecks.xmlError(cv) == nil, "\(HTMLChecks.xmlError(cv) ?? "")")
        #expect(cv.contains("fold 3"))

        let records = try SummaryRecordReader.read(path: TestPaths.projectData.appendingPathComponent("fixtures/summaries/samples.jsonl").path)
        let (result, documents) = try Summarizer().evaluateDocuments(on: records, length: .fixed(.sentences(2)))
        #expect(documents.count == records.count)
        #expect(documents.allSatisfy { d in d.selected.count <= 2 && d.selected.allSatisfy { $0 < d.articleSentences.count } })
        let mean = documents.map(\.scores.rouge1.f1).reduce(0, +) / Double(documents.count)
        #expect(abs(mean - result.mean.rouge1.f1) < 1e-12)
        let html = SummaryReport(title: "s", result: result, documents: documents).html()
        #expect(HTMLChecks.xmlError(html) == nil, "\(HTMLChecks.xmlError(html) ?? "")")
        #expect(html.contains("<mark>"))
        #expect(html.contains("ROUGE-2 F1 per document"))
    }
}
