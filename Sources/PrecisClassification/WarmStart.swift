import PrecisLinearAlgebra

/// Where an SGD fit starts instead of zero: the weights and intercepts of an
/// earlier model, and how many epochs it has had, so the learning-rate schedule
/// goes on from there rather than restarting at its largest steps. The rounds of
/// iterative parameter mixing start each partition from the last merged model
/// (``ModelAveraging``) this way.
///
/// ```swift
/// let merged = try ModelFile.read(path: "round-1.precis")
/// let start = try WarmStart(merged, labels: ["business", "sport", "tech"])
/// let fit = try LogisticRegression(configuration: config).fit(x, labels: y, classCount: 3, warmStart: start)
/// ```
public struct WarmStart: Sendable, Equatable {
    /// Starting weights, features × classes, in the classes' order of the fit.
    public var weights: Matrix
    /// Starting intercepts, one per class.
    public var intercepts: [Float]
    /// Epochs already run: the schedule of the fit continues after
    /// `epochs × documents` steps.
    public var epochs: Int

    /// A start from explicit parameters.
    ///
    /// - Precondition: one intercept per weight column; `epochs >= 0`.
    public init(weights: Matrix, intercepts: [Float], epochs: Int) {
        precondition(intercepts.count == weights.columns && epochs >= 0, "WarmStart: one intercept per class")
        self.weights = weights
        self.intercepts = intercepts
        self.epochs = epochs
    }

    /// The parameters of `classifier` laid out for a fit over `labels` (sorted, as
    /// a trainer sorts them): a label the classifier lacks starts at zero, and
    /// every label of the classifier must be among `labels` (the caller adds them,
    /// so no class is lost).
    ///
    /// - Throws: ``ClassificationError/shapeMismatch(_:)`` when a label of the
    ///   classifier is missing from `labels`.
    public init(_ classifier: TextClassifier, labels: [String]) throws {
        let k = labels.count, features = classifier.model.featureCount
        let index = Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let columns = try classifier.labels.map { label -> Int in
            guard let c = index[label] else {
                throw ClassificationError.shapeMismatch("the warm-start model's label '\(label)' is not among the labels of the fit")
            }
            return c
        }
        var w = [Float](repeating: 0, count: features * k)
        let old = classifier.model.weights.storage, pk = classifier.labels.count
        for j in 0..<features {
            for (c, target) in columns.enumerated() { w[j * k + target] = old[j * pk + c] }
        }
        var b = [Float](repeating: 0, count: k)
        for (c, target) in columns.enumerated() { b[target] = classifier.model.intercepts[c] }
        self.init(weights: Matrix(rows: features, columns: k, elements: w), intercepts: b,
                  epochs: max(0, classifier.metadata.iterations))
    }

    /// `[W, b]` as the optimisers lay out parameters (``SoftmaxObjective``).
    var theta: ContiguousArray<Float> {
        var t = ContiguousArray(weights.storage)
        t.append(contentsOf: intercepts)
        return t
    }
}

extension StochasticGradientDescent.State {
    /// Starts this state from `start`: `W` and `b` as given (the scale folded to 1),
    /// and the schedule after `start.epochs × documents` steps.
    mutating func load(_ start: WarmStart, documents: Int) {
        precondition(start.weights.rows == features && start.weights.columns == classes, "WarmStart: shape differs from the fit")
        precondition(rows == features, "WarmStart: the layout must keep a row for every feature")
        let k = classes, stride = self.stride
        let w = start.weights.storage
        v.withUnsafeMutableBufferPointer { vb in
            for j in 0..<features {
                let r = Int(slot[j]) * stride
                for c in 0..<k { vb[r + c] = w[j * k + c] }
            }
        }
        for c in 0..<k { b[c] = Double(start.intercepts[c]) }
        scale = 1
        steps = start.epochs * documents
    }
}
