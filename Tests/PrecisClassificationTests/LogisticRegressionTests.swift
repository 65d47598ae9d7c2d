import Foundation
import Testing
import PrecisCore
import PrecisClassification
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisTestSupport

struct LogisticRegressionTests {
    /// Three well separated classes in 6 sparse features, with noise.
    static func toy(seed: UInt64 = 1, perClass: [Int] = [40, 40, 40]) -> (SparseMatrix, [Int]) {
        var rng = SeededGenerator(seed: seed)
        var builder = SparseMatrix.Builder(columns: 6)
        var labels: [Int] = []
        for (c, count) in perClass.enumerated() {
            for _ in 0..<count {
                let a = Float.random(in: 0.5...1, using: &rng), b = Float.random(in: 0...0.4, using: &rng)
                // Class c is signalled by feature 2c, with noise on feature 2c+1 and 5 - 2c.
                var entries = [(Int32(2 * c), a), (Int32(2 * c + 1), b)]
                let noise = Int32(5 - 2 * c)
                if noise != Int32(2 * c + 1) { entries.append((noise, Float.random(in: 0...0.3, using: &rng))) }
                entries.sort { $0.0 < $1.0 }
                builder.appendRow(indices: entries.map(\.0), values: entries.map(\.1))
                labels.append(c)
            }
        }
        return (builder.build(), labels)
    }

    @Test("learns separable classes; probabilities are finite and sum to one")
    func separable() throws {
        let (x, y) = Self.toy()
        let fit = try LogisticRegression().fit(x, labels: y, classCount: 3)
        #expect(fit.model.predict(x) == y)
        let p = fit.model.probabilities(x)
        for i in 0..<p.rows {
            let row = (0..<3).map { p[i, $0] }
            #expect(row.allSatisfy { $0.isFinite && $0 >= 0 })
            #expect(abs(row.reduce(0, +) - 1) < 1e-5)
        }
        #expect(fit.iterations > 0)
    }

    @Test("the same data and configuration give bit-identical weights")
    func deterministic() throws {
        let (x, y) = Self.toy(seed: 5)
        var config = LogisticRegressionConfiguration()
        config.validationFraction = 0.2
        let a = try LogisticRegression(configuration: config).fit(x, labels: y, classCount: 3)
        let b = try LogisticRegression(configuration: config).fit(x, labels: y, classCount: 3)
        #expect(a.model == b.model)
        #expect(a.validationRows == b.validationRows)
        #expect(!a.validationRows.isEmpty)
        #expect(a.validationAccuracy != nil)
    }

    @Test("a stronger penalty gives smaller weights")
    func regularization() throws {
        let (x, y) = Self.toy()
        var weak = LogisticRegressionConfiguration(); weak.regularization = .c(100)
        var strong = LogisticRegressionConfiguration(); strong.regularization = .c(0.01)
        let w1 = try LogisticRegression(configuration: weak).fit(x, labels: y, classCount: 3).model.weights
        let w2 = try LogisticRegression(configuration: strong).fit(x, labels: y, classCount: 3).model.weights
        #expect(BLAS.nrm2(w2.storage) < BLAS.nrm2(w1.storage) / 5)
    }

    @Test("balanced class weights raise the minority class's probability")
    func balanced() throws {
        let (x, y) = Self.toy(seed: 3, perClass: [100, 100, 6])
        var plain = LogisticRegressionConfiguration(); plain.regularization = .c(0.5)
        var balanced = plain; balanced.classWeighting = .balanced
        let p1 = try LogisticRegression(configuration: plain).fit(x, labels: y, classCount: 3).model.probabilities(x)
        let p2 = try LogisticRegression(configuration: balanced).fit(x, labels: y, classCount: 3).model.probabilities(x)
        let minority = y.indices.filter { y[$0] == 2 }
        let mean1 = minority.map { p1[$0, 2] }.reduce(0, +) / Float(minority.count)
        let mean2 = minority.map { p2[$0, 2] }.reduce(0, +) / Float(minority.count)
        #expect(mean2 > mean1)
    }

