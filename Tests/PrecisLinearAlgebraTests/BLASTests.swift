import Testing
import PrecisLinearAlgebra
import PrecisTestSupport

/// Each BLAS wrapper against a plain Swift loop, on random shapes.
struct BLASTests {
    /// Shapes including degenerate rows/columns and non-square operands.
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 7, 5), (6, 1, 4), (5, 9, 1), (13, 7, 11), (32, 17, 64), (3, 40, 2),
    ]

    static func random(_ rows: Int, _ columns: Int, _ rng: inout SeededGenerator) -> Matrix {
        Matrix(rows: rows, columns: columns, elements: rng.floats(rows * columns))
    }

    /// Plain triple loop for op(A)·op(B).
    static func naiveProduct(_ a: Matrix, _ ta: Bool, _ b: Matrix, _ tb: Bool) -> Matrix {
        let m = ta ? a.columns : a.rows, k = ta ? a.rows : a.columns
        let n = tb ? b.rows : b.columns
        var c = Matrix(rows: m, columns: n)
        for i in 0..<m {
            for j in 0..<n {
                var s: Double = 0
                for p in 0..<k {
                    let x = ta ? a[p, i] : a[i, p]
                    let y = tb ? b[j, p] : b[p, j]
                    s += Double(x) * Double(y)
                }
                c[i, j] = Float(s)
            }
        }
        return c
    }

    static func assertClose(_ x: Matrix, _ y: Matrix, tolerance: Float = 1e-5) {
        #expect(x.rows == y.rows && x.columns == y.columns)
        let scale = max(1, y.storage.map(abs).max() ?? 1)
        for (u, v) in zip(x.storage, y.storage) {
            #expect(abs(u - v) / scale <= tolerance, "got \(u), expected \(v)")
        }
    }

    @Test("gemm matches a triple loop for every transpose combination")
    func gemm() {
        var rng = SeededGenerator(seed: 1)
        for (m, n, k) in Self.shapes {
            for ta in [false, true] {
                for tb in [false, true] {
                    let a = ta ? Self.random(k, m, &rng) : Self.random(m, k, &rng)
                    let b = tb ? Self.random(n, k, &rng) : Self.random(k, n, &rng)
                    let c0 = Self.random(m, n, &rng)
                    var c = c0
                    BLAS.gemm(a, transposeA: ta ? .transposed : .none, b, transposeB: tb ? .transposed : .none,
                              into: &c, alpha: 0.5, beta: 2)
                    let product = Self.naiveProduct(a, ta, b, tb)
                    let expected = Matrix(rows: product.rows, columns: product.columns,
                                          elements: zip(product.storage, c0.storage).map { 0.5 * $0 + 2 * $1 })
                    Self.assertClose(c, expected)
                }
            }
        }
    }

    @Test("multiply returns op(A)·op(B)")
    func multiply() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[1, 0], [0, 1], [1, 1]])
        #expect(BLAS.multiply(a, b) == Matrix([[4, 5], [10, 11]]))
        #expect(BLAS.multiply(a, transposeA: .transposed, a) == Self.naiveProduct(a, true, a, false))
    }

    @Test("gemv matches a double loop, plain and transposed")
    func gemv() {
        var rng = SeededGenerator(seed: 2)
        for (m, n, _) in Self.shapes {
            let a = Self.random(m, n, &rng)
            for t in [false, true] {
                let x = rng.floats(t ? m : n)
                let y0 = rng.floats(t ? n : m)
                var y = y0
                BLAS.gemv(a, transpose: t ? .transposed : .none, x, into: &y, alpha: -1.5, beta: 0.25)
                let xm = Matrix(rows: x.count, columns: 1, elements: x)
                let ax = Self.naiveProduct(a, t, xm, false)
                let expected = Matrix(rows: y0.count, columns: 1,
                                      elements: zip(ax.storage, y0).map { -1.5 * $0 + 0.25 * $1 })
                Self.assertClose(Matrix(rows: y.count, columns: 1, elements: y), expected)
            }
        }
    }

    @Test("syrk fills both triangles of A·Aᵀ and AᵀA")
    func syrk() {
        var rng = SeededGenerator(seed: 3)
        for (m, k, _) in Self.shapes {
            let a = Self.random(m, k, &rng)
            var c = Matrix(rows: m, columns: m)
            BLAS.syrk(a, into: &c)
            Self.assertClose(c, Self.naiveProduct(a, false, a, true))
            var d = Matrix(rows: k, columns: k)
            BLAS.syrk(a, transpose: .transposed, into: &d)
            Self.assertClose(d, Self.naiveProduct(a, true, a, false))
        }
    }

    @Test("level-1 routines match loops")
    func level1() {
        var rng = SeededGenerator(seed: 4)
        for n in [1, 2, 17, 1000] {
            let x = rng.floats(n), y = rng.floats(n)
            let dot = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            #expect(abs(Double(BLAS.dot(x, y)) - dot) <= 1e-4 * max(1, abs(dot)))
            let norm = x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(Double(BLAS.nrm2(x)) - norm) <= 1e-5 * max(1, norm))
            var z = y
            BLAS.axpy(3, x, &z)
            for i in 0..<n { #expect(abs(z[i] - (3 * x[i] + y[i])) <= 1e-5 * 4) }
            var s = ContiguousArray(x)
            BLAS.scal(-2, &s)
            for i in 0..<n { #expect(s[i] == -2 * x[i]) }
        }
        #expect(BLAS.dot([Float](), [Float]()) == 0)
        #expect(BLAS.nrm2([Float]()) == 0)
    }

    @Test("empty inner dimension gives β·C")
    func emptyInner() {
        var c = Matrix([[1, 2], [3, 4]])
        BLAS.gemm(Matrix(rows: 2, columns: 0), Matrix(rows: 0, columns: 2), into: &c, beta: 0)
        #expect(c == Matrix(rows: 2, columns: 2))
    }

    @Test("transpose and reshape")
    func transposeAndReshape() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.transposed() == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(a.transposed().transposed() == a)
        #expect(a.reshaped(rows: 3, columns: 2) == Matrix([[1, 2], [3, 4], [5, 6]]))
        #expect(a.row(1) == [4, 5, 6])
    }
}
