import PrecisClassification
import PrecisCore
import PrecisDatasets
import PrecisFeatures
import PrecisLinearAlgebra

/// TF-IDF features of a stream of rows (a TSV or JSONL file, a pipe, standard
/// input) in bounded memory and input order, on all cores: what `precis vectorize`
/// does with `--hashing N` or a fitted vectoriser, for any size of input.
///
/// - ``transform(_:model:emit:)``: a fitted vectoriser (a vocabulary or a hashed
///   model) weighs each block as it is read. One pass.
/// - ``fitTransform(_:hashing:cacheDirectory:read:fitted:emit:)``: hashing that
///   learns its idf. The text is read and hashed once; the counts are spilled to an
///   anonymous temporary file (``HashedCountsCache``, as out-of-core training does)
///   while the document frequencies are summed; then the counts are read back and
///   weighed. So a pipe is read once and no text is tokenised twice.
///
/// The rows are those ``HashingTfidfModel/transform(_:)`` or
/// ``TfidfModel/transform(_:)`` give for all the documents at once, bit for bit.
///
/// ```swift
/// let rows = try LabeledRowStream(path: "big.tsv")
/// let writer = try MatrixMarketWriter(columns: 1 << 20)
/// let hashing = HashingVectorizer(featureCount: 1 << 20, alternateSign: false)
/// var idf: [Float] = []
/// try StreamingVectorization.fitTransform(rows, hashing: hashing, read: { _ in },
///                                        fitted: { idf = $0.idf }, emit: { try writer.append($0) })
/// ```
public enum StreamingVectorization {
    /// Weighs every block of `rows` with `model` as it is read: `emit` gets each
    /// block's rows (text and label) with their TF-IDF rows, in input order.
    ///
    /// - Throws: the first bad line's ``PrecisDatasets/DatasetError`` after every
    ///   block before it was emitted (unless ``StreamOptions/skipBadLines``), or what
    ///   `emit` threw.
    @discardableResult
    public static func transform(_ rows: LabeledRowStream, model: TfidfModel,
                                 emit: (_ rows: [TextRow], _ features: SparseMatrix) throws -> Void) throws -> StreamSummary {
        var block: [TextRow] = []
        return try rows.streamTexts(process: { read in
            block = read
            return [model.transform(read.map(\.text))]
        }, emit: { features in
            for matrix in features { try emit(block, matrix) }
        })
    }

    /// Learns the idf of `hashing` (unsigned) from `rows` and weighs every row by it.
    ///
    /// 1. Each block is parsed and hashed on all cores; `read` gets its rows (to
    ///    write their labels, say), the document frequencies are summed and the
    ///    counts spilled to a temporary file in `cacheDirectory` (default `$TMPDIR`).
    /// 2. `fitted` gets the model (the idf of every column); then `emit` gets the
    ///    TF-IDF rows of every document, block by block, in input order, read back
    ///    from the spill and weighed on all cores.
    ///
    /// A bad line ends the first pass: the documents before it still go through
    /// the second (so the output is that of the rows read, idf included), then its
    /// ``PrecisDatasets/DatasetError`` is thrown. With ``StreamOptions/skipBadLines``
    /// it is counted in the returned summary instead.
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` for a vectoriser that cannot learn
    ///   idf weights (signed, or a vocabulary option), ``ClassificationError/cache(_:)``
    ///   when the temporary file fails, a bad line's error, or what a closure threw.
    @discardableResult
    public static func fitTransform(_ rows: LabeledRowStream, hashing: HashingVectorizer, cacheDirectory: String? = nil,
                                    read: ([TextRow]) throws -> Void,
                                    fitted: (HashingTfidfModel) throws -> Void,
                                    emit: (SparseMatrix) throws -> Void) throws -> StreamSummary {
        var frequencies = try DocumentFrequencies(vectorizer: hashing)
        let cache = try HashedCountsCache(columns: hashing.featureCount, directory: cacheDirectory)
        var summary = StreamSummary()
        var stop: Error?
        do {
            var block: [TextRow] = []
            summary = try rows.streamTexts(process: { texts in
                block = texts
                return [try hashing.counts(texts.map(\.text))]
            }, emit: { counts in
                try read(block)
                for matrix in counts {
                    try frequencies.add(counts: matrix)
                    try cache.append(counts: matrix, labels: [Int32](repeating: 0, count: matrix.rows))
                }
            })
        } catch let error as DatasetError {
            // A bad line (or unreadable input): what came before it is still written.
            stop = error
        }
        let model = try frequencies.model()
        try fitted(model)
        // Pass 2: a wave of cached blocks weighed side by side, emitted in order.
        let wave = max(1, Parallelism.cores)
        var first = 0
        while first < cache.entries.count {
            let indices = first..<min(first + wave, cache.entries.count)
            let weighed = try Parallelism.map(indices.count, chunk: 1) { k in
                Result { try model.weigh(counts: cache.block(indices.lowerBound + k).counts) }
            }.map { try $0.get() }
            for matrix in weighed { try emit(matrix) }
            first = indices.upperBound
        }
        if let stop { throw stop }
        return summary
    }
}
