import Dispatch
import PrecisLinearAlgebra

/// Sparse × dense products, the two kernels a linear model needs on a TF-IDF matrix.
///
/// Both are hand-written loops over the CSR arrays, split into a fixed number of
/// row blocks that run on every core (`DispatchQueue.concurrentPerform`). Every
/// output row is computed by one thread in a fixed order, so the results are
/// bit-identical whatever the number of cores.
///
/// ```swift
/// let scores = x.multiply(weights)              // X·W  (rows × k)
/// let xt = x.transposed()
/// let gradient = x.transposeMultiply(g, transpose: xt)   // Xᵀ·G (columns × k)
/// ```
extension SparseMatrix {
    /// Rows per parallel block: big enough to amortise dispatch, small enough to balance.
    static let parallelBlockRows = 256

    /// `X·W`: this `rows × columns` matrix times a dense `columns × k` matrix,
    /// giving a dense `rows × k` matrix. O(non-zeros × k).
    ///
    /// ```swift
    /// let y = x.multiply(Matrix(rows: x.columns, columns: 3, repeating: 1))
    /// ```
    ///
    /// - Precondition: `w.rows == columns`.
    public func multiply(_ w: Matrix) -> Matrix {
        var out = Matrix(rows: rows, columns: w.columns)
        multiply(w, into: &out)
        return out
    }

    /// `out ← X·W`, reusing `out`'s storage (which must be `rows × w.columns`).
    public func multiply(_ w: Matrix, into out: inout Matrix) {
        precondition(w.rows == columns, "multiply: W has \(w.rows) rows, X has \(columns) columns")
        precondition(out.rows == rows && out.columns == w.columns, "multiply: output has the wrong shape")
        let k = w.columns
        guard rows > 0, k > 0 else { return }
        w.storage.withUnsafeBufferPointer { wb in
            out.storage.withUnsafeMutableBufferPointer { ob in
                multiply(wb.baseAddress!, columns: k, bias: nil, into: ob.baseAddress!)
            }
        }
    }

    /// `out ← X·W + 1·bᵀ` on raw row-major buffers: `w` is `columns × k`, `bias`
    /// (optional) has `k` entries and `out` is `rows × k`. The building block of
    /// the optimisers, which keep weights and intercepts in one flat vector.
    ///
    /// ```swift
    /// weights.withUnsafeBufferPointer { w in
    ///     scores.withUnsafeMutableBufferPointer { s in
    ///         x.multiply(w.baseAddress!, columns: k, bias: nil, into: s.baseAddress!)
    ///     }
    /// }
    /// ```
    public func multiply(_ w: UnsafePointer<Float>, columns k: Int, bias: UnsafePointer<Float>?,
                         into out: UnsafeMutablePointer<Float>) {
        guard rows > 0, k > 0 else { return }
        let blocks = (rows + Self.parallelBlockRows - 1) / Self.parallelBlockRows
        let rowCount = rows
        rowOffsets.withUnsafeBufferPointer { offsets in
            columnIndices.withUnsafeBufferPointer { indices in
                values.withUnsafeBufferPointer { vals in
                    DispatchQueue.concurrentPerform(iterations: blocks) { block in
                        let first = block * Self.parallelBlockRows
                        let last = min(rowCount, first + Self.parallelBlockRows)
                        for i in first..<last {
                            let dst = out + i * k
                            if let bias {
                                dst.update(from: bias, count: k)
                            } else {
                                dst.update(repeating: 0, count: k)
                            }
                            for p in offsets[i]..<offsets[i + 1] {
                                let v = vals[p]
                                let src = w + Int(indices[p]) * k
                                for c in 0..<k { dst[c] += v * src[c] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `Xᵀ·G`: the transpose of this `rows × columns` matrix times a dense
    /// `rows × k` matrix, giving a dense `columns × k` matrix. O(non-zeros × k).
    ///
    /// `transpose` must be `self.transposed()`; pass it when calling repeatedly
    /// (an optimiser's gradient) so it is built once. Computed as the row-parallel
    /// product of the transpose, so it is deterministic and needs no locks.
    ///
    /// ```swift
    /// let xt = x.transposed()
    /// let grad = x.transposeMultiply(residuals, transpose: xt)
    /// ```
    public func transposeMultiply(_ g: Matrix, transpose: SparseMatrix? = nil) -> Matrix {
        precondition(g.rows == rows, "transposeMultiply: G has \(g.rows) rows, X has \(rows)")
        let xt = transpose ?? transposed()
        precondition(xt.rows == columns && xt.columns == rows, "transposeMultiply: transpose has the wrong shape")
        return xt.multiply(g)
    }
}
