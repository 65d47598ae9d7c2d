import PrecisCore
import PrecisLinearAlgebra

extension HashingTfidfModel {
    /// A model from document frequencies counted elsewhere: by a stream that
    /// never held the corpus (``HashingVectorizer/counts(_:)`` block by block), or
    /// summed over the partitions of a distributed job. The idf is what
    /// ``HashingVectorizer/fit(_:)`` learns from the same documents.
    ///
    /// ```swift
    /// var df = [Int](repeating: 0, count: hashing.featureCount)
    /// for column in try hashing.counts(block).columnIndices { df[Int(column)] += 1 }
    /// let model = try HashingTfidfModel(vectorizer: hashing, documentFrequencies: df, documents: block.count)
    /// ```
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` for an invalid vectorizer (see
    ///   ``HashingVectorizer/validate()``; it must be unsigned), or frequencies that
    ///   do not match its columns.
    public init(vectorizer: HashingVectorizer, documentFrequencies: [Int], documents: Int) throws {
        try vectorizer.validateForFit()
        guard documentFrequencies.count == vectorizer.featureCount else {
            throw ConfigurationError("documentFrequencies", "\(documentFrequencies.count) columns",
                                     allowed: "one per hashed column (\(vectorizer.featureCount))")
        }
        guard documents >= 0, documentFrequencies.allSatisfy({ $0 >= 0 && $0 <= documents }) else {
            throw ConfigurationError("documentFrequencies", "outside 0...\(documents)", allowed: "counts of at most the documents")
        }
        let smooth = vectorizer.configuration.smoothIDF
        self.init(vectorizer: vectorizer, idf: documentFrequencies.map {
            TfidfWeighting.inverseDocumentFrequency($0, documents: documents, smooth: smooth)
        })
    }

    /// A model from its parts, as a model file stores them.
    ///
    /// - Precondition: one idf value per column.
    public init(vectorizer: HashingVectorizer, idfValues: [Float]) {
        precondition(idfValues.count == vectorizer.featureCount, "HashingTfidfModel: one idf per column")
        self.init(vectorizer: vectorizer, idf: idfValues)
    }

    /// The TF-IDF matrix of documents whose hashed counts are `counts` (from the
    /// same, unsigned ``HashingVectorizer/counts(_:)``): the same values as
    /// ``transform(_:)`` of those documents, without tokenising them again.
    public func weigh(counts: SparseMatrix) -> SparseMatrix {
        precondition(counts.columns == featureCount, "HashingTfidfModel.weigh: counts have \(counts.columns) columns, expected \(featureCount)")
        let out = RowsBuffer(entries: counts.nonZeroCount)
        let pairs = GrowableBuffer<UInt64>(capacity: 1024)
        idf.withUnsafeBufferPointer { idf in
            let weighting = TfidfWeighting(idf: idf, configuration: vectorizer.configuration)
            for i in 0..<counts.rows {
                pairs.removeAll()
                for p in counts.rowOffsets[i]..<counts.rowOffsets[i + 1] {
                    pairs.append(UInt64(UInt32(bitPattern: counts.columnIndices[p])) << 32 | UInt64(UInt32(counts.values[p])))
                }
                weighting.appendCounts(pairs.buffer, scratch: out.scratch, indices: out.indices, values: out.values)
                out.endRow()
            }
        }
        return RowsBuffer.concatenate([out], columns: featureCount)
    }
}
