import Foundation
import PrecisCore
import PrecisLinearAlgebra

/// The one TF-IDF weighting of the package, exactly as scikit-learn's
/// `TfidfTransformer` computes it, shared by the vocabulary vectoriser
/// (``TfidfVectorizer`` / ``TfidfModel``), the hashing one (``HashingTfidfModel``)
/// and the summariser's sentence vectors:
///
/// - idf: `ln((1 + n) / (1 + df)) + 1` (smoothed) or `ln(n / df) + 1`, rounded to `Float`;
/// - a term seen `count` times weighs `tf × idf` with `tf = count`, or `1 + ln count`
///   when sublinear (`tf` alone without idf);
/// - each row is divided by its norm (L2, L1 or none; an all-zero row stays as it is).
///
/// Arithmetic is in `Double` (scikit-learn's default dtype) and each value is
/// rounded to `Float` once, so the same counts give the same bits on every path.
///
/// ```swift
/// let idf: [Float] = [1, TfidfWeighting.inverseDocumentFrequency(1, documents: 2, smooth: true)]
/// idf.withUnsafeBufferPointer { idf in
///     let weighting = TfidfWeighting(idf: idf, configuration: TfidfConfiguration())
///     let rows = RowsBuffer()
///     var pairs: [UInt64] = [1 << 32 | 2, 0 << 32 | 1]     // column << 32 | count
///     pairs.withUnsafeMutableBufferPointer {
///         weighting.appendCounts($0, scratch: rows.scratch, indices: rows.indices, values: rows.values)
///     }
///     rows.endRow()                                          // columns [0, 1], L2-normalised
/// }
/// ```
package struct TfidfWeighting {
    /// Inverse document frequency per column.
    package let idf: UnsafeBufferPointer<Float>
    package let sublinearTF: Bool
    package let useIDF: Bool
    package let norm: Norm

    /// A weighting with the tf, idf and norm settings of `configuration`.
    package init(idf: UnsafeBufferPointer<Float>, configuration: TfidfConfiguration) {
        self.idf = idf
        sublinearTF = configuration.sublinearTF
        useIDF = configuration.useIDF
        norm = configuration.norm
    }

    /// The idf of a term in `documentFrequency` of `documents` documents.
    @inline(__always)
    package static func inverseDocumentFrequency(_ documentFrequency: Int, documents: Int, smooth: Bool) -> Float {
        let s = smooth ? 1.0 : 0.0
        return Float(log((Double(documents) + s) / (Double(documentFrequency) + s)) + 1)
    }

    /// ``inverseDocumentFrequency(_:documents:smooth:)`` of every document frequency
    /// `0...documents`, index `d` holding the idf of `d` (the same `Float`s): a corpus has
    /// far more terms than distinct frequencies, so a lookup replaces a logarithm per term.
    package static func inverseDocumentFrequencies(documents: Int, smooth: Bool) -> [Float] {
        (0...max(0, documents)).map { inverseDocumentFrequency($0, documents: documents, smooth: smooth) }
    }

    /// The unnormalised weight of a term seen `count` times with inverse document frequency `idf`.
    @inline(__always)
    package func weight(count: UInt32, idf: Float) -> Double {
        let c = Double(count)
        // ln 1 = 0 exactly, and most terms occur once: no logarithm for them.
        let tf = sublinearTF ? (count == 1 ? 1 : 1 + log(c)) : c
        return useIDF ? tf * Double(idf) : tf
    }

    /// What a row whose `count` unnormalised weights are `weight(0..<count)` is divided by:
    /// its norm, or 1 without a norm or for an all-zero row.
    @inline(__always)
    static func divisor(_ norm: Norm, count: Int, _ weight: (Int) -> Double) -> Double {
        var total = 0.0
        switch norm {
        case .l2:
            for k in 0..<count { let w = weight(k); total += w * w }
            total = total.squareRoot()
        case .l1:
            for k in 0..<count { total += abs(weight(k)) }
        case .none:
            break
        }
        return norm == .none || total == 0 ? 1.0 : total
    }

    /// Appends a row given `pairs` of `column << 32 | k` (columns distinct,
    /// any order; sorted in place) where `weights[k]` is the unnormalised
    /// weight of that column. Long rows (1024 entries or more) are radix-sorted in `scratch`.
    @inline(__always)
    package func appendRow(_ pairs: UnsafeMutableBufferPointer<UInt64>, weights: UnsafePointer<Double>,
                           indices: GrowableBuffer<Int32>, values: GrowableBuffer<Float>,
                           scratch: GrowableBuffer<UInt64>? = nil) {
        let n = pairs.count
        guard n > 0 else { return }
        // Rows that arrive sorted (hashed rows, cached counts) skip the sort.
        var sorted = true
        for k in 1..<n where pairs[k - 1] > pairs[k] { sorted = false; break }
        // Radix sort clears and sums 2 × 2048 counters: worth it from about a thousand entries.
        if sorted {
        } else if n >= 1024, let scratch {
            scratch.reserve(n)
            RadixSort.sort(pairs, lowBit: 32, highBit: 32 + RadixSort.bits(idf.count), scratch: scratch.base)
        } else {
            Self.sort(pairs)
        }
        let scale = Self.divisor(norm, count: n) { weights[Int(pairs[$0] & 0xFFFF_FFFF)] }
        indices.reserve(indices.count + n)
        values.reserve(values.count + n)
        for k in 0..<n {
            let pair = pairs[k]
            indices.append(Int32(truncatingIfNeeded: pair >> 32))
            let w = weights[Int(pair & 0xFFFF_FFFF)]
            values.append(Float(scale == 1 ? w : w / scale))
        }
    }

    /// Appends the row for `pairs` of `column << 32 | count` (columns distinct, any order).
    @inline(__always)
    package func appendCounts(_ pairs: UnsafeMutableBufferPointer<UInt64>, scratch: GrowableBuffer<Double>,
                              indices: GrowableBuffer<Int32>, values: GrowableBuffer<Float>) {
        let n = pairs.count
        guard n > 0 else { return }
        scratch.removeAll()
        scratch.reserve(n)
        for k in 0..<n {
            let pair = pairs[k]
            let column = Int(pair >> 32)
            scratch.append(weight(count: UInt32(truncatingIfNeeded: pair), idf: useIDF ? idf[column] : 1))
            pairs[k] = pair & 0xFFFF_FFFF_0000_0000 | UInt64(k)
        }
        appendRow(pairs, weights: scratch.base, indices: indices, values: values)
    }

    /// Divides every row of `x` by its `norm` (the values as they are: no tf or idf).
    package static func normalize(_ x: inout SparseMatrix, _ norm: Norm) {
        guard norm != .none else { return }
        let offsets = x.rowOffsets, rows = x.rows
        x.updateValues { values in
            values.withUnsafeMutableBufferPointer { values in
                for i in 0..<rows {
                    let start = offsets[i], count = offsets[i + 1] - start
                    let scale = divisor(norm, count: count) { Double(values[start + $0]) }
                    guard scale != 1 else { continue }
                    for k in start..<(start + count) { values[k] = Float(Double(values[k]) / scale) }
                }
            }
        }
    }

    /// Ascending sort: insertion sort for short rows, ``UnstableSort`` otherwise.
    @inline(__always)
    static func sort(_ a: UnsafeMutableBufferPointer<UInt64>) {
        let n = a.count
        if n <= 24 {
            var i = 1
            while i < n {
                let x = a[i]
                var j = i - 1
                while j >= 0 && a[j] > x { a[j + 1] = a[j]; j -= 1 }
                a[j + 1] = x
                i += 1
            }
        } else {
            UnstableSort.sort(a)
        }
    }
}
