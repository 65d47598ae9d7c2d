import Testing
import Foundation
import PrecisLinearAlgebra
import PrecisTestSupport

/// Matrix Market output of sparse matrices.
struct MatrixMarketTests {
    /// A random sparse matrix with sorted, distinct columns per row.
    static func randomMatrix(rows: Int, columns: Int, perRow: Int, seed: UInt64) -> SparseMatrix {
        var rng = SeededGenerator(seed: seed)
        var builder = SparseMatrix.Builder(columns: columns)
        for _ in 0..<rows {
            let cols = Set((0..<Int.random(in: 0...perRow, using: &rng)).map { _ in Int32.random(in: 0..<Int32(columns), using: &rng) })
            let sorted = cols.sorted()
            builder.appendRow(indices: sorted, values: sorted.map { _ in Float.random(in: -2...2, using: &rng) })
        }
        return builder.build()
    }

    @Test("MatrixMarketWriter: blocks appended in order give MatrixMarket.write's bytes for the stacked matrix")
    func streamedWriter() throws {
        let m = Self.randomMatrix(rows: 3_000, columns: 500, perRow: 90, seed: 7)
        let expected = MatrixMarket.encode(m)
        for cuts in [[0, 3_000], [0, 1, 2, 1_000, 1_001, 2_999, 3_000], Array(stride(from: 0, through: 3_000, by: 250))] {
            let writer = try MatrixMarketWriter(columns: 500)
            for (lower, upper) in zip(cuts, cuts.dropFirst()) {
                var block = SparseMatrix.Builder(columns: 500)
                for i in lower..<upper {
                    let r = m.rowOffsets[i]..<m.rowOffsets[i + 1]
                    block.appendRow(indices: Array(m.columnIndices[r]), values: Array(m.values[r]))
                }
                try writer.append(block.build())
            }
            #expect(writer.rows == 3_000 && writer.nonZeroCount == m.nonZeroCount)
            var out = Data()
            try writer.finish { out.append(contentsOf: $0) }
            #expect(out == expected, "cuts \(cuts.count)")
        }
        // An empty matrix, and a block of other columns refused.
        let empty = try MatrixMarketWriter(columns: 4)
        var out = Data()
        try empty.finish { out.append(contentsOf: $0) }
        #expect(out == MatrixMarket.encode(SparseMatrix(rows: 0, columns: 4)))
        #expect(throws: (any Error).self) { try empty.append(SparseMatrix(rows: 1, columns: 5)) }
    }

    @Test("Matrix Market round-trips exactly, also when written in many parallel pieces")
    func matrixMarketRoundTrip() throws {
        for (rows, perRow) in [(3, 4), (5_000, 80)] {
            let m = Self.randomMatrix(rows: rows, columns: 700, perRow: perRow, seed: UInt64(rows))
            let data = MatrixMarket.encode(m)
            #expect(try MatrixMarket.decode(data) == m)
            let dir = TestPaths.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = dir.appendingPathComponent("m.mtx").path
            try MatrixMarket.write(m, to: path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == data)
            // Line-by-line: header, size, then row-major 1-based entries.
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            #expect(lines[0] == "%%MatrixMarket matrix coordinate real general")
            #expect(lines[1] == "\(rows) 700 \(m.nonZeroCount)")
        }
    }

    @Test("values are written so that they read back as the same Float, at every magnitude")
    func floatText() throws {
        var rng = SeededGenerator(seed: 11)
        var values: [Float] = [0, 1, -1, 0.5, 1e-4, 9.9999e-5, 999_999.94, 1e6, 0.1, 0.42519635, 3.4028235e38, 1.0e-45, 100, 123456.7]
        // Every float around every power of ten in the fast range.
        for k in -4...6 {
            let p = Float("1e\(k)")!
            var x = p
            for _ in 0..<50 { x = x.nextDown }
            for _ in 0..<100 { values.append(x); x = x.nextUp }
        }
        for _ in 0..<20_000 {
            values.append(Float(bitPattern: UInt32.random(in: 0..<0x7F80_0000, using: &rng)) * (Bool.random(using: &rng) ? 1 : -1))
            values.append(Float.random(in: -3...3, using: &rng))
        }
        var builder = SparseMatrix.Builder(columns: values.count)
        builder.appendRow(indices: (0..<Int32(values.count)).map { $0 }, values: values)
        let m = builder.build()
        let text = String(decoding: MatrixMarket.encode(m), as: UTF8.self)
        let written = text.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ")[2] }
        for (value, field) in zip(values, written) {
            #expect(Float(String(field)) == value, "\(value) written as \(field)")
            let digits = field.drop { $0 == "-" }
            #expect(!(digits.count > 1 && digits.first == "0" && digits.dropFirst().first != "."), "\(field)")
        }
        #expect(written.prefix(4) == ["0.0", "1", "-1", "0.5"])
    }
}