    @Test("one class, no documents and bad settings are refused")
    func errors() {
        let (x, _) = Self.toy(perClass: [3, 0, 0])
        #expect(throws: ClassificationError.self) { try LogisticRegression().fit(x, labels: [0, 0, 0], classCount: 3) }
        #expect(throws: ClassificationError.emptyTrainingSet) {
            try LogisticRegression().fit(SparseMatrix(rows: 0, columns: 3), labels: [], classCount: 2)
        }
        var bad = LogisticRegressionConfiguration(); bad.regularization = .c(-1)
        #expect(throws: ConfigurationError("c", -1.0, allowed: "a positive number")) { try bad.validate() }
        bad = LogisticRegressionConfiguration(); bad.validationFraction = 1
        #expect(throws: ConfigurationError("validationFraction", 1.0, allowed: "in [0, 1)")) { try bad.validate() }
    }

    @Test("softmax stays finite for huge scores")
    func stableSoftmax() {
        var m = Matrix([[1e30, -1e30, 0], [88, 89, 90], [-1000, -1000, -1000]])
        Softmax.applyToRows(&m)
        #expect(m.storage.allSatisfy { $0.isFinite })
        #expect(m[0, 0] == 1)
        #expect(abs(m[2, 0] - 1.0 / 3.0) < 1e-6)
    }

    @Test("converged probabilities agree with scikit-learn's LogisticRegression(C=10)")
    func scikitLearnParity() throws {
        try Self.checkParity(fixture: "lr-sklearn.json", multiClass: .multinomial)
    }

    @Test("one-vs-rest converged probabilities agree with scikit-learn's OneVsRestClassifier(LogisticRegression(C=10))")
    func scikitLearnOneVsRestParity() throws {
        try Self.checkParity(fixture: "ovr-sklearn.json", multiClass: .ovr)
    }

    @Test("one-vs-rest: both solvers learn the toy classes; probabilities are normalised sigmoids")
    func oneVsRest() throws {
        let (x, y) = Self.toy(seed: 3)
        for solver in Solver.allCases {
            var config = LogisticRegressionConfiguration()
            config.solver = solver
            config.multiClass = .ovr
            config.regularization = .alpha(1e-3)
            let fit = try LogisticRegression(configuration: config).fit(x, labels: y, classCount: 3)
            #expect(fit.model.multiClass == .ovr)
            #expect(fit.model.predict(x) == y, "\(solver)")
            let p = fit.model.probabilities(x)
            let s = fit.model.decisionFunction(x)
            for i in 0..<x.rows {
                let sigmoids = (0..<3).map { 1 / (1 + exp(-Double(s[i, $0]))) }
                let total = sigmoids.reduce(0, +)
                for c in 0..<3 { #expect(abs(Double(p[i, c]) - sigmoids[c] / total) < 1e-5) }
            }
        }
        // Scores far below zero (every sigmoid underflows) still give finite probabilities.
        var m = Matrix(rows: 1, columns: 3, elements: [-200, -210, -400])
        Softmax.logSigmoidRows(&m)
        Softmax.applyToRows(&m)
        #expect(m.storage.allSatisfy { $0.isFinite })
        #expect(m[0, 0] > 0.99)
    }

    static func checkParity(fixture: String, multiClass: MultiClass) throws {
        struct Peer: Decodable { var classes: [String]; var probabilities: [[Double]]; var predicted: [String] }
        let dir = TestPaths.projectData.appendingPathComponent("fixtures/classification")
        let peer = try JSONDecoder().decode(Peer.self, from: Data(contentsOf: dir.appendingPathComponent(fixture)))
        func read(_ name: String) throws -> ([String], [String]) {
            let lines = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            let rows = lines.map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
            return (rows.map { $0[1] }, rows.map { $0[0] })
        }
        let (trainTexts, trainLabels) = try read("train.tsv")
        let (testTexts, _) = try read("test.tsv")
        var config = LogisticRegressionConfiguration()
        config.solver = .lbfgs
        config.regularization = .c(10)
        config.maxIterations = 2000
        config.tolerance = 1e-12
        config.multiClass = multiClass
        let trainer = TextClassifierTrainer(vectorizer: TfidfConfiguration(), classifier: config)
        let classifier = try trainer.fit(texts: trainTexts, labels: trainLabels).classifier
        #expect(classifier.labels == peer.classes)
        #expect(classifier.predict(testTexts) == peer.predicted)
        let p = classifier.probabilities(testTexts)
        for i in 0..<testTexts.count {
            for c in 0..<peer.classes.count {
                #expect(abs(Double(p[i, c]) - peer.probabilities[i][c]) < 5e-3, "row \(i) class \(c)")
            }
        }
    }
}
