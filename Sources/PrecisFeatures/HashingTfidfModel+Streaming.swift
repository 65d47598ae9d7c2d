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
        if let weighed = weighSortedRows(counts) { return weighed }
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

    /// ``weigh(counts:)`` when every row's columns are strictly increasing (as
    /// ``HashingVectorizer/counts(_:)`` makes them): the weights are written over a
    /// copy of the values, and the column indices and row offsets are shared with
    /// `counts`, not copied. The arithmetic is ``TfidfWeighting``'s, in the same
    /// order, so the bits are those of the general path. Nil for any other matrix.
    func weighSortedRows(_ counts: SparseMatrix) -> SparseMatrix? {
        let offsets = counts.rowOffsets, columns = counts.columnIndices
        for i in 0..<counts.rows {
            var k = offsets[i] + 1
            while k < offsets[i + 1] { if columns[k - 1] >= columns[k] { return nil }; k += 1 }
        }
        var x = counts
        let scratch = GrowableBuffer<Double>(capacity: 1024)
        idf.withUnsafeBufferPointer { idf in
            let weighting = TfidfWeighting(idf: idf, configuration: vectorizer.configuration)
            x.updateValues { values in
                values.withUnsafeMutableBufferPointer { values in
                    columns.withUnsafeBufferPointer { columns in
                        for i in 0..<counts.rows {
                            let start = offsets[i], n = offsets[i + 1] - start
                            guard n > 0 else { continue }
                            scratch.removeAll()
                            scratch.reserve(n)
                            for k in start..<(start + n) {
                                let column = Int(columns[k])
                                scratch.append(weighting.weight(count: UInt32(values[k]), idf: weighting.useIDF ? idf[column] : 1))
                            }
                            let w = scratch.base
                            let scale = TfidfWeighting.divisor(weighting.norm, count: n) { w[$0] }
                            for k in 0..<n { values[start + k] = Float(scale == 1 ? w[k] : w[k] / scale) }
                        }
                    }
                }
            }
        }
        return x
    }
}
