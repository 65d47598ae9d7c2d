import Foundation
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisCore

/// Hyper-parameters of a multi-label fit.
///
/// ```swift
/// var config = MultiLabelConfiguration()
/// config.alpha = 1e-5            // fix it; nil lets internal cross-validation choose
/// config.allowEmpty = true
/// ```
public struct MultiLabelConfiguration: Equatable, Sendable {
    /// The L2 penalty; nil: chosen among ``alphaGrid`` by internal cross-validation.
    public var alpha: Double?
    /// Candidates for ``alpha`` when it is not fixed, ascending. The search starts at
    /// ``startAlpha`` and walks the grid while the cross-validated F1 improves
    /// (settings past a worse one are not tried).
    public var alphaGrid: [Double] = [3e-7, 1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4]
    /// Where the search over ``alphaGrid`` starts.
    public var startAlpha: Double = 3e-6
    /// Folds of the internal cross-validation that tunes thresholds (and alpha).
    public var folds: Int = 3
    /// SGD passes over the data.
    public var epochs: Int = 4
    /// SGD runs averaged per fit (the folds' fits already run side by side on the cores).
    public var runs: Int = 1
    /// Labels with fewer positives than this use the pooled threshold.
    public var minimumPositives: Int = 3
    /// Whether a document may get no label.
    public var allowEmpty: Bool = false
    /// Seed of shuffles and folds.
    public var seed: UInt64 = 42

    /// The defaults.
    public init() {}
}

/// Trains a multi-label ``TextClassifier``: one TF-IDF vectoriser, one binary
/// logistic model per label fitted together in one pass per epoch
/// (``LogisticRegression/fitMultiLabel(_:targets:positiveWeights:)``), and per-label thresholds chosen on out-of-fold
/// probabilities of an internal cross-validation by iterative stratification
/// (``ThresholdSelection``), which also picks the penalty unless it is fixed.
/// The model grows with the number of labels, not with label combinations.
///
/// ```swift
/// let result = try MultiLabelTrainer().fit(texts: texts, labelSets: [["grain", "corn"], ["earn"]])
/// result.classifier.classifyMultiLabel(["Corn exports rose"])[0].labels
/// ```
public struct MultiLabelTrainer: Sendable {
    /// The vectoriser's hyper-parameters (one vectoriser shared by every label).
    public var vectorizer: TfidfConfiguration
    /// The multi-label fit's hyper-parameters.
    public var configuration: MultiLabelConfiguration

    /// A trainer with the given (or default) settings.
    public init(vectorizer: TfidfConfiguration = .classifierDefaults,
                configuration: MultiLabelConfiguration = MultiLabelConfiguration()) {
        self.vectorizer = vectorizer
        self.configuration = configuration
    }

    /// A trained multi-label classifier.
    public struct Result: Sendable {
        /// The classifier, with ``TextClassifier/multiLabel`` set and metadata filled in
        /// (except producer, date and file name).
        public var classifier: TextClassifier
    }

    /// Fits on `texts`, each with its labels.
    ///
    /// - Throws: ``ClassificationError`` (empty data, one label, bad options) or
    ///   ``PrecisFeatures/FeatureError`` (empty vocabulary).
    public func fit(texts: [String], labelSets: [[String]], progress: ((String) -> Void)? = nil) throws -> Result {
        guard !texts.isEmpty else { throw ClassificationError.emptyTrainingSet }
        guard texts.count == labelSets.count else {
            throw ClassificationError.shapeMismatch("\(labelSets.count) label sets for \(texts.count) documents")
        }
        let config = configuration
        guard config.folds >= 2 else { throw ConfigurationError("folds", config.folds, allowed: "at least 2") }
        guard config.epochs >= 1 else { throw ConfigurationError("epochs", config.epochs, allowed: "at least 1") }
        guard config.runs >= 1 else { throw ConfigurationError("runs", config.runs, allowed: "at least 1") }
        let grid = config.alpha.map { [$0] } ?? config.alphaGrid
        guard !grid.isEmpty, grid.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ConfigurationError("alpha", grid.map { "\($0)" }.joined(separator: ","), allowed: "positive and finite")
        }
        let classes = Array(Set(labelSets.joined())).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard classes.count >= 2 else { throw ClassificationError.singleClass(classes.first ?? "") }
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let sets = labelSets.map { $0.compactMap { index[$0] } }
        let targets = MultiLabelTargets(sets, classCount: classes.count)

        progress?("vectorising \(texts.count) documents")
        let (tfidf, x) = try TfidfVectorizer(configuration: vectorizer).fitTransform(texts)

