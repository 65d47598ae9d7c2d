import Testing
import Foundation
import PrecisFeatures
import PrecisTestSupport

struct SparseOutputTests {
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

    @Test("long rows (radix-sorted) equal the transform path, column by column")
    func longRows() throws {
        // Documents with many distinct terms, so rows exceed the radix-sort threshold.
        var rng = SeededGenerator(seed: 7)
        let words = (0..<3000).map { "w\($0)x" }
        let documents = (0..<60).map { _ in (0..<1500).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }.joined(separator: " ") }
        var config = TfidfConfiguration()
        config.ngramRange = 1...2
        config.sublinearTF = true
        let (model, x) = try TfidfVectorizer(configuration: config).fitTransform(documents)
        #expect(x.row(0).indices.count > 1000)
        let again = model.transform(documents)
        #expect(again == x)
        for i in 0..<x.rows {
            let idx = Array(x.row(i).indices)
            #expect(zip(idx, idx.dropFirst()).allSatisfy { $0 < $1 })
        }
    }
}
