import CBLAS

/// Single-precision dense linear algebra through the system's CBLAS.
///
/// Every routine is a thin, checked wrapper over the matching `cblas_s*`
/// function: shapes are validated with preconditions and then handed to BLAS,
/// so whichever implementation `libblas.so.3` points at (reference BLAS or
/// OpenBLAS, chosen by Debian's alternatives) does the arithmetic.
/// Matrices are row-major (``Matrix``); vectors are contiguous `Float` buffers.
///
/// ```swift
/// let a = Matrix([[1, 2], [3, 4]])
/// let x: [Float] = [1, 1]
/// var y = [Float](repeating: 0, count: 2)
/// BLAS.gemv(a, x, into: &y)          // y = A·x = [3, 7]
/// ```
///
/// Numerical behaviour is BLAS's: results are accumulated in `Float`, and
/// the summation order (hence the last bits) can differ between BLAS
/// implementations and thread counts.
public enum BLAS {

    // MARK: Level 1

    /// Dot product `xᵀy` of two equally long vectors (the buffer kernel behind the array API). O(n).
    @inlinable
    package static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        precondition(x.count == y.count, "dot: vector lengths differ")
        guard x.count > 0 else { return 0 }
        return cblas_sdot(Int32(x.count), x.baseAddress, 1, y.baseAddress, 1)
    }

    /// Dot product `xᵀy` of two equally long arrays. O(n).
    @inlinable
    public static func dot<X: ContiguousFloats, Y: ContiguousFloats>(_ x: X, _ y: Y) -> Float {
        x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in dot(xb, yb) } }
    }

    /// Euclidean norm `‖x‖₂`, computed by BLAS without intermediate overflow. O(n).
    @inlinable
    package static func nrm2(_ x: UnsafeBufferPointer<Float>) -> Float {
        guard x.count > 0 else { return 0 }
        return cblas_snrm2(Int32(x.count), x.baseAddress, 1)
    }

    /// Euclidean norm `‖x‖₂` of an array. O(n).
    @inlinable
    public static func nrm2<X: ContiguousFloats>(_ x: X) -> Float {
        x.withUnsafeBufferPointer { nrm2($0) }
    }

    /// `y ← αx + y`. O(n).
    @inlinable
    package static func axpy(_ alpha: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == y.count, "axpy: vector lengths differ")
        guard x.count > 0 else { return }
        cblas_saxpy(Int32(x.count), alpha, x.baseAddress, 1, y.baseAddress, 1)
    }

    /// `y ← αx + y` on arrays. O(n).
    @inlinable
    public static func axpy<X: ContiguousFloats, Y: MutableContiguousFloats>(_ alpha: Float, _ x: X, _ y: inout Y) {
        x.withUnsafeBufferPointer { xb in y.withUnsafeMutableBufferPointer { yb in axpy(alpha, xb, yb) } }
    }

    /// `x ← αx`. O(n).
    @inlinable
    package static func scal(_ alpha: Float, _ x: UnsafeMutableBufferPointer<Float>) {
        guard x.count > 0 else { return }
        cblas_sscal(Int32(x.count), alpha, x.baseAddress, 1)
    }

    /// `x ← αx` on an array. O(n).
    @inlinable
    public static func scal<X: MutableContiguousFloats>(_ alpha: Float, _ x: inout X) {
        x.withUnsafeMutableBufferPointer { scal(alpha, $0) }
    }

    // MARK: Level 2

    /// `y ← α·op(A)·x + β·y`, where `op(A)` is `A` or `Aᵀ`. O(rows × columns).
    ///
    /// - Precondition: `x` has `op(A).columns` elements, `y` has `op(A).rows`.
    @inlinable
    public static func gemv<X: ContiguousFloats, Y: MutableContiguousFloats>(
        _ a: Matrix, transpose: Transpose = .none, _ x: X, into y: inout Y,
        alpha: Float = 1, beta: Float = 0
    ) {
        let (outRows, inCols) = transpose == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        precondition(x.count == inCols, "gemv: x has \(x.count) elements, op(A) has \(inCols) columns")
        precondition(y.count == outRows, "gemv: y has \(y.count) elements, op(A) has \(outRows) rows")
        guard outRows > 0 else { return }
        guard inCols > 0, a.rows > 0, a.columns > 0 else {
            y.withUnsafeMutableBufferPointer { scaleOrZero(beta, $0) }
            return
        }
        a.storage.withUnsafeBufferPointer { ab in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    cblas_sgemv(CblasRowMajor, transpose.cblas, Int32(a.rows), Int32(a.columns),
                                alpha, ab.baseAddress, Int32(a.columns),
                                xb.baseAddress, 1, beta, yb.baseAddress, 1)
                }
            }
        }
    }

    // MARK: Level 3

    /// `C ← α·op(A)·op(B) + β·C`. O(m × n × k).
    ///
    /// ```swift
    /// var c = Matrix(rows: a.rows, columns: b.columns)
    /// BLAS.gemm(a, b, into: &c)        // C = A·B
    /// ```
    ///
    /// - Precondition: the inner dimensions agree and `C` is `op(A).rows × op(B).columns`.
    @inlinable
    public static func gemm(
        _ a: Matrix, transposeA: Transpose = .none,
        _ b: Matrix, transposeB: Transpose = .none,
        into c: inout Matrix, alpha: Float = 1, beta: Float = 0
    ) {
        let (m, k) = transposeA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transposeB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        precondition(k == kb, "gemm: inner dimensions differ (\(k) vs \(kb))")
        precondition(c.rows == m && c.columns == n, "gemm: C is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            c.elements.withUnsafeMutableBufferPointer { scaleOrZero(beta, $0) }
            return
        }
        a.storage.withUnsafeBufferPointer { ab in
            b.storage.withUnsafeBufferPointer { bb in
                c.elements.withUnsafeMutableBufferPointer { cb in
                    cblas_sgemm(CblasRowMajor, transposeA.cblas, transposeB.cblas,
                                Int32(m), Int32(n), Int32(k), alpha,
                                ab.baseAddress, Int32(a.columns),
                                bb.baseAddress, Int32(b.columns),
                                beta, cb.baseAddress, Int32(n))
                }
            }
        }
    }

    /// Product `op(A)·op(B)` as a new matrix.
    @inlinable
    public static func multiply(_ a: Matrix, transposeA: Transpose = .none,
                                _ b: Matrix, transposeB: Transpose = .none) -> Matrix {
        let m = transposeA == .none ? a.rows : a.columns
        let n = transposeB == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }

    /// Symmetric rank-k update `C ← α·A·Aᵀ + β·C` (or `α·AᵀA + β·C` with
    /// `transpose: .transposed`). Both triangles of `C` are filled on return.
    /// About half the work of the equivalent `gemm`: O(n² × k / 2).
    ///
    /// This is the Gram matrix of the rows of `A`: with L2-normalised rows it
    /// is their cosine-similarity matrix.
    @inlinable
    public static func syrk(_ a: Matrix, transpose: Transpose = .none,
                            into c: inout Matrix, alpha: Float = 1, beta: Float = 0) {
        let (n, k) = transpose == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        precondition(c.rows == n && c.columns == n, "syrk: C is \(c.rows)×\(c.columns), expected \(n)×\(n)")
        guard n > 0 else { return }
        guard k > 0 else {
            c.elements.withUnsafeMutableBufferPointer { scaleOrZero(beta, $0) }
            return
        }
        a.storage.withUnsafeBufferPointer { ab in
            c.elements.withUnsafeMutableBufferPointer { cb in
                cblas_ssyrk(CblasRowMajor, CblasUpper, transpose.cblas, Int32(n), Int32(k),
                            alpha, ab.baseAddress, Int32(a.columns), beta, cb.baseAddress, Int32(n))
                // Mirror the upper triangle into the lower one.
                for i in 1..<max(n, 1) {
                    for j in 0..<i { cb[i * n + j] = cb[j * n + i] }
                }
            }
        }
    }

    /// `x ← βx`, with β = 0 writing exact zeros (BLAS convention: C is not read when β = 0).
    @usableFromInline
    static func scaleOrZero(_ beta: Float, _ x: UnsafeMutableBufferPointer<Float>) {
        if beta == 0 {
            x.update(repeating: 0)
        } else if beta != 1 {
            scal(beta, x)
        }
    }
}
