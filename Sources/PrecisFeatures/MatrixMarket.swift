import Foundation

/// Matrix Market exchange format for ``SparseMatrix``: the
/// `coordinate real general` layout, 1-based indices, one entry per line,
/// rows in order and columns increasing within a row. Values are written in
/// the shortest form that reads back as the same `Float`.
///
/// ```swift
/// let text = MatrixMarket.encode(matrix)
/// let back = try MatrixMarket.decode(text)      // == matrix
/// ```
public enum MatrixMarket {
    /// The header line.
    public static let header = "%%MatrixMarket matrix coordinate real general"

    /// The file contents for `matrix` (formatted over the cores for large matrices).
    public static func encode(_ matrix: SparseMatrix) -> Data {
        var out = Data()
        out.append(contentsOf: Array("\(header)\n\(matrix.rows) \(matrix.columns) \(matrix.nonZeroCount)\n".utf8))
        let parts = matrix.nonZeroCount > 100_000 ? Parallelism.cores * 4 : 1
        let step = (matrix.rows + parts - 1) / max(1, parts)
        var pieces = [[UInt8]](repeating: [], count: parts)
        pieces.withUnsafeMutableBufferPointer { pieces in
            Parallelism.run(parts) { p in
                var bytes: [UInt8] = []
                let rows = (p * step)..<min(matrix.rows, (p + 1) * step)
                guard !rows.isEmpty else { return }
                bytes.reserveCapacity((matrix.rowOffsets[rows.upperBound] - matrix.rowOffsets[rows.lowerBound]) * 24)
                for i in rows {
                    for k in matrix.rowOffsets[i]..<matrix.rowOffsets[i + 1] {
                        appendInteger(i + 1, to: &bytes)
                        bytes.append(0x20)
                        appendInteger(Int(matrix.columnIndices[k]) + 1, to: &bytes)
                        bytes.append(0x20)
                        bytes.append(contentsOf: matrix.values[k].description.utf8)
                        bytes.append(0x0A)
                    }
                }
                pieces[p] = bytes
            }
        }
        for piece in pieces { out.append(contentsOf: piece) }
        return out
    }

    private static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        var v = value
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(0x30 + v % 10)
                v /= 10
                n += 1
            } while v > 0
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[k]) }
        }
    }

    /// A matrix read back from Matrix Market coordinate text (real or integer, general).
    ///
    /// - Throws: ``MatrixMarketError`` with the 1-based line of the problem.
    public static func decode(_ data: Data) throws -> SparseMatrix {
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().makeIterator()
        guard let (_, first) = lines.next(), first.hasPrefix("%%MatrixMarket matrix coordinate") else {
            throw MatrixMarketError(line: 1, message: "not a Matrix Market coordinate file")
        }
        var size: (Int, Int, Int)?
        var entries: [(Int, Int32, Float)] = []
        while let (n, line) = lines.next() {
            if line.isEmpty || line.hasPrefix("%") { continue }
            let fields = line.split(separator: " ")
            if size == nil {
                guard fields.count == 3, let r = Int(fields[0]), let c = Int(fields[1]), let z = Int(fields[2]) else {
                    throw MatrixMarketError(line: n + 1, message: "expected 'rows columns entries'")
                }
                size = (r, c, z)
                entries.reserveCapacity(z)
                continue
            }
            guard fields.count == 3, let i = Int(fields[0]), let j = Int(fields[1]), let v = Float(fields[2]),
                  let (rows, columns, _) = size, (1...rows).contains(i), (1...columns).contains(j) else {
                throw MatrixMarketError(line: n + 1, message: "expected 'row column value' within the matrix")
            }
            entries.append((i - 1, Int32(j - 1), v))
        }
        guard let (rows, columns, count) = size else { throw MatrixMarketError(line: 1, message: "no size line") }
        guard entries.count == count else {
            throw MatrixMarketError(line: nil, message: "header promises \(count) entries, found \(entries.count)")
        }
        entries.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var builder = SparseMatrix.Builder(columns: columns, reservingNonZeros: count)
        var k = 0
        for i in 0..<rows {
            var indices: [Int32] = [], values: [Float] = []
            while k < entries.count && entries[k].0 == i {
                indices.append(entries[k].1); values.append(entries[k].2); k += 1
            }
            builder.appendRow(indices: indices, values: values)
        }
        return builder.build()
    }
}

/// A Matrix Market file that could not be read.
public struct MatrixMarketError: Error, CustomStringConvertible {
    /// The 1-based line, when the problem is on one line.
    public var line: Int?
    /// What is wrong.
    public var message: String
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
