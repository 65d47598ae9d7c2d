import Foundation
import PrecisLinearAlgebra

/// A fitted multinomial logistic regression: one weight per (feature, class) and
/// one intercept per class. Scores are `x·W + b`; probabilities their softmax.
///
/// ```swift
/// let p = model.probabilities(x)         // rows × classes, each row sums to 1
/// let classes = model.predict(x)         // argmax per row
/// ```
public struct LogisticRegressionModel: Equatable, Sendable {
    /// `features × classes`, row-major: `weights[j, c]` is feature `j`'s vote for class `c`.
    /// (A model read from a file keeps its 8-bit weights as stored and makes this
    /// matrix on first access; its scores never need it.)
    public var weights: Matrix {
        get { quantised?.dense ?? denseWeights }
        set {
            denseWeights = newValue
            quantised = nil
        }
    }
    /// The weights, unless ``quantised`` holds them (then empty).
    private var denseWeights: Matrix
    /// A model file's 8-bit weights, read in place; nil for a model made from a matrix.
    private(set) var quantised: QuantisedWeights?
    /// One intercept per class.
    public var intercepts: [Float]
    /// How scores become probabilities: a softmax (``MultiClass/multinomial``) or
    /// per-class sigmoids scaled to sum to one (``MultiClass/ovr``).
    public var multiClass: MultiClass
    /// The scores are divided by this before they become probabilities (temperature
    /// scaling, see ``TemperatureScaling``): above 1 the probabilities are less
    /// confident. Predictions (the argmax) do not depend on it.
    public var temperature: Float = 1

    /// A model from its parts.
    ///
    /// - Precondition: `intercepts.count == weights.columns`.
    public init(weights: Matrix, intercepts: [Float], multiClass: MultiClass = .multinomial) {
        precondition(intercepts.count == weights.columns, "LogisticRegressionModel: one intercept per class")
        self.denseWeights = weights
        self.intercepts = intercepts
        self.multiClass = multiClass
    }

    /// A model whose weights stay 8-bit as a model file stores them.
    init(quantised: QuantisedWeights, intercepts: [Float], multiClass: MultiClass = .multinomial) {
        precondition(intercepts.count == quantised.columns, "LogisticRegressionModel: one intercept per class")
        self.denseWeights = Matrix(rows: 0, columns: 0)
        self.quantised = quantised
        self.intercepts = intercepts
        self.multiClass = multiClass
    }

    /// Number of classes.
    public var classCount: Int { quantised?.columns ?? denseWeights.columns }
    /// Number of features.
    public var featureCount: Int { quantised?.rows ?? denseWeights.rows }

    /// Weight `(feature, c)` (``weights``' element, without making the matrix).
    func weight(_ feature: Int, _ c: Int) -> Float {
        quantised?.weight(feature, c) ?? denseWeights[feature, c]
    }

    public static func == (lhs: LogisticRegressionModel, rhs: LogisticRegressionModel) -> Bool {
        lhs.intercepts == rhs.intercepts && lhs.multiClass == rhs.multiClass && lhs.temperature == rhs.temperature
            && (lhs.quantised != nil && lhs.quantised === rhs.quantised || lhs.weights == rhs.weights)
    }

    /// The raw scores `X·W + b` (rows × classes).
    ///
    /// - Precondition: `x.columns == featureCount`.
    public func decisionFunction(_ x: SparseMatrix) -> Matrix {
        precondition(x.columns == featureCount, "decisionFunction: X has \(x.columns) columns, the model \(featureCount) features")
        if let quantised { return quantised.multiply(x, bias: intercepts) }
        return x.multiply(denseWeights, bias: intercepts)
    }

    /// Class probabilities (rows × classes) from ``decisionFunction(_:)``: its softmax,
    /// or for a one-vs-rest model its sigmoids scaled to sum to one per row.
    public func probabilities(_ x: SparseMatrix) -> Matrix {
        var scores = decisionFunction(x)
        if temperature != 1 {
            let inverse = 1 / temperature
            scores.withUnsafeMutableStorage { buffer in
                for i in buffer.indices { buffer[i] *= inverse }
            }
        }
        if multiClass == .ovr { Softmax.logSigmoidRows(&scores) }
        Softmax.applyToRows(&scores)
        return scores
    }

    /// The most probable class of each row (lowest index on ties).
    public func predict(_ x: SparseMatrix) -> [Int] {
        let scores = decisionFunction(x)
        return (0..<scores.rows).map { i in Softmax.argmax(scores.storage[(i * classCount)..<((i + 1) * classCount)]) }
    }
}

/// Numerically stable softmax helpers.
///
/// ```swift
/// var m = Matrix([[1, 2, 3]])
/// Softmax.applyToRows(&m)      // [[0.090, 0.245, 0.665]]
/// ```
public enum Softmax {
    /// Replaces every row of `m` by its softmax (shifted by the row maximum: never overflows).
    public static func applyToRows(_ m: inout Matrix) {
        let k = m.columns
        guard k > 0 else { return }
        let rows = m.rows
        m.withUnsafeMutableStorage { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in 0..<rows { LogisticLoss.softmax(base + i * k, classes: k) }
        }
    }

    /// Replaces every value `z` of `m` by `log σ(z) = −log(1 + e^{−z})`, computed
    /// without overflow. A softmax of the result is the sigmoids scaled to sum to one,
    /// which stays finite even where every sigmoid underflows.
    public static func logSigmoidRows(_ m: inout Matrix) {
        m.withUnsafeMutableStorage { buffer in
            guard let base = buffer.baseAddress else { return }
            LogisticLoss.logSigmoid(base, count: buffer.count)
        }
    }

    /// Index of the largest value (first on ties); 0 for an empty collection.
    public static func argmax<C: Collection>(_ values: C) -> Int where C.Element == Float {
        var best = 0, bestValue = -Float.infinity, index = 0
        for v in values {
            if v > bestValue { bestValue = v; best = index }
            index += 1
        }
        return best
    }
}
