import Foundation
import PrecisCore

/// Turns one document's `(column, count)` pairs into a TF-IDF row exactly
/// as scikit-learn's `TfidfTransformer` does: `tf` (or `1 + ln tf` when
/// sublinear) times idf, then the row norm. Arithmetic is in `Double`
/// (scikit-learn's default dtype) and each value is rounded to `Float` once.
struct TfidfWeighting {
    let idf: UnsafeBufferPointer<Float>
    let sublinearTF: Bool
    let useIDF: Bool
    let norm: Norm

    /// The unnormalised weight of a term seen `count` times with inverse document frequency `idf`.
    @inline(__always)
    func weight(count: UInt32, idf: Float) -> Double {
        let c = Double(count)
        let tf = sublinearTF ? 1 + log(c) : c
        return useIDF ? tf * Double(idf) : tf
    }

    /// Appends a row given `pairs` of `column << 32 | k` (columns distinct,
    /// any order; sorted in place) where `weights[k]` is the unnormalised
    /// weight of that column. Long rows (1024 entries or more) are radix-sorted in `scratch`.
    @inline(__always)
    func appendRow(_ pairs: UnsafeMutableBufferPointer<UInt64>, weights: UnsafePointer<Double>,
                   indices: GrowableBuffer<Int32>, values: GrowableBuffer<Float>,
                   scratch: GrowableBuffer<UInt64>? = nil) {
        let n = pairs.count
        guard n > 0 else { return }
        // Radix sort clears and sums 2 × 2048 counters: worth it from about a thousand entries.
        if n >= 1024, let scratch {
            scratch.reserve(n)
            RadixSort.sort(pairs, lowBit: 32, highBit: 32 + RadixSort.bits(idf.count), scratch: scratch.base)
        } else {
            Self.sort(pairs)
        }
        var total = 0.0
        switch norm {
        case .l2: for k in 0..<n { let w = weights[Int(pairs[k] & 0xFFFF_FFFF)]; total += w * w }
                  total = total.squareRoot()
        case .l1: for k in 0..<n { total += abs(weights[Int(pairs[k] & 0xFFFF_FFFF)]) }
        case .none: break
        }
        let scale = norm == .none || total == 0 ? 1.0 : total
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
    func appendCounts(_ pairs: UnsafeMutableBufferPointer<UInt64>, scratch: GrowableBuffer<Double>,
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

    /// Ascending sort: insertion sort for short rows, the standard library's otherwise.
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
