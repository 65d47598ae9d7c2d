import Foundation
import Testing
import PrecisClassification
import PrecisFeatures
import PrecisLinearAlgebra

/// A small synthetic multi-label corpus: three topics with their own words; a third
/// of the documents mix two topics and carry both labels.
enum MultiLabelFixture {
    static let words = [
        "sport": ["match", "goal", "striker", "league", "coach", "referee", "stadium", "penalty"],
        "money": ["shares", "profit", "bank", "market", "investors", "dividend", "earnings", "stock"],
        "tech": ["software", "chip", "startup", "internet", "computer", "robot", "app", "server"],
    ]
    static let filler = ["the", "a", "of", "and", "today", "said", "new", "report", "week", "people"]

    /// `count` documents, deterministic.
    static func documents(_ count: Int, seed: UInt64 = 7) -> (texts: [String], labels: [[String]]) {
        var rng = SeededLCG(seed)
        let topics = words.keys.sorted()
        var texts: [String] = [], labels: [[String]] = []
        for i in 0..<count {
            var chosen = [topics[i % 3]]
            if i % 3 == 1 { chosen.append(topics[(i + 1) % 3]) }
            var tokens: [String] = []
            for _ in 0..<12 {
                let topic = chosen[rng.next(chosen.count)]
                tokens.append(words[topic]![rng.next(8)])
                tokens.append(filler[rng.next(filler.count)])
            }
            texts.append(tokens.joined(separator: " "))
            labels.append(chosen)
        }
        return (texts, labels)
    }
}

struct SeededLCG {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

struct MultiLabelTests {
    @Test("iterative stratification puts every label in every fold and balances the sizes")
    func stratification() {
        var sets: [[Int]] = []
        for i in 0..<300 { sets.append(i % 10 == 0 ? [0, 3] : i % 7 == 0 ? [1] : i % 2 == 0 ? [2] : [2, 4]) }
        let split = IterativeStratification(labelSets: sets, folds: 3, seed: 1)
        #expect(split.assignment.allSatisfy { (0..<3).contains($0) })
        let sizes = (0..<3).map { f in split.assignment.filter { $0 == f }.count }
        #expect(sizes.max()! - sizes.min()! <= 2, "\(sizes)")
        for label in 0..<5 {
            let total = sets.filter { $0.contains(label) }.count
            for f in 0..<3 {
                let inFold = (0..<sets.count).filter { split.assignment[$0] == f && sets[$0].contains(label) }.count
                #expect(abs(Double(inFold) - Double(total) / 3) <= 1.5, "label \(label) fold \(f): \(inFold) of \(total)")
            }
        }
        #expect(IterativeStratification(labelSets: sets, folds: 3, seed: 1).assignment == split.assignment)
    }

    @Test("the best F1 cut lies between the last positive kept and the next score")
    func bestCut() {
        let scored: [(Float, Bool)] = [(0.9, true), (0.8, true), (0.6, false), (0.4, true), (0.2, false), (0.1, false)]
        let cut = ThresholdSelection.bestCut(scored)
        // F1 = 2TP / (predicted + actual): the top 4 give 6/7, the top 2 give 4/5.
        #expect(abs(cut.threshold - 0.3) < 1e-6)
        #expect(abs(cut.f1 - 6.0 / 7.0) < 1e-9)
    }

    @Test("a decision never returns an empty set unless allowed")
    func decision() {
        let strict = MultiLabelDecision(thresholds: [0.4, 0.3, 0.5], allowEmpty: false)
        #expect(strict.labels(probabilities: [Float(0.9), 0.35, 0.1]) == [0, 1])
        #expect(strict.labels(probabilities: [Float(0.1), 0.2, 0.3]) == [2], "none passes: the most probable")
        let loose = MultiLabelDecision(thresholds: [0.4, 0.3, 0.5], allowEmpty: true)
        #expect(loose.labels(probabilities: [Float(0.1), 0.2, 0.3]).isEmpty)
    }

    @Test("trains on a multi-label corpus, predicts both labels of mixed documents, and survives a model file")
    func trainsAndRoundTrips() throws {
        let train = MultiLabelFixture.documents(240)
        let test = MultiLabelFixture.documents(60, seed: 99)
        var vectorizer = TfidfConfiguration.classifierDefaults
        vectorizer.minDF = .count(1)
        let result = try MultiLabelTrainer(vectorizer: vectorizer).fit(texts: train.texts, labelSets: train.labels)
        let classifier = result.classifier
        #expect(classifier.isMultiLabel)
        #expect(classifier.labels == ["money", "sport", "tech"])
        #expect(classifier.model.classCount == 3, "one binary model per label, not per label combination")
        let predicted = classifier.classifyMultiLabel(test.texts)
        var exact = 0
        for (p, truth) in zip(predicted, test.labels) where Set(p.labels.map(\.label)) == Set(truth) { exact += 1 }
        #expect(Double(exact) / Double(test.texts.count) >= 0.9, "\(exact) of \(test.texts.count) label sets exactly right")
        #expect(predicted.allSatisfy { !$0.labels.isEmpty })
        #expect(classifier.multiLabel?.selection?.candidates.isEmpty == false)

        let bytes = try ModelFile.encode(classifier)
        let again = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(again.multiLabel == classifier.multiLabel)
        // The file keeps 8-bit weights: the same label sets, probabilities within 1%.
        let reread = again.classifyMultiLabel(test.texts)
        #expect(zip(reread, predicted).allSatisfy { a, b in
            a.labels.map(\.label) == b.labels.map(\.label)
                && zip(a.probabilities, b.probabilities).allSatisfy { abs($0 - $1) <= 0.01 }
        })
        #expect(try ModelFile.encode(again) == bytes, "re-encoding a read model gives the same bytes")
        // Deterministic: the same data and options give the same bytes.
        let twice = try MultiLabelTrainer(vectorizer: vectorizer).fit(texts: train.texts, labelSets: train.labels)
        #expect(try ModelFile.encode(twice.classifier) == bytes)
    }

    @Test("a model file with a wrong number of thresholds is refused")
    func wrongThresholds() throws {
        let train = MultiLabelFixture.documents(90)
        var vectorizer = TfidfConfiguration.classifierDefaults
        vectorizer.minDF = .count(1)
        var config = MultiLabelConfiguration()
        config.alpha = 1e-4
        var classifier = try MultiLabelTrainer(vectorizer: vectorizer, configuration: config)
            .fit(texts: train.texts, labelSets: train.labels).classifier
        classifier.multiLabel?.thresholds.removeLast()
        let bytes = try ModelFile.encode(classifier)
        #expect(throws: ModelFileError.self) { try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") } }
    }
}
