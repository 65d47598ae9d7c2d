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
    ///
    /// ```swift
    /// let counts = try model.vectorizer.counts(["the cat sat"])
    /// let x = try model.weigh(counts: counts)     // == model.transform(["the cat sat"])
    /// ```
    ///
    /// - Throws: ``FeatureError/invalidCounts(_:)`` when `counts` has other columns
    ///   than ``featureCount``, a column index out of range, or a value that is not a
    ///   whole number in `0..<2^32` (negative, fractional, NaN or infinite).
    public func weigh(counts: SparseMatrix) throws -> SparseMatrix {
        guard counts.columns == featureCount else {
            throw FeatureError.invalidCounts("the matrix has \(counts.columns) columns, the model \(featureCount)")
        }
        if try Self.checkCounts(counts) { return weighSortedRows(counts) }
        let out = RowsBuffer(entries: counts.nonZeroCount)
        let pairs = GrowableBuffer<UInt64>(capacity: 1024)
        idf.withUnsafeBufferPointer { idf in
            let weighting = TfidfWeighting(idf: idf, configuration: vectorizer.configuration)
            for i in 0..<counts.rows {
                pairs.removeAll()
                for p in counts.rowOffsets[i]..<counts.rowOffsets[i + 1] {
                    // Checked above: a whole number in 0..<2^32.
                    pairs.append(UInt64(UInt32(bitPattern: counts.columnIndices[p])) << 32 | UInt64(UInt32(counts.values[p])))
                }
                weighting.appendCounts(pairs.buffer, scratch: out.scratch, indices: out.indices, values: out.values)
                out.endRow()
            }
        }
        return RowsBuffer.concatenate([out], columns: featureCount)
    }

    /// Checks every entry of `counts` (a column in range, a whole number in
    /// `0..<2^32`) and tells whether each row's columns strictly increase (as
    /// ``HashingVectorizer/counts(_:)`` makes them), in one pass over the entries.
    ///
    /// - Throws: ``FeatureError/invalidCounts(_:)`` naming the first bad entry.
    static func checkCounts(_ counts: SparseMatrix) throws -> Bool {
        let offsets = counts.rowOffsets, columnCount = counts.columns
        var sorted = true
        var bad: (row: Int, column: Int32, value: Float)?
        counts.columnIndices.withUnsafeBufferPointer { columns in
            counts.values.withUnsafeBufferPointer { values in
                rows: for i in 0..<counts.rows {
                    var previous: Int32 = -1
                    for k in offsets[i]..<offsets[i + 1] {
                        let column = columns[k], value = values[k]
                        // One test each: `value >= 0` is false for NaN; `< 2^32` for +infinity.
                        guard column >= 0, Int(column) < columnCount, value >= 0, value < 0x1p32,
                              value == value.rounded(.towardZero) else {
                            bad = (i, column, value)
                            break rows
                        }
                        if column <= previous { sorted = false }
                        previous = column
                    }
                }
            }
        }
        if let bad {
            throw FeatureError.invalidCounts("row \(bad.row), column \(bad.column) holds \(bad.value) "
                                             + "(expected a column in 0..<\(columnCount) and a whole count in 0..<2^32)")
        }
        return sorted
    }

    /// ``weigh(counts:)`` when every row's columns are strictly increasing (as
    /// ``HashingVectorizer/counts(_:)`` makes them) and every count was checked: the
    /// weights are written over a copy of the values, and the column indices and row
    /// offsets are shared with `counts`, not copied. The arithmetic is
    /// ``TfidfWeighting``'s, in the same order, so the bits are those of the general path.
    func weighSortedRows(_ counts: SparseMatrix) -> SparseMatrix {
        let offsets = counts.rowOffsets, columns = counts.columnIndices
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