        // Internal cross-validation: out-of-fold probabilities for every candidate alpha.
        let folds = min(config.folds, texts.count)
        let split = IterativeStratification(labelSets: sets, folds: folds, seed: config.seed)
        let foldRows = (0..<folds).map { split.split($0) }
        let selector = ThresholdSelection(minimumPositives: config.minimumPositives)
        typealias Trial = (alpha: Double, score: Double, result: ThresholdSelection.Result, model: LogisticRegressionModel)
        var candidates: [MultiLabelSelection.Candidate] = []
        let usable = foldRows.filter { !$0.train.isEmpty && !$0.test.isEmpty }
        // Each fold's training matrix, its SGD layout and targets, and its test matrix:
        // built once, shared by every alpha's fits.
        typealias Fold = (x: SparseMatrix, layout: StochasticGradientDescent.Layout, targets: MultiLabelTargets, test: SparseMatrix)
        let prepared = Parallelism.map(usable.count, chunk: 1) { f -> Fold in
            let train = x.selectingRows(usable[f].train)
            return (train, StochasticGradientDescent.Layout(train), targets.selecting(usable[f].train),
                    x.selectingRows(usable[f].test))
        }
        let blocks = LogisticRegression.multiLabelBlocks(classes: classes.count)
        /// Fits every fold for every alpha, all side by side on the cores (one job per
        /// block of classes, see ``LogisticRegression/fitMultiLabel(_:targets:positiveWeights:)``,
        /// so the jobs are many and even); thresholds from each alpha's out-of-fold probabilities.
        func trials(_ alphas: [Double]) -> [Trial] {
            progress?("cross-validating alpha \(alphas.map { "\($0)" }.joined(separator: ", "))")
            let fitsPerAlpha = usable.count * blocks.count
            // Per job: the block's parameters, and its classes' probabilities on the fold's test rows.
            var parts = Parallelism.map(alphas.count * fitsPerAlpha, chunk: 1) { j -> (ContiguousArray<Float>, ContiguousArray<Float>) in
                let alpha = alphas[j / fitsPerAlpha], f = j % fitsPerAlpha / blocks.count, b = j % blocks.count
                let fold = prepared[f]
                let theta = sgd(alpha).fitMultiLabelBlock(fold.x, layout: fold.layout, targets: fold.targets,
                                                          classes: blocks[b], positiveWeights: nil)
                return (theta, Self.sigmoids(theta, classes: blocks[b].count, fold.test))
            }
            let perFit = blocks.count
            // Each alpha's mean of its fold models, block by block.
            let means = Parallelism.map(alphas.count * perFit, chunk: 1) { j -> ContiguousArray<Float> in
                let a = j / perFit, b = j % perFit
                return Self.mean((0..<usable.count).map { parts[(a * usable.count + $0) * perFit + b].0 })
            }
            let probabilities = parts.map(\.1)
            parts = []      // the fold models' parameters are no longer needed: free them before going on
            return alphas.enumerated().map { a, alpha in
                var oof = Matrix(rows: x.rows, columns: classes.count)
                let k = classes.count
                oof.withUnsafeMutableStorage { out in
                    for f in usable.indices {
                        for (b, block) in blocks.enumerated() {
                            probabilities[(a * usable.count + f) * perFit + b].withUnsafeBufferPointer { scores in
                                let width = block.count
                                for (r, i) in usable[f].test.enumerated() {
                                    for c in 0..<width { out[i * k + block.lowerBound + c] = scores[r * width + c] }
                                }
                            }
                        }
                    }
                }
                let result = selector.select(probabilities: oof, targets: targets, allowEmpty: config.allowEmpty)
                candidates.append(.init(alpha: alpha, microF1: result.microF1, macroF1: result.macroF1))
                let model = LogisticRegression.multiLabelModel(Array(means[(a * perFit)..<((a + 1) * perFit)]),
                                                               features: x.columns, classes: k)
                return (alpha, (result.microF1 + result.macroF1) / 2, result, model)
            }
        }
        var best: Trial?
        if grid.count == 1 {
            best = trials(grid)[0]
        } else {
            // The start point and its neighbours together; then walk on from the best of
            // them while the score improves (settings past a worse one are not tried).
            let start = grid.firstIndex { $0 >= config.startAlpha } ?? grid.count / 2
            let first = max(0, start - 1), last = min(grid.count - 1, start + 1)
            let tried = trials(Array(grid[first...last]))
            var bestIndex = first + tried.indices.max { tried[$0].score < tried[$1].score }!
            var current = tried[bestIndex - first]
            if bestIndex != start {
                let direction = bestIndex < start ? -1 : 1
                var i = bestIndex + direction
                while grid.indices.contains(i) {
                    let next = trials([grid[i]])[0]
                    guard next.score > current.score else { break }
                    current = next
                    bestIndex = i
                    i += direction
                }
            }
            best = current
            candidates.sort { $0.alpha < $1.alpha }
        }
        guard let best else { throw ConfigurationError("alpha", "none", allowed: "at least one value to try") }

        // The model is the mean of the kept alpha's fold models: every document counts,
        // and its scores have the scale the thresholds were tuned on (a model refitted on
        // all the data is more confident than the fold models, so their thresholds would
        // let too many labels through).
        let model = best.model
        let selection = MultiLabelSelection(folds: folds, candidates: candidates, alpha: best.alpha,
                                            fallbackLabels: best.result.fallbackLabels)
        let decision = MultiLabelDecision(thresholds: best.result.thresholds, allowEmpty: config.allowEmpty,
                                          selection: selection)

