import Foundation

/// Turns one document's `(column, count)` pairs into a TF-IDF row exactly
/// as scikit-learn's `TfidfTransformer` does: `tf` (or `1 + ln tf` when
/// sublinear) times idf, then the row norm. Arithmetic is in `Double`
/// (scikit-learn's default dtype) and each value is rounded to `Float` once.
struct TfidfWeighting {
    let idf: UnsafeBufferPointer<Float>
    let sublinearTF: Bool
    let useIDF: Bool
    let norm: Norm

    /// Appends the row for `pairs` (each `column << 32 | count`, any order,
    /// columns distinct) to `indices` / `values`. `pairs` is sorted in place.
    @inline(__always)
    func appendRow(_ pairs: UnsafeMutableBufferPointer<UInt64>, scratch: GrowableBuffer<Double>,
                   indices: GrowableBuffer<Int32>, values: GrowableBuffer<Float>) {
        let n = pairs.count
        guard n > 0 else { return }
        Self.sort(pairs)
        scratch.removeAll()
        scratch.reserve(n)
        var total = 0.0
        for k in 0..<n {
            let pair = pairs[k]
            let column = Int(pair >> 32)
            let count = Double(UInt32(truncatingIfNeeded: pair))
            var w = sublinearTF ? 1 + log(count) : count
            if useIDF { w *= Double(idf[column]) }
            scratch.append(w)
            switch norm {
            case .l2: total += w * w
            case .l1: total += abs(w)
            case .none: break
            }
        }
        var scale = 1.0
        switch norm {
        case .l2: if total > 0 { scale = total.squareRoot() }
        case .l1: if total > 0 { scale = total }
        case .none: break
        }
        indices.reserve(indices.count + n)
        values.reserve(values.count + n)
        for k in 0..<n {
            indices.append(Int32(truncatingIfNeeded: pairs[k] >> 32))
            values.append(Float(norm == .none ? scratch[k] : scratch[k] / scale))
        }
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
            var a = a
            a.sort()
        }
    }
}
