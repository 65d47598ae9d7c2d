import Testing
import PrecisLinearAlgebra
import PrecisTestSupport

/// The hand-written sparse × dense kernels against a naive dense product.
struct SparseProductsTests {
    static func randomSparse(rows: Int, columns: Int, density: Double, seed: UInt64) -> SparseMatrix {
        var rng = SeededGenerator(seed: seed)
        var builder = SparseMatrix.Builder(columns: columns)
        for _ in 0..<rows {
            var indices: [Int32] = [], values: [Float] = []
            for j in 0..<columns where Double.random(in: 0..<1, using: &rng) < density {
                indices.append(Int32(j))
                values.append(Float.random(in: -1...1, using: &rng))
            }
            builder.appendRow(indices: indices, values: values)
        }
        return builder.build()
    }

    static func dense(_ x: SparseMatrix) -> Matrix {
        var m = Matrix(rows: x.rows, columns: x.columns)
        for i in 0..<x.rows {
            let row = x.row(i)
            for (j, v) in zip(row.indices, row.values) { m[i, Int(j)] = v }
        }
        return m
    }

    @Test("X·W and Xᵀ·G equal the dense products", arguments: [1, 3, 20])
    func products(k: Int) {
        let x = Self.randomSparse(rows: 700, columns: 90, density: 0.05, seed: UInt64(k))
        var rng = SeededGenerator(seed: 99)
        let w = Matrix(rows: 90, columns: k, elements: rng.floats(90 * k))
        let g = Matrix(rows: 700, columns: k, elements: rng.floats(700 * k))
        let d = Self.dense(x)
        let expectedXW = BLAS.multiply(d, w)
        let expectedXtG = BLAS.multiply(d, transposeA: .transposed, g)
        let xw = x.multiply(w)
        let xtg = x.transposeMultiply(g)
        for (a, b) in zip(xw.storage, expectedXW.storage) { #expect(abs(a - b) < 1e-4) }
        for (a, b) in zip(xtg.storage, expectedXtG.storage) { #expect(abs(a - b) < 1e-4) }

        // The prepared plan gives bit-identical results whatever the number of blocks,
        // through the safe API and the package's raw-pointer kernels alike.
        for blocks in [1, 2, 7] {
            let plan = SparseProductPlan(x, blocks: blocks)
            #expect(plan.multiply(w) == xw)
            #expect(plan.transposeMultiply(g) == xtg)
            var out = [Float](repeating: .nan, count: 700 * k)
            var grad = [Float](repeating: .nan, count: 90 * k)
            w.storage.withUnsafeBufferPointer { wb in
                out.withUnsafeMutableBufferPointer { plan.multiply(wb.baseAddress!, columns: k, bias: nil, into: $0.baseAddress!) }
            }
            g.storage.withUnsafeBufferPointer { gb in
                grad.withUnsafeMutableBufferPointer { plan.transposeMultiply(gb.baseAddress!, columns: k, into: $0.baseAddress!) }
            }
            #expect(out == Array(xw.storage))
            #expect(grad == Array(xtg.storage))
        }
    }

    @Test("empty rows and columns give zeros, bias is added")
    func emptyAndBias() {
        var builder = SparseMatrix.Builder(columns: 4)
        builder.appendRow(indices: [], values: [])
        builder.appendRow(indices: [1], values: [2])
        let x = builder.build()
        let plan = SparseProductPlan(x, blocks: 2)
        let w = Matrix(rows: 4, columns: 2, elements: [1, 1, 3, 4, 5, 5, 6, 6])
        let bias: [Float] = [10, 20]
        #expect(plan.multiply(w, bias: bias).storage == [10, 20, 16, 28])
        #expect(x.multiply(w, bias: bias).storage == [10, 20, 16, 28])
        #expect(x.multiply(w).storage == [0, 0, 6, 8])
    }
}
