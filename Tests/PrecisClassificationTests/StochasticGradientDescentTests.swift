import Foundation
import Testing
import PrecisCore
import PrecisClassification
import PrecisFeatures
import PrecisLinearAlgebra

struct StochasticGradientDescentTests {
    static func sgd(alpha: Double = 1e-3, epochs: Int = 15, seed: UInt64 = 42) -> LogisticRegressionConfiguration {
        var config = LogisticRegressionConfiguration()
        config.solver = .sgd
        config.regularization = .alpha(alpha)
        config.epochs = epochs
        config.seed = seed
        return config
    }

    @Test("SGD separates the toy classes and reports its epochs")
    func converges() throws {
        let (x, y) = LogisticRegressionTests.toy()
        let fit = try LogisticRegression(configuration: Self.sgd()).fit(x, labels: y, classCount: 3)
        #expect(fit.model.predict(x) == y)
        #expect(fit.iterations == 15)
        #expect(fit.loss.isFinite && fit.loss > 0)
        let p = fit.model.probabilities(x)
        #expect(p.storage.allSatisfy { $0.isFinite && $0 >= 0 })
        // Most documents are classified with confidence.
        let confident = y.indices.filter { p[$0, y[$0]] > 0.8 }.count
        #expect(confident > y.count * 9 / 10)
    }

    @Test("more epochs lower the training objective")
    func objectiveFalls() throws {
        let (x, y) = LogisticRegressionTests.toy(seed: 7)
        let short = try LogisticRegression(configuration: Self.sgd(epochs: 1)).fit(x, labels: y, classCount: 3)
        let long = try LogisticRegression(configuration: Self.sgd(epochs: 30)).fit(x, labels: y, classCount: 3)
        #expect(long.loss < short.loss)
    }

    @Test("same data, options and seed give bit-identical weights; another seed another order")
    func deterministic() throws {
        let (x, y) = LogisticRegressionTests.toy(seed: 5)
        let a = try LogisticRegression(configuration: Self.sgd()).fit(x, labels: y, classCount: 3)
        let b = try LogisticRegression(configuration: Self.sgd()).fit(x, labels: y, classCount: 3)
        #expect(a.model == b.model)
        let c = try LogisticRegression(configuration: Self.sgd(seed: 7)).fit(x, labels: y, classCount: 3)
        #expect(a.model != c.model)
        #expect(c.model.predict(x) == a.model.predict(x))
    }

    @Test("averaged runs: deterministic, different from one run, and the mean of the single runs")
    func averagedRuns() throws {
        let (x, y) = LogisticRegressionTests.toy(seed: 5)
        var two = Self.sgd()
        two.runs = 2
        two.averagedEpochs = 1
        let a = try LogisticRegression(configuration: two).fit(x, labels: y, classCount: 3)
        let b = try LogisticRegression(configuration: two).fit(x, labels: y, classCount: 3)
        #expect(a.model == b.model)
        // Each run alone: run 0 with the configured seed, run 1 with the derived one.
        var single = two
        single.runs = 1
        let first = try LogisticRegression(configuration: single).fit(x, labels: y, classCount: 3)
        #expect(first.model != a.model)
        var secondConfig = single
        secondConfig.seed = LogisticRegression.runSeed(two.seed, run: 1)
        let second = try LogisticRegression(configuration: secondConfig).fit(x, labels: y, classCount: 3)
        let w = a.model.weights.storage, w0 = first.model.weights.storage, w1 = second.model.weights.storage
        for i in w.indices { #expect(abs(w[i] - (w0[i] + w1[i]) / 2) <= 1e-5 * max(1, abs(w[i]))) }
        for c in 0..<3 {
            #expect(abs(a.model.intercepts[c] - (first.model.intercepts[c] + second.model.intercepts[c]) / 2) <= 1e-5)
        }
        #expect(a.model.predict(x) == y)
        var bad = two
        bad.runs = 0
        #expect(throws: ConfigurationError("runs", 0, allowed: "in 1...64")) { try bad.validate() }
    }

    @Test("agrees with L-BFGS on the toy fixture's predictions")
    func agreesWithLBFGS() throws {
        let (x, y) = LogisticRegressionTests.toy(seed: 11)
        let (test, _) = LogisticRegressionTests.toy(seed: 12)
        var lbfgs = Self.sgd()
        lbfgs.solver = .lbfgs
        let a = try LogisticRegression(configuration: Self.sgd(epochs: 30)).fit(x, labels: y, classCount: 3)
        let b = try LogisticRegression(configuration: lbfgs).fit(x, labels: y, classCount: 3)
        #expect(a.model.predict(test) == b.model.predict(test))
        #expect(a.model.predict(x) == b.model.predict(x))
    }

    @Test("early stopping on a validation split keeps the best epoch")
    func validation() throws {
        let (x, y) = LogisticRegressionTests.toy(seed: 9)
        var config = Self.sgd(epochs: 20)
        config.validationFraction = 0.25
        config.patience = 3
        let fit = try LogisticRegression(configuration: config).fit(x, labels: y, classCount: 3)
        #expect(!fit.validationRows.isEmpty)
        #expect(fit.bestIteration != nil && fit.bestIteration! <= fit.iterations)
        #expect((fit.validationAccuracy ?? 0) > 0.9)
    }

    @Test("bad SGD settings are refused; old configurations decode as L-BFGS")
    func configuration() throws {
        var bad = Self.sgd(); bad.epochs = 0
        #expect(throws: ConfigurationError("epochs", 0, allowed: "at least 1")) { try bad.validate() }
        bad = Self.sgd(alpha: 0)
        #expect((#expect(throws: ConfigurationError.self) { try bad.validate() })?.parameter == "alpha")
        var ramp = LogisticRegressionConfiguration()
        ramp.interceptStep = 0.3
        ramp.interceptRampDocuments = 1500
        #expect(ramp.effectiveInterceptStep(documents: 3000) == 0.3)
        #expect(ramp.effectiveInterceptStep(documents: 1500) == 0.3)
        #expect(abs(ramp.effectiveInterceptStep(documents: 150) - 0.03) < 1e-12)
        ramp.interceptRampDocuments = 0
        #expect(ramp.effectiveInterceptStep(documents: 10) == 0.3)
        ramp.interceptRampDocuments = -1
        #expect((#expect(throws: ConfigurationError.self) { try ramp.validate() })?.parameter == "interceptRampDocuments")
        let old = #"{"regularization":{"kind":"C","value":300},"maxIterations":100,"tolerance":0.0001,"classWeighting":"none","validationFraction":0,"patience":10,"seed":42,"history":3}"#
        let decoded = try JSONDecoder().decode(LogisticRegressionConfiguration.self, from: Data(old.utf8))
        #expect(decoded.solver == .lbfgs)
        #expect(decoded.regularization == .c(300))
        // Keys added later read as the behaviour of the version that wrote the file.
        #expect(decoded.runs == 1 && decoded.interceptStep == 0.01 && decoded.interceptRampDocuments == 0)
        let current = LogisticRegressionConfiguration()
        let roundTrip = try JSONDecoder().decode(LogisticRegressionConfiguration.self,
                                                 from: JSONEncoder().encode(current))
        #expect(roundTrip == current)
    }
}
