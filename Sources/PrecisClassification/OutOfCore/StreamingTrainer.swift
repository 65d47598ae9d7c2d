import Foundation
import PrecisCore
import PrecisFeatures
import PrecisLinearAlgebra

/// Out-of-core training of a hashed ``TextClassifier``: the corpus is read once,
/// as a stream of blocks, and never held in memory. Peak memory is the model,
/// the optimiser's state and a fixed window of documents, whatever the corpus size.
///
/// 1. **One pass over the text**: each block is tokenised and hashed on all cores
///    (``PrecisFeatures/HashingVectorizer``, unsigned); document frequencies,
///    label counts and the data checksum are summed, and the block's hashed
///    counts are spilled to an anonymous temporary cache file (``HashedCountsCache``).
/// 2. **SGD epochs over a shuffled stream**: every epoch visits the cached blocks
///    in a fresh seeded order, gathered into windows of about
///    ``windowDocuments`` documents (``PrecisCore/ShuffleBuffer``); each window is
///    weighted by the idf and every SGD run (``LogisticRegressionConfiguration/runs``)
///    steps through it in its own seeded shuffle, side by side on the cores.
///
/// The model file and its predictions are those of an in-memory hashed model
/// (``TextClassifierTrainer`` with ``TextClassifierTrainer/hashing``), and
/// when the whole corpus fits in one window the weights are bit-identical to it.
/// The result depends only on the data, the options and the seed, never on the
/// number of cores.
///
/// ```swift
/// let trainer = StreamingTrainer(featureCount: 1 << 20)
/// let classifier = try trainer.fit { add in
///     try add(["fruit", "tools"], ["apples and pears", "bolts and nuts"])    // block after block
/// }
/// ```
public struct StreamingTrainer: Sendable {
    /// Tokeniser, n-grams, stop words and tf-idf settings (no vocabulary options).
    public var vectorizer: TfidfConfiguration
    /// The classifier's hyper-parameters (``Solver/sgd`` only; no validation split).
    public var classifier: LogisticRegressionConfiguration
    /// Hashed columns.
    public var featureCount: Int
    /// Documents per shuffle window (the bounded shuffle buffer). Default 16,384.
    public var windowDocuments: Int = 1 << 14
    /// Where the temporary cache of hashed counts goes (default `$TMPDIR`, else `/tmp`).
    public var cacheDirectory: String?

    /// A trainer with the given settings.
    public init(vectorizer: TfidfConfiguration = .classifierDefaults.withoutVocabularyOptions,
                classifier: LogisticRegressionConfiguration = LogisticRegressionConfiguration(),
                featureCount: Int = 1 << 20) {
        self.vectorizer = vectorizer
        self.classifier = classifier
        self.featureCount = featureCount
    }

    /// What happens during a fit, for progress displays.
    public enum Stage: Sendable {
        /// The first pass: documents read, hashed and cached so far, and bytes of text.
        case reading(documents: Int, bytes: Int)
        /// An SGD epoch: the epoch (from 1), windows done and windows in the epoch.
        case epoch(Int, window: Int, of: Int)
        /// An epoch is over; carries the optimiser's progress.
        case optimizing(LogisticRegression.Progress)
    }

    /// The hashing vectoriser the trainer fits (unsigned, so idf applies).
    public var hashing: HashingVectorizer {
        HashingVectorizer(featureCount: featureCount, alternateSign: false, configuration: vectorizer)
    }