        var metadata = TrainingMetadata(documents: texts.count,
                                        dataChecksum: TrainingMetadata.dataChecksum(texts: texts, labels: labelSets.map { $0.joined(separator: ",") }))
        for set in labelSets { for label in set { metadata.classCounts[label, default: 0] += 1 } }
        var recorded = sgd(best.alpha).configuration
        // The model records the default ramp, as it always has (the fit itself never ramps).
        recorded.interceptRampDocuments = LogisticRegressionConfiguration().interceptRampDocuments
        metadata.classifier = recorded
        metadata.iterations = config.epochs
        // Training "accuracy" of a multi-label model: the share of documents whose label set is exactly right.
        let predictions = Self.sigmoids(model, x)
        var exact = 0
        for i in 0..<x.rows where decision.labels(probabilities: predictions.row(i)) == targets.labels(of: i).map(Int.init) { exact += 1 }
        metadata.trainingAccuracy = Double(exact) / Double(x.rows)
        var classifier = TextClassifier(vectorizer: tfidf, model: model, labels: classes, metadata: metadata)
        classifier.multiLabel = decision
        return Result(classifier: classifier)
    }

    /// The mean of parameter vectors of the same shape (for each element, the first
    /// times the share, then plus the share times each of the others in turn).
    static func mean(_ parts: [ContiguousArray<Float>]) -> ContiguousArray<Float> {
        var mean = parts[0]
        let share = 1 / Float(parts.count)
        mean.withUnsafeMutableBufferPointer { m in
            for i in m.indices { m[i] *= share }
            for other in parts.dropFirst() {
                other.withUnsafeBufferPointer { o in
                    for i in m.indices { m[i] += share * o[i] }
                }
            }
        }
        return mean
    }

    /// The one-vs-rest SGD fit with penalty `alpha`: the configured epochs (the last
    /// half averaged), runs and seed, and the intercepts' full step on any data size.
    func sgd(_ alpha: Double) -> LogisticRegression {
        var sgd = LogisticRegressionConfiguration()
        sgd.multiClass = .ovr
        sgd.regularization = .alpha(alpha)
        sgd.epochs = configuration.epochs
        sgd.averagedEpochs = max(1, configuration.epochs / 2)
        sgd.runs = configuration.runs
        sgd.interceptRampDocuments = 0
        sgd.seed = configuration.seed
        return LogisticRegression(configuration: sgd)
    }

    /// Independent per-label probabilities `σ(x·W + b)` (rows × classes, row-major) for
    /// parameters `theta` laid out as `[W, b]` over `classes` classes: the same values,
    /// operation for operation, as ``sigmoids(_:_:)`` of a model over more classes that
    /// holds these (each score is the intercept plus `x_ij · w_jc` in the row's order),
    /// with the sums kept in registers and the weight rows prefetched.
    static func sigmoids(_ theta: ContiguousArray<Float>, classes k: Int, _ x: SparseMatrix) -> ContiguousArray<Float> {
        let n = x.rows, features = x.columns, chunks = (k + 7) / 8
        guard k >= 8 else {
            return sigmoids(LogisticRegression.multiLabelModel([theta], features: features, classes: k), x).storage
        }
        return ContiguousArray<Float>(unsafeUninitializedCapacity: n * k) { out, initialized in
            theta.withUnsafeBufferPointer { t in
                x.rowOffsets.withUnsafeBufferPointer { offsets in
                    x.columnIndices.withUnsafeBufferPointer { indices in
                        x.values.withUnsafeBufferPointer { values in
                            let w = UnsafeRawPointer(t.baseAddress!), bias = t.baseAddress! + features * k
                            let rowBytes = k * MemoryLayout<Float>.stride
                            Parallelism.forEachBlock(of: n, blockSize: 256) { block in
                                var sums = [SIMD8<Float>](repeating: .zero, count: chunks)
                                for i in block {
                                    // The intercepts, then the row's terms. A last chunk partly past the
                                    // row reads the next row's (or the intercepts') leading weights into
                                    // lanes that are never used: in bounds, as k ≥ 8.
                                    for q in 0..<chunks {
                                        var lane = SIMD8<Float>.zero
                                        for l in 0..<Swift.min(8, k - q * 8) { lane[l] = bias[q * 8 + l] }
                                        sums[q] = lane
                                    }
                                    sums.withUnsafeMutableBufferPointer { lanes in
                                        SGDDocumentStep.accumulate(offsets[i]..<offsets[i + 1], indices: indices, values: values,
                                                                   rows: w, rowBytes: rowBytes, chunks: chunks, into: lanes.baseAddress!)
                                    }
                                    for c in 0..<k { out[i * k + c] = 1 / (1 + expf(-sums[c / 8][c % 8])) }
                                }
                            }
                        }
                    }
                }
            }
            initialized = n * k
        }
    }

    /// Independent per-label probabilities `σ(x·W + b)`.
    static func sigmoids(_ model: LogisticRegressionModel, _ x: SparseMatrix) -> Matrix {
        var scores = model.decisionFunction(x)
        scores.withUnsafeMutableStorage { buffer in
            for i in buffer.indices { buffer[i] = 1 / (1 + expf(-buffer[i])) }
        }
        return scores
    }
}
