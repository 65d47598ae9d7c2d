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
        withRowWeigher { weigher in
            x.updateValues { values in
                values.withUnsafeMutableBufferPointer { values in
                    columns.withUnsafeBufferPointer { columns in
                        for i in 0..<counts.rows {
                            let start = offsets[i], n = offsets[i + 1] - start
                            scratch.reserve(n)
                            let idf = weigher.idf
                            weigher.weigh(n, scratch: scratch.base, idf: { idf[Int(columns[start + $0])] },
                                          count: { UInt32(values[start + $0]) }, store: { values[start + $0] = $1 })
                        }
                    }
                }
            }
        }
        return x
    }

    /// Calls `body` with a ``RowWeigher`` of this model: the weighting of
    /// ``weigh(counts:)``, one row of counts at a time, wherever they are stored.
    ///
    /// ```swift
    /// model.withRowWeigher { weigher in
    ///     weigher.weigh(2, idf: idfOfTheColumns, counts: counts, scratch: doubles, into: row)
    /// }
    /// ```
    package func withRowWeigher<R>(_ body: (RowWeigher) throws -> R) rethrows -> R {
        try idf.withUnsafeBufferPointer { idf in
            try body(RowWeigher(weighting: TfidfWeighting(idf: idf, configuration: vectorizer.configuration)))
        }
    }

    /// Weighs one row of hashed counts whose columns strictly increase (and whose
    /// counts are checked): the arithmetic of ``weigh(counts:)``, in the same order,
    /// so the bits are the same whatever holds the counts (a cache read back, say).
    package struct RowWeigher {
        let weighting: TfidfWeighting

        /// The idf of each column (the model's own).
        package var idf: UnsafeBufferPointer<Float> { weighting.idf }

        /// Weighs the row of `n` entries whose `k`th has inverse document frequency
        /// `idf(k)` and is seen `count(k)` times, calling `store(k, value)` with each
        /// TF-IDF value, normalised; `scratch` must hold `n` values.
        @inline(__always)
        func weigh(_ n: Int, scratch: UnsafeMutablePointer<Double>, idf: (Int) -> Float,
                   count: (Int) -> UInt32, store: (Int, Float) -> Void) {
            guard n > 0 else { return }
            let useIDF = weighting.useIDF
            for k in 0..<n {
                scratch[k] = weighting.weight(count: count(k), idf: useIDF ? idf(k) : 1)
            }
            let scale = TfidfWeighting.divisor(weighting.norm, count: n) { scratch[$0] }
            for k in 0..<n { store(k, Float(scale == 1 ? scratch[k] : scratch[k] / scale)) }
        }

        /// Weighs the row of `n` entries whose `k`th has inverse document frequency
        /// `idf[k]` (looked up by the caller, ``idf``) and is seen `counts[k]` times,
        /// into `values[0..<n]`; `scratch` must hold `n` values.
        package func weigh(_ n: Int, idf: UnsafePointer<Float>, counts: UnsafePointer<UInt32>,
                           scratch: UnsafeMutablePointer<Double>, into values: UnsafeMutablePointer<Float>) {
            weigh(n, scratch: scratch, idf: { idf[$0] }, count: { counts[$0] }, store: { values[$0] = $1 })
        }
    }
}