    /// Checks the options before any data is read.
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` for vocabulary options, a bad
    ///   column count, the L-BFGS solver or a validation split (both need the data in memory).
    public func validate() throws {
        try hashing.validateForFit()
        try classifier.validate()
        guard classifier.solver == .sgd else {
            throw ConfigurationError("solver", classifier.solver.rawValue, allowed: "sgd (streaming training never holds the whole matrix L-BFGS needs)")
        }
        guard classifier.validationFraction == 0 else {
            throw ConfigurationError("validationFraction", classifier.validationFraction,
                                     allowed: "0 when streaming (hold out a file of your own and use precis evaluate)")
        }
        guard windowDocuments >= 1 else { throw ConfigurationError("windowDocuments", windowDocuments, allowed: "at least 1") }
    }

    /// Fits on the blocks of documents `read` hands to the `add` function it is
    /// given (labels and texts of the same length), in order. Each block is read once.
    ///
    /// - Throws: ``ClassificationError`` (no documents, one class, a cache
    ///   problem), ``PrecisCore/ConfigurationError`` (see ``validate()``), or what `read` threw.
    public func fit(progress: ((Stage) -> Void)? = nil,
                    read: (_ add: (_ labels: [String], _ texts: [String]) throws -> Void) throws -> Void) throws -> TextClassifier {
        try validate()
        let hashing = self.hashing
        let cache = try HashedCountsCache(columns: featureCount, directory: cacheDirectory)

        // Pass 1: hash, count, cache.
        var df = [Int](repeating: 0, count: featureCount)
        var labelIDs: [String: Int32] = [:]
        var labelNames: [String] = []
        var labelCounts: [Int] = []
        var checksum = FNV64()
        var documents = 0, bytes = 0
        try read { labels, texts in
            let block = (labels: labels, texts: texts)
            guard block.labels.count == block.texts.count else {
                throw ClassificationError.shapeMismatch("\(block.labels.count) labels for \(block.texts.count) documents")
            }
            if block.texts.isEmpty { return }
            let counts = try hashing.counts(block.texts)
            for column in counts.columnIndices { df[Int(column)] += 1 }
            var ids: [Int32] = []
            ids.reserveCapacity(block.labels.count)
            for (label, text) in zip(block.labels, block.texts) {
                let id: Int32
                if let known = labelIDs[label] { id = known } else {
                    id = Int32(labelNames.count)
                    labelIDs[label] = id
                    labelNames.append(label)
                    labelCounts.append(0)
                }
                labelCounts[Int(id)] += 1
                ids.append(id)
                checksum.combine(label.utf8)
                checksum.combine(CollectionOfOne(0x09))
                checksum.combine(text.utf8)
                checksum.combine(CollectionOfOne(0x0A))
                bytes += text.utf8.count
            }
            try cache.append(counts: counts, labels: ids)
            documents += block.texts.count
            progress?(.reading(documents: documents, bytes: bytes))
        }
        guard documents > 0 else { throw ClassificationError.emptyTrainingSet }
        let classes = labelNames.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard classes.count >= 2 else { throw ClassificationError.singleClass(classes[0]) }
        let classOf = labelNames.map { name in Int32(classes.firstIndex(of: name)!) }

        let tfidf = try HashingTfidfModel(vectorizer: hashing, documentFrequencies: df, documents: documents)
        let config = classifier
        let alpha = config.regularization.alpha(documents: Double(documents))
        // Per-class weights with mean one over the documents (class weighting).
        var classWeight: [Float]?
        if config.classWeighting == .balanced {
            let present = labelCounts.filter { $0 > 0 }.count
            classWeight = [Float](repeating: 0, count: classes.count)
            for (local, count) in labelCounts.enumerated() {
                classWeight![Int(classOf[local])] = Float(Double(documents) / (Double(present) * Double(count)))
            }
        }
        let layout = StochasticGradientDescent.Layout(documentFrequencies: df)
        let buffer = ShuffleBuffer(blockSizes: cache.entries.map(\.documents), capacity: windowDocuments, seed: config.seed)

        /// Window `blocks` of the cache, weighted: its TF-IDF rows (in stream order) and class indices.
        func window(_ blocks: [Int]) throws -> (x: SparseMatrix, labels: ContiguousArray<Int32>) {
            let parts = try Parallelism.map(blocks.count, chunk: 1) { k in
                Result { () throws -> (SparseMatrix, ContiguousArray<Int32>) in
                    let (counts, local) = try cache.block(blocks[k])
                    return (tfidf.weigh(counts: counts), ContiguousArray(local.map { classOf[Int($0)] }))
                }
            }.map { try $0.get() }
            return (SparseMatrix.stacking(parts.map(\.0), columns: featureCount), ContiguousArray(parts.flatMap(\.1)))
        }

        var lastWindow: (x: SparseMatrix, labels: ContiguousArray<Int32>)?
        var epochIndex = 0
        let fit = try LogisticRegression.sgdEpochs(config, layout: layout, documents: documents, classCount: classes.count, alpha: alpha,
                                                   afterEpoch: { iteration, loss, _ in
            progress?(.optimizing(.init(iteration: iteration, maxIterations: config.epochs, loss: loss, validationLoss: nil)))
            return true
        }) { optimisers, states in
            let windows = buffer.windows(epoch: epochIndex)
            epochIndex += 1
            var lossSums = [Double](repeating: 0, count: optimisers.count)
            var windowLosses: [Double] = []
            for (w, blocks) in windows.enumerated() {
                let (x, y) = try window(blocks)
                let slots = layout.slotIndices(of: x)
                let weights = classWeight.map { cw in ContiguousArray(y.map { cw[Int($0)] }) }
                var losses = [Double](repeating: 0, count: optimisers.count)
                for r in states.indices { states[r].slotIndices = slots }
                states.withUnsafeMutableBufferPointer { stateBuffer in
                    losses.withUnsafeMutableBufferPointer { lossBuffer in
                        let stateBase = stateBuffer.baseAddress!, lossBase = lossBuffer.baseAddress!
                        Parallelism.run(optimisers.count) { r in
                            lossBase[r] = optimisers[r].runEpoch(&stateBase[r], x: x, labels: y, sampleWeights: weights)
                        }
                    }
                }
                for r in losses.indices { lossSums[r] += losses[r] * Double(x.rows) }
                windowLosses = losses
                lastWindow = (x, y)
                progress?(.epoch(epochIndex, window: w + 1, of: windows.count))
            }
            for r in states.indices { states[r].slotIndices = [] }
            // One window is the whole corpus: its mean losses as they are (as in memory).
            return windows.count == 1 ? windowLosses : lossSums.map { $0 / Double(documents) }
        }

        let model = LogisticRegression.model(from: fit.theta, features: featureCount, classes: classes.count, multiClass: config.multiClass)
        var metadata = TrainingMetadata(documents: documents, dataChecksum: checksum.hexDigest)
        for (local, name) in labelNames.enumerated() { metadata.classCounts[name] = labelCounts[local] }
        metadata.classifier = config
        metadata.iterations = fit.epochs
        metadata.converged = fit.converged
        metadata.finalLoss = fit.loss
        if let (x, y) = lastWindow {
            // Accuracy on the last window trained on (the whole corpus when it fits in one).
            let predicted = model.predict(x)
            metadata.trainingAccuracy = Double(zip(predicted, y).filter { $0 == Int($1) }.count) / Double(max(y.count, 1))
        }
        return TextClassifier(vectorizer: TfidfModel(hashing: tfidf), model: model, labels: classes, metadata: metadata)
    }
}

extension TfidfConfiguration {
    /// This configuration with the vocabulary options (`minDF`, `maxDF`,
    /// `maxFeatures`) at their defaults, as hashing needs.
    ///
    /// ```swift
    /// TfidfConfiguration.classifierDefaults.withoutVocabularyOptions.minDF   // .count(1)
    /// ```
    public var withoutVocabularyOptions: TfidfConfiguration {
        var config = self
        let defaults = TfidfConfiguration()
        config.minDF = defaults.minDF
        config.maxDF = defaults.maxDF
        config.maxFeatures = defaults.maxFeatures
        return config
    }
}

extension SparseMatrix {
    /// The rows of `parts`, one after the other (all with `columns` columns).
    static func stacking(_ parts: [SparseMatrix], columns: Int) -> SparseMatrix {
        if parts.count == 1 { return parts[0] }
        var offsets = ContiguousArray<Int>([0])
        var indices = ContiguousArray<Int32>()
        var values = ContiguousArray<Float>()
        let nnz = parts.reduce(0) { $0 + $1.nonZeroCount }
        indices.reserveCapacity(nnz)
        values.reserveCapacity(nnz)
        offsets.reserveCapacity(parts.reduce(1) { $0 + $1.rows })
        for part in parts {
            let base = indices.count
            offsets.append(contentsOf: part.rowOffsets.dropFirst().map { $0 + base })
            indices.append(contentsOf: part.columnIndices)
            values.append(contentsOf: part.values)
        }
        return SparseMatrix(rows: offsets.count - 1, columns: columns, rowOffsets: offsets, columnIndices: indices, values: values)
    }
}
