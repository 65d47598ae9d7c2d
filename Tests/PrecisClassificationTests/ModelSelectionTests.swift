import Foundation
import Testing
import PrecisCore
import PrecisClassification
import PrecisDatasets
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisTestSupport

/// The training-time search (``HyperparameterSearch``): folds, temperature fit, the
/// recorded choice, and how a temperature reaches the probabilities.
struct ModelSelectionTests {
    static func fixture() throws -> (texts: [String], labels: [String]) {
        let docs = try LabeledDataset.read(path: TestPaths.projectData.appendingPathComponent("fixtures/classification/train.tsv").path)
        return (docs.map(\.text), docs.map(\.label))
    }

    static func vectorizer() -> TfidfConfiguration {
        var v = TfidfConfiguration.classifierDefaults
        v.minDF = .count(1)
        return v
    }

    @Test("stratified folds: every row in one fold, classes spread evenly, sizes within one")
    func folds() {
        let labels = (0..<103).map { $0 % 4 == 0 ? 0 : ($0 % 3) + 1 }
        let folds = StratifiedFolds(labels: labels, folds: 3, seed: 9)
        let held = (0..<3).map { folds.heldOut($0) }
        #expect(Set(held.flatMap { $0 }).count == labels.count && held.map(\.count).reduce(0, +) == labels.count)
        #expect((held.map(\.count).max()! - held.map(\.count).min()!) <= 1)
        for c in Set(labels) {
            let perFold = held.map { rows in rows.filter { labels[$0] == c }.count }
            #expect(perFold.max()! - perFold.min()! <= 1, "class \(c): \(perFold)")
        }
        #expect(folds.training(1).count + held[1].count == labels.count)
        #expect(StratifiedFolds(labels: labels, folds: 3, seed: 9) == folds)
    }

    @Test("the temperature minimum is refined between grid points and found at T = 1 for a curve centred there")
    func temperatureMinimum() {
        let grid = TemperatureScaling.grid
        let centred = grid.map { pow(log2($0), 2) + 5 }
        let (t, loss) = TemperatureScaling.minimum(of: centred)
        #expect(abs(t - 1) < 1e-9 && abs(loss - 5) < 1e-9)
        // Off-grid minimum at log2 T = 0.6: the parabola through three points of a parabola is exact.
        let shifted = grid.map { pow(log2($0) - 0.6, 2) }
        let fitted = TemperatureScaling.minimum(of: shifted)
        #expect(abs(log2(fitted.temperature) - 0.6) < 1e-9 && abs(fitted.loss) < 1e-9)
        #expect(grid[TemperatureScaling.unitIndex] == 1)
    }

    @Test("walking downhill finds the same refined minimum as the whole curve, from any start, with few evaluations")
    func temperatureDescent() {
        let grid = TemperatureScaling.grid
        for centre in [-3.7, -0.6, 0.0, 0.45, 2.2, 5.0] {
            let curve = grid.map { pow(log2($0) - centre, 2) + 0.1 * abs(log2($0) - centre) + 1 }
            let whole = TemperatureScaling.minimum(of: curve)
            for start in [0, 5, TemperatureScaling.unitIndex, 27, grid.count - 1] {
                var asked = Set<Int>()
                let walked = TemperatureScaling.descend(from: start) { asked.insert($0); return curve[$0] }
                #expect(walked.temperature == whole.temperature && walked.loss == whole.loss, "centre \(centre) start \(start)")
                #expect(curve[walked.index] == curve.min())
                #expect(asked.count <= abs(walked.index - start) + 3)
            }
        }
        // Minimum on the grid's edge: no parabola, the edge point itself.
        let falling = grid.map { -log2($0) }
        let edge = TemperatureScaling.descend(from: 3) { falling[$0] }
        #expect(edge.index == grid.count - 1 && edge.temperature == grid.last!)
    }

