import Foundation
import Testing
import PrecisClassification
import PrecisFeatures
import PrecisTestSupport
import PrecisEvaluation

struct MultiLabelReportTests {
    /// Three topics with their own words; every third document mixes two and has both labels.
    static func documents(_ count: Int, seed: UInt64) -> (texts: [String], labels: [[String]]) {
        let words = [["match", "goal", "striker", "league", "coach", "referee"],
                     ["shares", "profit", "bank", "market", "investors", "dividend"],
                     ["software", "chip", "startup", "internet", "computer", "robot"]]
        let names = ["sport", "money", "tech"]
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var texts: [String] = [], labels: [[String]] = []
        for i in 0..<count {
            var topics = [i % 3]
            if i % 3 == 1 { topics.append((i + 1) % 3) }
            texts.append((0..<10).map { _ in words[topics[next(topics.count)]][next(6)] + " the" }.joined(separator: " ")
                         + (i == 4 ? " <b>&amp;</b>" : ""))
            labels.append(topics.map { names[$0] })
        }
        return (texts, labels)
    }

    static func classifier() throws -> TextClassifier {
        let train = documents(150, seed: 1)
        var vectorizer = TfidfConfiguration.classifierDefaults
        vectorizer.minDF = .count(1)
        return try MultiLabelTrainer(vectorizer: vectorizer).fit(texts: train.texts, labelSets: train.labels).classifier
    }

    @Test("evaluateMultiLabel gives the metrics of classifyMultiLabel, in blocks that change no probability, with progress per block")
    func evaluation() throws {
        let classifier = try Self.classifier()
        let test = Self.documents(2500, seed: 2)   // more than one block of 2048 documents
        var reports: [(Int, Int)] = []
        let e = classifier.evaluateMultiLabel(texts: test.texts, labelSets: test.labels) { reports.append(($0, $1)) }
        #expect(reports.map(\.0) == [2048, 2500] && reports.allSatisfy { $0.1 == 2500 })
        let direct = classifier.classifyMultiLabel(test.texts)
        #expect(e.predictions.map { $0.predicted } == direct.map(\.labels))
        #expect(e.metrics == MultiLabelMetrics(trueSets: test.labels, predicted: direct.map { $0.labels.map(\.label) },
                                               labels: classifier.labels))
        #expect(e.reliability.bins.map(\.count).reduce(0, +) == 2500 * classifier.labels.count)
        // A mistake's surest wrong decision is a label that is wrongly in or out of the predicted set.
        for p in e.predictions {
            let truth = Set(p.trueLabels), guess = Set(p.predicted.map(\.label))
            #expect(p.isExact == (truth == guess))
            if let m = p.worstMistake { #expect(truth.symmetricDifference(guess).contains(m.label) && m.missed == truth.contains(m.label)) }
        }
    }

    @Test("the multi-label report is well-formed XML, self-contained, escapes text and shows F1 by support at 90 labels")
    func report() throws {
        let classifier = try Self.classifier()
        let test = Self.documents(60, seed: 3)
        // A label the model never saw is counted as missed.
        var labels = test.labels
        labels[0].append("unseen & <odd>")
        let e = classifier.evaluateMultiLabel(texts: test.texts, labelSets: labels)
        #expect(e.predictions[0].worstMistake?.label == "unseen & <odd>")
        let html = MultiLabelReport(title: "ml <&>", facts: [("model", "m.precis")], evaluation: e).html()
        #expect(HTMLChecks.xmlError(html) == nil, "\(HTMLChecks.xmlError(html) ?? "")")
        for section in ["micro F1", "samples F1", "Per-label F1 by support", "Reliability", "Most confident mistakes", "<circle"] {
            #expect(html.contains(section), "missing \(section)")
        }
        #expect(!html.contains("<b>&amp;</b>") && !html.contains("<script"))

        // 90 labels with supports from 1 to 90, every third document of a label missed:
        // every label has a point, the chart stays one SVG.
        var truth: [[String]] = [], guesses: [[String]] = []
        for k in 0..<90 {
            for d in 0...k {
                truth.append(["label-\(k)"])
                guesses.append(d % 3 == 2 ? ["label-\((k + 1) % 90)"] : ["label-\(k)"])
            }
        }
        let many = MultiLabelMetrics(trueSets: truth, predicted: guesses)
        let svg = SVGChart.f1BySupport(many.perLabel.map { (label: $0.key, metrics: $0.value) })
        #expect(HTMLChecks.xmlError(svg) == nil)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 90 + 3)   // 90 points and 3 legend marks
        let cv = MultiLabelCrossValidationReport(title: "cv", folds: [e.metrics, e.metrics], pooled: e).html()
        #expect(HTMLChecks.xmlError(cv) == nil && cv.contains("Per-fold scores") && cv.contains("fold 2"))
    }

    @Test("a reliability diagram of (probability, outcome) pairs bins and weighs them like top-class predictions")
    func pairs() {
        let d = ReliabilityDiagram(pairs: [(0.05, false), (0.02, false), (0.08, true), (0.95, true)], bins: 10)
        #expect(d.bins[0].count == 3 && abs(d.bins[0].accuracy - 1.0 / 3) < 1e-12)
        #expect(d.bins[9].count == 1 && d.bins[9].accuracy == 1)
        let expected = 0.75 * abs(1.0 / 3 - 0.05) + 0.25 * abs(1 - 0.95)
        #expect(abs(d.expectedCalibrationError - expected) < 1e-12)
    }
}
