import Foundation
import PrecisText

/// Turns documents into TF-IDF vectors, computing exactly what scikit-learn's
/// `TfidfVectorizer` computes for the same settings.
///
/// `TfidfVectorizer` holds configuration only; ``fit(_:)`` learns a
/// vocabulary and idf weights and returns them as a ``TfidfModel``, which
/// then ``TfidfModel/transform(_:)``s documents.
///
/// ```swift
/// let vectorizer = TfidfVectorizer()
/// let (model, x) = try vectorizer.fitTransform(["the cat sat", "the dog sat"])
/// model.vocabulary            // ["cat", "dog", "sat", "the"]
/// x.rows                      // 2
/// ```
///
/// Weights: `tf × idf` with `idf = ln((1 + n) / (1 + df)) + 1` (smoothed) or
/// `ln(n / df) + 1`; `tf` is the raw count or `1 + ln(count)` when
/// sublinear; rows are then normalised. Features are sorted by the UTF-8
/// bytes of the term (Python's string order), like scikit-learn's
/// `get_feature_names_out()`. Stop words are removed before n-grams are
/// formed; `max_features` keeps the terms most frequent in the corpus,
/// ties going to the term that sorts first.
///
/// How it runs: documents are split into one run per core; each run is
/// tokenised on raw UTF-8 bytes and counted into its own interning tables
/// (tokens keyed by their bytes, n-grams by id chains); the runs are merged
/// in document order, pruned, sorted, and the rows weighted in parallel.
public struct TfidfVectorizer: Sendable {
    /// The hyper-parameters.
    public var configuration: TfidfConfiguration

    /// A vectorizer with the given configuration (scikit-learn's defaults if omitted).
    public init(configuration: TfidfConfiguration = TfidfConfiguration()) {
        self.configuration = configuration
    }

    /// Learns the vocabulary and idf of `documents`.
    ///
    /// - Throws: ``FeatureError`` when no term survives the
    ///   document-frequency bounds and stop words.
    public func fit(_ documents: [String]) throws -> TfidfModel {
        let (counts, vocabulary) = try count(documents)
        _ = counts
        return makeModel(vocabulary, documents: documents.count)
    }

    /// Learns the vocabulary and idf of `documents` and returns their TF-IDF matrix.
    public func fitTransform(_ documents: [String]) throws -> (model: TfidfModel, matrix: SparseMatrix) {
        let (chunks, vocabulary) = try count(documents)
        let model = makeModel(vocabulary, documents: documents.count)
        let matrix = model.idf.withUnsafeBufferPointer { idf in
            let weighting = TfidfWeighting(idf: idf, sublinearTF: configuration.sublinearTF,
                                           useIDF: configuration.useIDF, norm: configuration.norm)
            return weigh(chunks, vocabulary: vocabulary, weighting: weighting, columns: model.featureCount)
        }
        return (model, matrix)
    }

    /// Counts every document (in parallel) and selects the vocabulary.
    private func count(_ documents: [String]) throws -> ([ChunkCounter], CorpusVocabulary) {
        guard !documents.isEmpty else { throw FeatureError.emptyVocabulary }
        let ranges = Parallelism.ranges(documents, parts: Parallelism.cores)
        let config = configuration
        let bytesPerRange = ranges.map { r in r.reduce(0) { $0 + documents[$1].utf8.count } }
        let chunks = ranges.indices.map { ChunkCounter(configuration: config, expectedBytes: bytesPerRange[$0]) }
        Parallelism.run(ranges.count) { i in chunks[i].count(documents, range: ranges[i]) }
        let vocabulary = CorpusVocabulary(merging: chunks)
        try vocabulary.select(documents: documents.count, configuration: config) { tokenCF, gramCF in
            for (c, chunk) in chunks.enumerated() {
                for e in 0..<chunk.entryFeatures.count {
                    let f = vocabulary.merged(chunk.entryFeatures[e], chunk: c)
                    let n = Int64(chunk.entryCounts[e])
                    if f & NGramTable.tag != 0 { gramCF[Int(f & ~NGramTable.tag)] += n } else { tokenCF[Int(f)] += n }
                }
            }
        }
        return (chunks, vocabulary)
    }