    @Test("a lazily evaluated loss curve equals the eagerly accumulated one")
    func lazyLossCurve() {
        let labels = (0..<60).map { $0 % 3 }
        let scores = (0..<180).map { Double(($0 * 7919) % 23) / 4 - 2 }
        for multiClass in [MultiClass.multinomial, .ovr] {
            var eager = [Double](repeating: 0, count: TemperatureScaling.grid.count)
            let floats = scores.map { Double(Float($0)) }
            floats.withUnsafeBufferPointer {
                TemperatureScaling.accumulate(scores: $0, labels: labels, classes: 3, multiClass: multiClass, into: &eager)
            }
            let lazy = LossCurve(scores: ContiguousArray(scores.map { Float($0) }), labels: labels, classes: 3, multiClass: multiClass)
            for t in [0, 9, TemperatureScaling.unitIndex, 32] { #expect(abs(lazy.loss(at: t) - eager[t]) <= 1e-9 * eager[t]) }
            let pooled = LossCurve.minimum(of: [lazy, lazy], from: TemperatureScaling.unitIndex)
            let whole = TemperatureScaling.minimum(of: eager.map { 2 * $0 })
            #expect(abs(pooled.loss - whole.loss) <= 1e-9 * whole.loss && abs(pooled.temperature - whole.temperature) < 1e-9)
        }
    }

    @Test("over-confident scores get T > 1, under-confident ones T < 1")
    func temperatureDirection() {
        // Two classes; 80% of documents have the larger score on the true class.
        let labels = (0..<100).map { $0 % 2 }
        func curve(margin: Double) -> [Double] {
            var scores: [Double] = []
            for (i, y) in labels.enumerated() {
                let right = i % 5 != 0
                let winner = right ? y : 1 - y
                scores += winner == 0 ? [margin, 0] : [0, margin]
            }
            var c = [Double](repeating: 0, count: TemperatureScaling.grid.count)
            scores.withUnsafeBufferPointer {
                TemperatureScaling.accumulate(scores: $0, labels: labels, classes: 2, multiClass: .multinomial, into: &c)
            }
            return c
        }
        // The calibrated margin is log(0.8 / 0.2) ≈ 1.386: a margin of 8 is over-confident, 0.5 under-confident.
        let hot = TemperatureScaling.minimum(of: curve(margin: 8)).temperature
        let cold = TemperatureScaling.minimum(of: curve(margin: 0.5)).temperature
        #expect(abs(hot - 8 / log(4.0)) / hot < 0.02, "\(hot)")
        #expect(cold < 1, "\(cold)")
    }

    @Test("the search picks a strategy and a penalty from its grid and an epoch count in range, deterministically, and records it")
    func searchRecordsChoice() throws {
        let (texts, labels) = try Self.fixture()
        let trainer = TextClassifierTrainer(vectorizer: Self.vectorizer())
        let a = try trainer.fit(texts: texts, labels: labels).classifier
        let b = try trainer.fit(texts: texts, labels: labels).classifier
        let report = try #require(a.metadata.selection)
        let search = HyperparameterSearch()
        #expect(search.alphas.contains(report.alpha))
        #expect((search.minEpochs...search.maxEpochs!).contains(report.epochs))
        #expect(search.multiClasses.contains(report.multiClass))
        #expect(report.tunedMultiClass && report.tunedAlpha && report.tunedEpochs && report.folds == 3 && report.documents == texts.count)
        // Every strategy with every penalty, strategy-major.
        #expect(report.candidates.map(\.alpha) == search.multiClasses.flatMap { _ in search.alphas })
        #expect(report.candidates.map(\.multiClass) == search.multiClasses.flatMap { m in search.alphas.map { _ in m } })
        let chosen = try #require(report.candidates.first { $0.alpha == report.alpha && $0.multiClass == report.multiClass })
        #expect(chosen.folds == 3)
        // The choice has the lowest calibrated loss of the candidates scored on every fold,
        // and the calibrated loss never exceeds the plain one.
        #expect(report.candidates.filter { $0.folds == 3 }.allSatisfy { $0.calibratedLogLoss >= chosen.calibratedLogLoss })
        #expect(report.candidates.allSatisfy { $0.calibratedLogLoss <= $0.logLoss + 1e-12 })
        #expect(report.logLossAfter <= report.logLossBefore)
        #expect(a.metadata.classifier.regularization == .alpha(report.alpha) && a.metadata.classifier.epochs == report.epochs)
        #expect(a.metadata.classifier.multiClass == report.multiClass && a.model.multiClass == report.multiClass)
        #expect(a.model.temperature == Float(report.temperature))
        #expect(try ModelFile.encode(a) == ModelFile.encode(b))
    }

    @Test("over its weight budget the search runs one strategy after the other and still reports every candidate in grid order")
    func searchInWaves() throws {
        let (texts, labels) = try Self.fixture()
        var waves = HyperparameterSearch()
        waves.concurrentWeights = 0
        let trainer = TextClassifierTrainer(vectorizer: Self.vectorizer(), selection: waves)
        let a = try trainer.fit(texts: texts, labels: labels).classifier
        let b = try trainer.fit(texts: texts, labels: labels).classifier
        #expect(try ModelFile.encode(a) == ModelFile.encode(b))
        let report = try #require(a.metadata.selection)
        #expect(report.candidates.map(\.multiClass) == waves.multiClasses.flatMap { m in waves.alphas.map { _ in m } })
        #expect(report.candidates.map(\.alpha) == waves.multiClasses.flatMap { _ in waves.alphas })
        let chosen = try #require(report.candidates.first { $0.alpha == report.alpha && $0.multiClass == report.multiClass })
        #expect(chosen.folds == 3)
        #expect(report.candidates.filter { $0.folds == 3 }.allSatisfy { $0.calibratedLogLoss >= chosen.calibratedLogLoss })
        // Negative budgets are refused by name.
        waves.concurrentWeights = -1
        #expect(throws: ConfigurationError.self) { try waves.validate() }
    }

    @Test("a given strategy, penalty and epoch count are kept; the search then only fits the temperature")
    func givenValuesAreKept() throws {
        let (texts, labels) = try Self.fixture()
        var search = HyperparameterSearch()
        search.alphas = []
        search.multiClasses = []
        search.maxEpochs = nil
        var config = LogisticRegressionConfiguration()
        config.regularization = .alpha(2e-5)
        config.epochs = 4
        let classifier = try TextClassifierTrainer(vectorizer: Self.vectorizer(), classifier: config, selection: search)
            .fit(texts: texts, labels: labels).classifier
        let report = try #require(classifier.metadata.selection)
        #expect(!report.tunedMultiClass && !report.tunedAlpha && !report.tunedEpochs && report.alpha == 2e-5 && report.epochs == 4)
        #expect(report.multiClass == .multinomial && report.candidates.count == 1)
        #expect(classifier.metadata.classifier.regularization == .alpha(2e-5) && classifier.metadata.classifier.epochs == 4)
        // Off: no record, no temperature.
        let off = try TextClassifierTrainer(vectorizer: Self.vectorizer(), classifier: config, selection: .off)
            .fit(texts: texts, labels: labels).classifier
        #expect(off.metadata.selection == nil && off.model.temperature == 1)
        #expect(off.model.weights == classifier.model.weights, "the search does not change a fully given fit")
    }

    @Test("a temperature changes the probabilities, not the predictions, and survives the model file")
    func temperatureInModel() throws {
        let (texts, labels) = try Self.fixture()
        var classifier = try TextClassifierTrainer(vectorizer: Self.vectorizer(), selection: .off).fit(texts: texts, labels: labels).classifier
        let probe = ["Bake the bread in a hot oven.", "The striker scored twice in the second half."]
        let before = classifier.probabilities(probe)
        let predicted = classifier.predict(probe)
        classifier.model.temperature = 2
        let after = classifier.probabilities(probe)
        #expect(classifier.predict(probe) == predicted)
        for i in 0..<probe.count {
            let k = classifier.labels.count
            let top = (0..<k).max { before[i, $0] < before[i, $1] }!
            #expect(after[i, top] < before[i, top], "a higher temperature lowers the top probability")
        }
        // Float32 weights round-trip exactly; the default int8 weights keep the temperature
        // and the probabilities within quantisation error.
        let exact = try ModelFile.encode(classifier, weights: .float32)
        let read = try exact.withUnsafeBytes { try ModelFile.decode($0, path: "t.precis") }
        #expect(read.model.temperature == 2 && read.probabilities(probe) == after)
        let compact = try ModelFile.encode(classifier)
        let small = try compact.withUnsafeBytes { try ModelFile.decode($0, path: "t.precis") }
        let approximate = small.probabilities(probe)
        #expect(small.model.temperature == 2 && small.predict(probe) == predicted)
        for i in 0..<probe.count {
            for c in 0..<classifier.labels.count { #expect(abs(approximate[i, c] - after[i, c]) < 0.01) }
        }
    }

    @Test("search settings are range-checked", arguments: ["folds", "alphas", "maxEpochs", "survivors"])
    func validation(parameter: String) {
        var search = HyperparameterSearch()
        switch parameter {
        case "folds": search.folds = 1
        case "alphas": search.alphas = [0]
        case "maxEpochs": search.maxEpochs = 0
        default: search.survivors = 0
        }
        let error = #expect(throws: ConfigurationError.self) { try search.validate() }
        #expect(error?.parameter == parameter)
    }
}
