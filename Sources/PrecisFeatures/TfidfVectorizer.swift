import Foundation
import PrecisText
import PrecisCore
import PrecisLinearAlgebra

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
/// How it runs (both cores, deterministic whatever the split):
/// 1. runs of documents are tokenised in parallel on their UTF-8 bytes, each
///    run interning tokens by their bytes in its own table and counting
///    unigrams per document;
/// 2. the runs' token tables are merged (tokens only, cheap);
/// 3. n-grams are counted by partitions that each own the n-grams whose
///    first word hashes to them (n-grams are chains of ids, never strings),
///    so no n-gram table is ever merged;
/// 4. document-frequency pruning, `max_features`, byte-order sort
///    (radix sort on word ranks), idf;
/// 5. the rows are weighted and normalised in parallel.
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
        let vocabulary = try count(documents).2
        return makeModel(vocabulary, documents: documents.count)
    }

    /// Learns the vocabulary and idf of `documents` and returns their TF-IDF matrix.
    public func fitTransform(_ documents: [String]) throws -> (model: TfidfModel, matrix: SparseMatrix) {
        let (passes, partitions, vocabulary) = try count(documents)
        let model = makeModel(vocabulary, documents: documents.count)
        let matrix = model.idf.withUnsafeBufferPointer { idf in
            let weighting = TfidfWeighting(idf: idf, configuration: configuration)
            return weigh(passes, partitions, vocabulary: vocabulary, weighting: weighting, columns: model.featureCount)
        }
        return (model, matrix)
    }

    /// Counts every document (in parallel) and selects the vocabulary.
    private func count(_ documents: [String]) throws -> ([TokenPass], [GramPartition], CorpusVocabulary) {
        try configuration.validate()
        guard !documents.isEmpty else { throw FeatureError.emptyVocabulary }
        let config = configuration
        // 1. Tokenise runs of documents in parallel, each with its own token table.
        let ranges = Parallelism.ranges(documents, parts: Parallelism.cores)
        let bytesPerRange = ranges.map { r in r.reduce(0) { $0 + documents[$1].utf8.count } }
        let passes = ranges.indices.map { TokenPass(configuration: config, range: ranges[$0], expectedBytes: bytesPerRange[$0]) }
        let countUnigrams = config.ngramRange.lowerBound == 1
        let keepSequence = config.ngramRange.upperBound > 1
        Parallelism.run(passes.count) { i in
            passes[i].run(documents, tokenizer: config.tokenizer, countUnigrams: countUnigrams, keepSequence: keepSequence)
        }
        // 2. One token table (the first run's, grown with the others' tokens); map the others' ids.
        let tokens = passes[0].tokens
        let tokenDF = passes[0].tokenDF
        var maps: [GrowableBuffer<UInt32>?] = [nil]
        for pass in passes.dropFirst() {
            let map = GrowableBuffer<UInt32>(capacity: pass.tokens.count)
            for local in 0..<pass.tokens.count {
                let id = tokens.intern(pass.tokens.bytes(local))
                if id == tokenDF.count { tokenDF.append(0) }
                tokenDF[id] += pass.tokenDF[local]
                map.append(UInt32(id))
            }
            maps.append(map)
        }
        Parallelism.run(passes.count) { i in if let map = maps[i] { passes[i].remap(map) } }
        // 3. Count n-grams, partitioned by the owner of their first word.
        var partitions: [GramPartition] = []
        if config.ngramRange.upperBound > 1 {
            let partitionCount = ranges.count
            var owner = [UInt8](repeating: 0, count: tokens.count)
            for t in 0..<tokens.count { owner[t] = UInt8(truncatingIfNeeded: Int(ByteHashing.mix(UInt64(t)) >> 32) % partitionCount) }
            let occurrences = passes.reduce(0) { $0 + $1.sequence.count }
            partitions = (0..<partitionCount).map { GramPartition(index: $0, expectedOccurrences: occurrences / partitionCount) }
            let all = partitions
            owner.withUnsafeBufferPointer { owner in
                Parallelism.run(partitionCount) { p in all[p].run(passes, owner: owner.baseAddress!, configuration: config) }
            }
        }
        let vocabulary = CorpusVocabulary(tokens: tokens, tokenDF: tokenDF, partitions: partitions)
        try vocabulary.select(documents: documents.count, configuration: config) { tokenCF, gramCF in
            for pass in passes {
                for e in 0..<pass.unigrams.count { tokenCF[Int(pass.unigrams[e])] += Int64(pass.unigramCounts[e]) }
            }
            for (p, partition) in partitions.enumerated() {
                let base = vocabulary.gramOffsets[p]
                for e in 0..<partition.features.count {
                    let f = partition.features[e]
                    let n = Int64(partition.counts[e])
                    if f & NGramTable.tag != 0 { gramCF[base + Int(f & ~NGramTable.tag)] += n } else { tokenCF[Int(f)] += n }
                }
            }
        }
        return (passes, partitions, vocabulary)
    }

    /// The fitted model: terms (compact UTF-8) in column order, and their idf.
    private func makeModel(_ vocabulary: CorpusVocabulary, documents n: Int) -> TfidfModel {
        let features = vocabulary.features
        var idf = [Float](repeating: 0, count: features.count)
        let parts = features.count > 50_000 ? Parallelism.cores : 1
        let step = (features.count + parts - 1) / parts
        let pieces = (0..<parts).map { _ in (GrowableBuffer<UInt8>(capacity: 1 << 16), GrowableBuffer<Int>(capacity: 1 << 12)) }
        // One logarithm per possible document frequency when there are fewer of those than features.
        let idfOfDF = n < features.count ? TfidfWeighting.inverseDocumentFrequencies(documents: n, smooth: configuration.smoothIDF) : []
        idf.withUnsafeMutableBufferPointer { idf in
            Parallelism.run(parts) { p in
                var scratch: [UInt32] = []
                let (bytes, ends) = pieces[p]
                for j in (p * step)..<min(features.count, (p + 1) * step) {
                    let f = features[j]
                    vocabulary.appendTerm(f, to: bytes, scratch: &scratch)
                    ends.append(bytes.count)
                    let df = Int(vocabulary.documentFrequency(f))
                    idf[j] = idfOfDF.isEmpty
                        ? TfidfWeighting.inverseDocumentFrequency(df, documents: n, smooth: configuration.smoothIDF)
                        : idfOfDF[df]
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

    /// The TF-IDF rows of the counted documents: documents split over the
    /// cores, each row gathered from every partition's entries.
    private func weigh(_ passes: [TokenPass], _ partitions: [GramPartition], vocabulary: CorpusVocabulary,
                       weighting: TfidfWeighting, columns: Int) -> SparseMatrix {
        // Per global token / n-gram: column << 32 | idf bits, or .max when not a feature.
        let tokenInfo = GrowableBuffer<UInt64>(repeating: .max, count: vocabulary.tokenDF.count)
        let gramInfo = GrowableBuffer<UInt64>(repeating: .max, count: vocabulary.gramDF.count)
        for (column, f) in vocabulary.features.enumerated() {
            let info = Self.info(Int32(column), weighting)
            if f & NGramTable.tag != 0 { gramInfo[Int(f & ~NGramTable.tag)] = info } else { tokenInfo[Int(f)] = info }
        }
        let parts = passes.map { _ in RowsBuffer() }
        let tokenBase = tokenInfo.base, gramBase = gramInfo.base
        Parallelism.run(passes.count) { r in
            let out = parts[r]
            let pass = passes[r]
            let pairs = GrowableBuffer<UInt64>(capacity: 1024)
            let weights = GrowableBuffer<Double>(capacity: 1024)
            let sortScratch = GrowableBuffer<UInt64>(capacity: 1024)
            let unigrams = pass.unigrams.base, unigramCounts = pass.unigramCounts.base
            for d in pass.range {
                pairs.removeAll()
                weights.removeAll()
                let k = d - pass.range.lowerBound
                for e in pass.unigramEnds[k]..<pass.unigramEnds[k + 1] {
                    let info = tokenBase[Int(unigrams[e])]
                    if info == .max { continue }
                    let idf = Float(bitPattern: UInt32(truncatingIfNeeded: info))
                    pairs.append(info & 0xFFFF_FFFF_0000_0000 | UInt64(weights.count))
                    weights.append(weighting.weight(count: unigramCounts[e], idf: idf))
                }
                for (p, partition) in partitions.enumerated() {
                    let features = partition.features.base, counts = partition.counts.base
                    let gramBaseP = gramBase + vocabulary.gramOffsets[p]
                    for e in partition.documentOffsets[d]..<partition.documentOffsets[d + 1] {
                        let info = gramBaseP[Int(features[e] & ~NGramTable.tag)]
                        if info == .max { continue }
                        let idf = Float(bitPattern: UInt32(truncatingIfNeeded: info))
                        pairs.append(info & 0xFFFF_FFFF_0000_0000 | UInt64(weights.count))
                        weights.append(weighting.weight(count: counts[e], idf: idf))
                    }
                }
                weighting.appendRow(pairs.buffer, weights: weights.base, indices: out.indices, values: out.values,
                                    scratch: sortScratch)
                out.endRow()
            }
            withExtendedLifetime((weights, pass)) {}
        }
        withExtendedLifetime((tokenInfo, gramInfo, partitions, passes)) {}
        return RowsBuffer.concatenate(parts, columns: columns)
    }

    @inline(__always)
    private static func info(_ column: Int32, _ weighting: TfidfWeighting) -> UInt64 {
        guard column >= 0 else { return .max }
        let idf = weighting.useIDF ? weighting.idf[Int(column)] : 1
        return UInt64(column) << 32 | UInt64(idf.bitPattern)
    }
}