    /// The fitted model: terms as strings, in column order, and their idf.
    private func makeModel(_ vocabulary: CorpusVocabulary, documents n: Int) -> TfidfModel {
        let features = vocabulary.features
        var terms = [String](repeating: "", count: features.count)
        var idf = [Float](repeating: 0, count: features.count)
        let smooth = configuration.smoothIDF ? 1.0 : 0.0
        let total = Double(n) + smooth
        terms.withUnsafeMutableBufferPointer { terms in
            idf.withUnsafeMutableBufferPointer { idf in
                let parts = features.count > 50_000 ? Parallelism.cores : 1
                let step = (features.count + parts - 1) / parts
                Parallelism.run(parts) { p in
                    var scratch: [UInt32] = []
                    var bytes: [UInt8] = []
                    for j in (p * step)..<min(features.count, (p + 1) * step) {
                        let f = features[j]
                        terms[j] = vocabulary.term(f, scratch: &scratch, bytes: &bytes)
                        let df = Double(vocabulary.documentFrequency(f)) + smooth
                        idf[j] = Float(log(total / df) + 1)
                    }
                }
            }
        }
        return TfidfModel(configuration: configuration, sortedVocabulary: terms, idf: idf)
    }

    /// The TF-IDF rows of the counted documents, chunks weighted in parallel.
    private func weigh(_ chunks: [ChunkCounter], vocabulary: CorpusVocabulary,
                       weighting: TfidfWeighting, columns: Int) -> SparseMatrix {
        let parts = chunks.map { _ in RowsBuffer() }
        Parallelism.run(chunks.count) { c in
            let chunk = chunks[c]
            let out = parts[c]
            let pairs = GrowableBuffer<UInt64>(capacity: 1024)
            for d in 0..<(chunk.documentOffsets.count - 1) {
                pairs.removeAll()
                for e in chunk.documentOffsets[d]..<chunk.documentOffsets[d + 1] {
                    let column = vocabulary.column(vocabulary.merged(chunk.entryFeatures[e], chunk: c))
                    if column >= 0 { pairs.append(UInt64(column) << 32 | UInt64(chunk.entryCounts[e])) }
                }
                weighting.appendRow(pairs.buffer, scratch: out.scratch, indices: out.indices, values: out.values)
                out.offsets.append(out.indices.count)
            }
        }
        return RowsBuffer.concatenate(parts, columns: columns)
    }
}

/// Rows produced by one worker, concatenated into a ``SparseMatrix`` at the end.
final class RowsBuffer: @unchecked Sendable {
    let indices = GrowableBuffer<Int32>(capacity: 1 << 12)
    let values = GrowableBuffer<Float>(capacity: 1 << 12)
    let offsets = GrowableBuffer<Int>()
    let scratch = GrowableBuffer<Double>()

    init() { offsets.append(0) }

    static func concatenate(_ parts: [RowsBuffer], columns: Int) -> SparseMatrix {
        let nnz = parts.reduce(0) { $0 + $1.indices.count }
        let rows = parts.reduce(0) { $0 + $1.offsets.count - 1 }
        var offsets = ContiguousArray<Int>(repeating: 0, count: rows + 1)
        var indices = ContiguousArray<Int32>(repeating: 0, count: nnz)
        var values = ContiguousArray<Float>(repeating: 0, count: nnz)
        var row = 0, base = 0
        offsets.withUnsafeMutableBufferPointer { offsets in
            indices.withUnsafeMutableBufferPointer { indices in
                values.withUnsafeMutableBufferPointer { values in
                    for part in parts {
                        for r in 1..<part.offsets.count { offsets[row + r] = base + part.offsets[r] }
                        row += part.offsets.count - 1
                        if part.indices.count > 0, let i = indices.baseAddress, let v = values.baseAddress {
                            (i + base).update(from: part.indices.base, count: part.indices.count)
                            (v + base).update(from: part.values.base, count: part.values.count)
                        }
                        base += part.indices.count
                    }
                }
            }
        }
        return SparseMatrix(rows: rows, columns: columns, rowOffsets: offsets, columnIndices: indices, values: values)
    }
}
