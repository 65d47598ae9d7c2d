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
///    counts are spilled to an anonymous temporary cache file (``HashedCountsCache``),
///    in chunks of 64 documents.
/// 2. **SGD epochs over a shuffled stream**: every epoch visits the cached chunks
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
    /// SGD steps (document visits, over every run together) that a fit may take
    /// before it counts as large. Default 2^19 (about 46 epochs of 20 Newsgroups).
    ///
    /// A fit within the budget runs every epoch of every run over the whole corpus,
    /// as in memory. A larger one (``plan(documents:)``) shares the work instead:
    /// - the runs take disjoint parts of each window (iterative parameter mixing's
    ///   one round: each run learns from its share, and their weights are averaged),
    ///   so an epoch visits each document once in all, not once per run;
    /// - the epochs shrink to what the budget allows, at least one pass.
    ///
    /// So training costs O(max(budget, documents)) steps: a corpus 40 times larger
    /// is read 40 times more but does not take 40 times the epochs, which on a
    /// large corpus add nothing but time (one pass over it is already more steps
    /// than the budget). A corpus of up to `visitBudget / (runs × epochs)`
    /// documents is trained exactly as before.
    public var visitBudget: Int = 1 << 19
    /// Where the temporary cache of hashed counts goes (default `$TMPDIR`, else `/tmp`).
    public var cacheDirectory: String?
    /// Distributed training: weigh by these document frequencies (summed over every
    /// partition of the corpus) instead of the data's own; they must count the same columns.
    public var documentFrequencies: DocumentFrequencies?
    /// Distributed training: start SGD from this model (the last merged model of
    /// iterative parameter mixing, see ``WarmStart``); it must have the same columns,
    /// settings and idf. Its labels join the data's.
    public var warmStart: TextClassifier?

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

    /// Documents per cache entry: the unit the shuffle buffer draws windows from.
    /// Small, so that a window of ``windowDocuments`` holds chunks from all over the
    /// corpus; a corpus that fits in one window still reads in stream order.
    static let chunkDocuments = 64

    /// How a fit on `documents` documents runs its SGD (see ``visitBudget``).
    public struct Plan: Equatable, Sendable {
        /// Epochs over the corpus.
        public var epochs: Int
        /// Whether each run takes its own part of every window (a large fit) rather than all of it.
        public var sharded: Bool
    }

    /// The SGD plan for `documents` documents: all `epochs` of all runs over the
    /// whole corpus when that is within ``visitBudget``; otherwise the runs share
    /// each window and the epochs are `max(1, visitBudget / documents)` at most.
    ///
    /// ```swift
    /// let trainer = StreamingTrainer()          // 4 runs × 5 epochs, budget 2^19
    /// trainer.plan(documents: 11_314)           // epochs 5, not sharded
    /// trainer.plan(documents: 452_560)          // epochs 1, sharded
    /// ```
    public func plan(documents: Int) -> Plan {
        let runs = classifier.runs, epochs = classifier.epochs
        let (perRun, overflow) = documents.multipliedReportingOverflow(by: epochs)
        let (visits, overflow2) = perRun.multipliedReportingOverflow(by: runs)
        if !overflow && !overflow2 && visits <= visitBudget { return Plan(epochs: epochs, sharded: false) }
        return Plan(epochs: min(epochs, max(1, visitBudget / max(documents, 1))), sharded: true)
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
        guard visitBudget >= 1 else { throw ConfigurationError("visitBudget", visitBudget, allowed: "at least 1") }
        if let documentFrequencies, let reason = DocumentFrequencies.columnsIncompatibility(hashing, documentFrequencies.vectorizer) {
            throw DocumentFrequenciesError(path: nil, "the document frequencies count other columns: \(reason)")
        }
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

        // Pass 1: hash, count, cache. Document frequencies are counted on the cores into
        // one array per task (integer sums: the same in any order), added up at the end.
        let dfTasks = 2
        var dfParts = [[Int32]](repeating: [Int32](repeating: 0, count: featureCount), count: dfTasks)
        let encoders = (0..<dfTasks).map { _ in HashedCountsCache.Encoder() }
        var labelIDs: [String: Int32] = [:]
        var labelNames: [String] = []
        var labelCounts: [Int] = []
        var checksum = FNV64()
        var documents = 0, bytes = 0
        // The checksum and the cache are the lane's until it is waited for.
        let lane = BackgroundLane()
        defer { lane.finish() }
        try read { labels, texts in
            let block = (labels: labels, texts: texts)
            guard block.labels.count == block.texts.count else {
                throw ClassificationError.shapeMismatch("\(block.labels.count) labels for \(block.texts.count) documents")
            }
            if block.texts.isEmpty { return }
            let counts = try hashing.counts(block.texts)
            var ids: [Int32] = []
            ids.reserveCapacity(block.labels.count)
            for label in block.labels {
                let id: Int32
                if let known = labelIDs[label] { id = known } else {
                    id = Int32(labelNames.count)
                    labelIDs[label] = id
                    labelNames.append(label)
                    labelCounts.append(0)
                }
                labelCounts[Int(id)] += 1
                ids.append(id)
            }
            // Document frequencies counted and the cache blocks encoded on the cores, each
            // task on its own whole chunks (once the lane has written the last block's).
            let offsets = counts.rowOffsets, columns = counts.columnIndices
            let chunks = (ids.count + Self.chunkDocuments - 1) / Self.chunkDocuments
            try lane.wait()
            dfParts.withUnsafeMutableBufferPointer { parts in
                Parallelism.run(dfTasks) { task in
                    let mine = (task * chunks / dfTasks)..<((task + 1) * chunks / dfTasks)
                    let rows = min(mine.lowerBound * Self.chunkDocuments, ids.count)..<min(mine.upperBound * Self.chunkDocuments, ids.count)
                    parts[task].withUnsafeMutableBufferPointer { df in
                        columns.withUnsafeBufferPointer { columns in
                            for p in offsets[rows.lowerBound]..<offsets[rows.upperBound] { df[Int(columns[p])] &+= 1 }
                        }
                    }
                    // Cached in chunks, so that a window gathers documents from all over the corpus
                    // (a file sorted by label then still trains on every class in every window).
                    let encoder = encoders[task]
                    encoder.removeAll()
                    for lower in stride(from: rows.lowerBound, to: rows.upperBound, by: Self.chunkDocuments) {
                        encoder.encode(counts: counts, labels: ids, rows: lower..<min(lower + Self.chunkDocuments, rows.upperBound))
                    }
                }
            }
            // The data checksum (one sequential hash) and the cache write, beside the next block's work.
            lane.submit {
                for (label, text) in zip(block.labels, block.texts) {
                    checksum.combine(label.utf8)
                    checksum.combine(CollectionOfOne(0x09))
                    checksum.combine(text.utf8)
                    checksum.combine(CollectionOfOne(0x0A))
                }
                for encoder in encoders { try cache.append(encoder) }
            }
            for text in block.texts { bytes += text.utf8.count }
            documents += block.texts.count
            progress?(.reading(documents: documents, bytes: bytes))
        }
        try lane.wait()
        guard documents > 0 else { throw ClassificationError.emptyTrainingSet }
        var df = [Int](repeating: 0, count: featureCount)
        for part in dfParts { for j in df.indices { df[j] += Int(part[j]) } }
        dfParts = []
        let classes = Set(labelNames + (warmStart?.labels ?? [])).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard classes.count >= 2 else { throw ClassificationError.singleClass(classes[0]) }
        let classOf = labelNames.map { name in Int32(classes.firstIndex(of: name)!) }

        let tfidf = try HashingTfidfModel(vectorizer: hashing, documentFrequencies: documentFrequencies?.counts ?? df,
                                          documents: documentFrequencies?.documents ?? documents)
        let start = try warmStart.map { try Self.warmStart($0, features: TfidfModel(hashing: tfidf), classes: classes, multiClass: classifier.multiClass) }
        let plan = self.plan(documents: documents)
        var config = classifier
        config.epochs = plan.epochs
        config.averagedEpochs = min(config.averagedEpochs, plan.epochs)
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

        // The window's buffers, reused from window to window (and holding the last one at the end).
        let window = TrainingWindow(model: tfidf, slot: layout.slot)
        var epochIndex = 0
        let fit = try LogisticRegression.sgdEpochs(config, layout: layout, documents: documents, classCount: classes.count, alpha: alpha,
                                                   warmStart: start, afterEpoch: { iteration, loss, _ in
            progress?(.optimizing(.init(iteration: iteration, maxIterations: config.epochs, loss: loss, validationLoss: nil)))
            return true
        }) { optimisers, states in
            let windows = buffer.windows(epoch: epochIndex)
            epochIndex += 1
            let runs = optimisers.count
            var lossSums = [Double](repeating: 0, count: runs)
            var visited = [Int](repeating: 0, count: runs)
            var windowLosses: [Double] = []
            for (w, blocks) in windows.enumerated() {
                try window.fill(blocks: blocks, cache: cache, classOf: classOf)
                let x = window.matrix, y = window.labels
                let weights = classWeight.map { cw in ContiguousArray(y.map { cw[Int($0)] }) }
                // Each run's rows of the window: all of them, or its own part when sharded.
                let parts = (0..<runs).map { r in plan.sharded ? (r * x.rows / runs)..<((r + 1) * x.rows / runs) : 0..<x.rows }
                var losses = [Double](repeating: 0, count: runs)
                for r in states.indices { states[r].slotIndices = window.slots }
                states.withUnsafeMutableBufferPointer { stateBuffer in
                    losses.withUnsafeMutableBufferPointer { lossBuffer in
                        let stateBase = stateBuffer.baseAddress!, lossBase = lossBuffer.baseAddress!
                        Parallelism.run(runs) { r in
                            lossBase[r] = optimisers[r].runEpoch(&stateBase[r], x: x, labels: y, sampleWeights: weights, rows: parts[r])
                        }
                    }
                }
                // The window's buffers are the next window's: nothing keeps them.
                for r in states.indices { states[r].slotIndices = [] }
                for r in losses.indices {
                    lossSums[r] += losses[r] * Double(parts[r].count)
                    visited[r] += parts[r].count
                }
                windowLosses = losses
                progress?(.epoch(epochIndex, window: w + 1, of: windows.count))
            }
            for r in states.indices { states[r].slotIndices = [] }
            // One window is the whole corpus: its mean losses as they are (as in memory).
            return windows.count == 1 ? windowLosses : (0..<runs).map { lossSums[$0] / Double(max(visited[$0], 1)) }
        }

        let model = LogisticRegression.model(from: fit.theta, features: featureCount, classes: classes.count, multiClass: config.multiClass)
        // A diverged fit never becomes a model.
        try TextClassifierTrainer.checkFinite(loss: fit.loss, model: model, configuration: config)
        var metadata = TrainingMetadata(documents: documents, dataChecksum: checksum.hexDigest)
        for (local, name) in labelNames.enumerated() { metadata.classCounts[name] = labelCounts[local] }
        metadata.classifier = config
        metadata.iterations = (start?.epochs ?? 0) + fit.epochs
        metadata.converged = fit.converged
        metadata.finalLoss = fit.loss
        if window.rows > 0 {
            // Accuracy on the last window trained on (the whole corpus when it fits in one).
            let predicted = model.predict(window.matrix), y = window.labels
            metadata.trainingAccuracy = Double(zip(predicted, y).filter { $0 == Int($1) }.count) / Double(max(y.count, 1))
        }
        return TextClassifier(vectorizer: TfidfModel(hashing: tfidf), model: model, labels: classes, metadata: metadata)
    }
}

extension StreamingTrainer {
    /// `model`'s parameters as the start of a fit over `classes` with `features`.
    ///
    /// - Throws: ``ModelAveragingError`` when the model's features or probability
    ///   model differ from the fit's (see ``ModelAveraging/incompatibility(_:_:)``).
    static func warmStart(_ model: TextClassifier, features: TfidfModel, classes: [String], multiClass: MultiClass) throws -> WarmStart {
        if let reason = ModelAveraging.incompatibility(features, model.vectorizer) ?? ModelAveraging.incompatibility(multiClass, model.model.multiClass) {
            throw ModelAveragingError(part: nil, "the warm-start model does not fit this training: \(reason)")
        }
        if model.multiLabel != nil { throw ModelAveragingError(part: nil, "a multi-label model cannot warm-start a single-label training") }
        return try WarmStart(model, labels: classes)
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
