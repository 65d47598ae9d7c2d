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
        Trace.mark("count+merge+select")
        let model = makeModel(vocabulary, documents: documents.count)
        Trace.mark("model")
        defer { Trace.mark("weigh") }
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
        Trace.mark("start")
        Parallelism.run(ranges.count) { i in chunks[i].count(documents, range: ranges[i]) }
        Trace.mark("count")
        let vocabulary = CorpusVocabulary(merging: chunks)
        Trace.mark("merge")
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

    /// The fitted model: terms (compact UTF-8) in column order, and their idf.
    private func makeModel(_ vocabulary: CorpusVocabulary, documents n: Int) -> TfidfModel {
        let features = vocabulary.features
        var idf = [Float](repeating: 0, count: features.count)
        let smooth = configuration.smoothIDF ? 1.0 : 0.0
        let total = Double(n) + smooth
        let parts = features.count > 50_000 ? Parallelism.cores : 1
        let step = (features.count + parts - 1) / parts
        let pieces = (0..<parts).map { _ in (GrowableBuffer<UInt8>(capacity: 1 << 16), GrowableBuffer<Int>(capacity: 1 << 12)) }
        idf.withUnsafeMutableBufferPointer { idf in
            Parallelism.run(parts) { p in
                var scratch: [UInt32] = []
                let (bytes, ends) = pieces[p]
                for j in (p * step)..<min(features.count, (p + 1) * step) {
                    let f = features[j]
                    vocabulary.appendTerm(f, to: bytes, scratch: &scratch)
                    ends.append(bytes.count)
                    let df = Double(vocabulary.documentFrequency(f)) + smooth
                    idf[j] = Float(log(total / df) + 1)
                }
            }
        }
        var termBytes = ContiguousArray<UInt8>()
        termBytes.reserveCapacity(pieces.reduce(0) { $0 + $1.0.count })
        var offsets = ContiguousArray<Int>()
        offsets.reserveCapacity(features.count + 1)
        offsets.append(0)
        for (bytes, ends) in pieces {
            let base = termBytes.count
            termBytes.append(contentsOf: UnsafeBufferPointer(start: bytes.base, count: bytes.count))
            for k in 0..<ends.count { offsets.append(base + ends[k]) }
        }
        return TfidfModel(configuration: configuration, termBytes: termBytes, offsets: offsets, idf: idf)
    }

    /// The TF-IDF rows of the counted documents, chunks weighted in parallel.
    private func weigh(_ chunks: [ChunkCounter], vocabulary: CorpusVocabulary,
                       weighting: TfidfWeighting, columns: Int) -> SparseMatrix {
        let parts = chunks.map { _ in RowsBuffer() }
        Parallelism.run(chunks.count) { c in
            let chunk = chunks[c]
            let out = parts[c]
            // Per local feature: column << 32 | idf bits, or .max when not a feature.
            let tokenInfo = GrowableBuffer<UInt64>(capacity: chunk.tokens.count)
            let gramInfo = GrowableBuffer<UInt64>(capacity: chunk.grams.count)
            for local in 0..<chunk.tokens.count {
                tokenInfo.append(Self.info(vocabulary.column(vocabulary.merged(UInt32(local), chunk: c)), weighting))
            }
            for local in 0..<chunk.grams.count {
                gramInfo.append(Self.info(vocabulary.column(vocabulary.merged(NGramTable.tagged(local), chunk: c)), weighting))
            }
            let tokenBase = tokenInfo.base, gramBase = gramInfo.base
            let features = chunk.entryFeatures.base, counts = chunk.entryCounts.base
            let offsets = chunk.documentOffsets
            let pairs = GrowableBuffer<UInt64>(capacity: 1024)
            let weights = GrowableBuffer<Double>(capacity: 1024)
            for d in 0..<(offsets.count - 1) {
                pairs.removeAll()
                weights.removeAll()
                for e in offsets[d]..<offsets[d + 1] {
                    let f = features[e]
                    let info = f & NGramTable.tag != 0 ? gramBase[Int(f & ~NGramTable.tag)] : tokenBase[Int(f)]
                    if info == .max { continue }
                    let idf = Float(bitPattern: UInt32(truncatingIfNeeded: info))
                    pairs.append(info & 0xFFFF_FFFF_0000_0000 | UInt64(weights.count))
                    weights.append(weighting.weight(count: counts[e], idf: idf))
                }
                weighting.appendRow(pairs.buffer, weights: weights.base, indices: out.indices, values: out.values)
                out.offsets.append(out.indices.count)
            }
            // The raw pointers above must not outlive their buffers.
            withExtendedLifetime((tokenInfo, gramInfo, weights, chunk)) {}
        }
        return RowsBuffer.concatenate(parts, columns: columns)
    }

    @inline(__always)
    private static func info(_ column: Int32, _ weighting: TfidfWeighting) -> UInt64 {
        guard column >= 0 else { return .max }
        let idf = weighting.useIDF ? weighting.idf[Int(column)] : 1
        return UInt64(column) << 32 | UInt64(idf.bitPattern)
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

enum Trace {
    nonisolated(unsafe) static var last = (0.0, 0.0)
    static let on = ProcessInfo.processInfo.environment["PRECIS_TRACE"] != nil
    static func now() -> (Double, Double) {
        var w = timespec(), c = timespec()
        clock_gettime(CLOCK_MONOTONIC, &w)
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c)
        return (Double(w.tv_sec) + Double(w.tv_nsec) / 1e9, Double(c.tv_sec) + Double(c.tv_nsec) / 1e9)
    }
    static func mark(_ what: String) {
        guard on else { return }
        let n = now()
        FileHandle.standardError.write(Data("\(what): wall \(Int((n.0 - last.0) * 1000)) ms, cpu \(Int((n.1 - last.1) * 1000)) ms\n".utf8))
        last = n
    }
}
