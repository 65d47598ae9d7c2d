import PrecisCore

/// Sparse × dense products, the two kernels a linear model needs on a TF-IDF matrix.
///
/// Both are hand-written loops over the CSR arrays, split into fixed row blocks
/// that run on every core (`Parallelism.forEachBlock`). Every output row is
/// computed by one thread in a fixed order, so the results are bit-identical
/// whatever the number of cores. The raw-pointer kernels are `package`; the
/// public API takes and returns ``Matrix`` values.
///
/// ```swift
/// let scores = x.multiply(weights, bias: intercepts)     // X·W + 1·bᵀ  (rows × k)
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
        multiply(w, bias: nil)
    }

    /// `X·W + 1·bᵀ`: the product plus `bias` (one value per column of `W`) on
    /// every row, or plain `X·W` when `bias` is nil. A linear model's scores.
    ///
    /// ```swift
    /// let scores = x.multiply(weights, bias: intercepts)
    /// ```
    ///
    /// - Precondition: `w.rows == columns` and `bias` (if any) has `w.columns` values.
    public func multiply(_ w: Matrix, bias: [Float]?) -> Matrix {
        var out = Matrix(rows: rows, columns: w.columns)
        multiply(w, bias: bias, into: &out)
        return out
    }

    /// `out ← X·W (+ 1·bᵀ)`, reusing `out`'s storage (which must be `rows × w.columns`).
    public func multiply(_ w: Matrix, bias: [Float]? = nil, into out: inout Matrix) {
        precondition(w.rows == columns, "multiply: W has \(w.rows) rows, X has \(columns) columns")
        precondition(out.rows == rows && out.columns == w.columns, "multiply: output has the wrong shape")
        precondition(bias == nil || bias!.count == w.columns, "multiply: bias needs one value per column of W")
        let k = w.columns
        guard rows > 0, k > 0 else { return }
        w.storage.withUnsafeBufferPointer { wb in
            out.elements.withUnsafeMutableBufferPointer { ob in
                if let bias {
                    bias.withUnsafeBufferPointer { bb in
                        multiply(wb.baseAddress!, columns: k, bias: bb.baseAddress!, into: ob.baseAddress!)
                    }
                } else {
                    multiply(wb.baseAddress!, columns: k, bias: nil, into: ob.baseAddress!)
                }
            }
        }
    }

    /// `out ← X·W + 1·bᵀ` on raw row-major buffers: `w` is `columns × k`, `bias`
    /// (optional) has `k` entries and `out` is `rows × k`. The building block of
    /// the optimisers, which keep weights and intercepts in one flat vector.
    package func multiply(_ w: UnsafePointer<Float>, columns k: Int, bias: UnsafePointer<Float>?,
                          into out: UnsafeMutablePointer<Float>) {
        guard rows > 0, k > 0 else { return }
        rowOffsets.withUnsafeBufferPointer { offsets in
            columnIndices.withUnsafeBufferPointer { indices in
                values.withUnsafeBufferPointer { vals in
                    Parallelism.forEachBlock(of: rows, blockSize: Self.parallelBlockRows) { block in
                        for i in block {
                            let dst = out + i * k
                            if let bias {
                                dst.update(from: bias, count: k)
                            } else {
                                dst.update(repeating: 0, count: k)
                            }
                            for p in offsets[i]..<offsets[i + 1] {
                                let v = vals[p]
                                let src = w + Int(indices[p]) * k
                                SparseRowKernel.axpy(v, src, dst, k)
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

/// A sparse matrix prepared for many products `X·W` and `Xᵀ·G` with the same `X`
/// (an optimiser's loop), both cache-friendly and parallel.
///
/// It keeps the transpose of `X` (CSR of `Xᵀ`, i.e. `X` by columns) and, for each
/// column, where each of a few row blocks starts. Then
/// - `Xᵀ·G` runs over the rows of `Xᵀ` in parallel, each output row written by one
///   thread, reading `G` (documents × classes, small enough to stay in cache);
/// - `X·W` runs one thread per row block, each streaming through `W` in feature
///   order and adding into its own rows of the output, instead of jumping around a
///   weight matrix that is far larger than the cache.
///
/// Every output element is summed in the same order (increasing feature index for
/// `X·W`, increasing row index for `Xᵀ·G`) whatever the number of blocks or cores,
/// so results are bit-identical on any machine with the same float arithmetic.
///
/// ```swift
/// let plan = SparseProductPlan(x)
/// let scores = plan.multiply(w, bias: b)              // X·W + 1·bᵀ
/// let gradient = plan.transposeMultiply(residuals)    // Xᵀ·G
/// ```
public struct SparseProductPlan: Sendable {
    /// Rows of `X`.
    public let rows: Int
    /// Columns of `X`.
    public let columns: Int
    /// `Xᵀ` in CSR form.
    public let transpose: SparseMatrix
    /// Number of row blocks of `X`.
    let blocks: Int
    /// First row of each block, plus `rows` at the end.
    let blockStarts: ContiguousArray<Int>
    /// For column `j` and block `b`, `splits[j * (blocks + 1) + b]` is the offset in
    /// `transpose` of the first entry of row `j` whose column (a row of `X`) is in block `b`.
    let splits: ContiguousArray<Int>

    /// Prepares `x`, splitting its rows into `blocks` blocks of about equal numbers
    /// of entries (by default one per core; results do not depend on it).
    public init(_ x: SparseMatrix, blocks: Int? = nil) {
        let requested = blocks ?? Parallelism.cores
        rows = x.rows
        columns = x.columns
        transpose = x.transposed()
        let b = max(1, min(requested, max(x.rows, 1)))
        self.blocks = b
        var starts = ContiguousArray<Int>([0])
        let nnz = x.nonZeroCount
        var row = 0
        for block in 1..<b {
            let target = nnz * block / b
            while row < x.rows && x.rowOffsets[row] < target { row += 1 }
            starts.append(max(row, starts.last!))
        }
        starts.append(x.rows)
        blockStarts = starts
        var table = ContiguousArray<Int>(repeating: 0, count: x.columns * (b + 1))
        let xt = transpose
        xt.rowOffsets.withUnsafeBufferPointer { offsets in
            xt.columnIndices.withUnsafeBufferPointer { indices in
                table.withUnsafeMutableBufferPointer { sp in
                    for j in 0..<x.columns {
                        var p = offsets[j]
                        let end = offsets[j + 1]
                        let base = j * (b + 1)
                        for block in 0..<b {
                            let start = starts[block]
                            while p < end && Int(indices[p]) < start { p += 1 }
                            sp[base + block] = p
                        }
                        sp[base + b] = end
                    }
                }
            }
        }
        self.splits = table
    }

    /// `X·W + 1·bᵀ` (or `X·W` when `bias` is nil), `rows × w.columns`; equal,
    /// bit for bit, to ``SparseMatrix/multiply(_:bias:)``.
    ///
    /// - Precondition: `w.rows == columns` and `bias` (if any) has `w.columns` values.
    public func multiply(_ w: Matrix, bias: [Float]? = nil) -> Matrix {
        precondition(w.rows == columns, "multiply: W has \(w.rows) rows, X has \(columns) columns")
        precondition(bias == nil || bias!.count == w.columns, "multiply: bias needs one value per column of W")
        var out = Matrix(rows: rows, columns: w.columns)
        let k = w.columns
        w.storage.withUnsafeBufferPointer { wb in
            out.elements.withUnsafeMutableBufferPointer { ob in
                guard let o = ob.baseAddress, let wp = wb.baseAddress else { return }
                if let bias {
                    bias.withUnsafeBufferPointer { multiply(wp, columns: k, bias: $0.baseAddress!, into: o) }
                } else {
                    multiply(wp, columns: k, bias: nil, into: o)
                }
            }
        }
        return out
    }

    /// `Xᵀ·G`, `columns × g.columns`; equal, bit for bit, to ``SparseMatrix/transposeMultiply(_:transpose:)``.
    ///
    /// - Precondition: `g.rows == rows`.
    public func transposeMultiply(_ g: Matrix) -> Matrix {
        precondition(g.rows == rows, "transposeMultiply: G has \(g.rows) rows, X has \(rows)")
        return transpose.multiply(g)
    }

    /// `out ← X·W (+ 1·bᵀ)`: `w` is `columns × k` row-major, `bias` has `k` entries,
    /// `out` is `rows × k`.
    package func multiply(_ w: UnsafePointer<Float>, columns k: Int, bias: UnsafePointer<Float>?,
                          into out: UnsafeMutablePointer<Float>) {
        guard rows > 0, k > 0 else { return }
        let b = blocks, d = columns
        blockStarts.withUnsafeBufferPointer { starts in
            splits.withUnsafeBufferPointer { sp in
                transpose.columnIndices.withUnsafeBufferPointer { indices in
                    transpose.values.withUnsafeBufferPointer { vals in
                        Parallelism.run(b) { block in
                            for i in starts[block]..<starts[block + 1] {
                                let dst = out + i * k
                                if let bias { dst.update(from: bias, count: k) } else { dst.update(repeating: 0, count: k) }
                            }
                            for j in 0..<d {
                                let lo = sp[j * (b + 1) + block], hi = sp[j * (b + 1) + block + 1]
                                if lo == hi { continue }
                                let src = w + j * k
                                for p in lo..<hi {
                                    let v = vals[p]
                                    let dst = out + Int(indices[p]) * k
                                    SparseRowKernel.axpy(v, src, dst, k)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `out ← Xᵀ·G`: `g` is `rows × k` row-major, `out` is `columns × k`.
    package func transposeMultiply(_ g: UnsafePointer<Float>, columns k: Int, into out: UnsafeMutablePointer<Float>) {
        transpose.multiply(g, columns: k, bias: nil, into: out)
    }
}

/// The inner step of the sparse × dense products: `dst[0..<k] += v · src[0..<k]`,
/// eight lanes at a time. Element-wise the same arithmetic as the scalar loop
/// (one multiply and one add per entry, no fusing), so results are bit-identical.
///
/// ```swift
/// SparseRowKernel.axpy(0.5, weightsRow, scoresRow, 20)
/// ```
enum SparseRowKernel {
    @inline(__always)
    static func axpy(_ v: Float, _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ k: Int) {
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        var c = 0
        while c + 8 <= k {
            let offset = c * MemoryLayout<Float>.stride
            let sum = d.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                + v * s.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            d.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Float>.self)
            c += 8
        }
        while c < k {
            dst[c] += v * src[c]
            c += 1
        }
    }
}
