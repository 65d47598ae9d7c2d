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

    /// The file contents for `matrix`.
    public static func encode(_ matrix: SparseMatrix) -> Data {
        var out = Data()
        forEachPiece(of: matrix) { out.append(contentsOf: $0) }
        return out
    }

    /// Writes `matrix` to `path`, formatting rows over the cores in batches
    /// and streaming them out, so memory stays small whatever the matrix size.
    ///
    /// - Throws: the file system's error when the file cannot be created or written.
    public static func write(_ matrix: SparseMatrix, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var failure: Error?
        forEachPiece(of: matrix) { piece in
            guard failure == nil else { return }
            do { try handle.write(contentsOf: piece) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The file as consecutive byte pieces: header first, then rows in order.
    private static func forEachPiece(of matrix: SparseMatrix, _ body: ([UInt8]) -> Void) {
        body(Array("\(header)\n\(matrix.rows) \(matrix.columns) \(matrix.nonZeroCount)\n".utf8))
        let rowsPerPiece = max(1, matrix.rows * 200_000 / max(1, matrix.nonZeroCount))
        let wave = matrix.nonZeroCount > 100_000 ? Parallelism.cores : 1
        var first = 0
        while first < matrix.rows {
            var pieces = [[UInt8]](repeating: [], count: wave)
            pieces.withUnsafeMutableBufferPointer { pieces in
                Parallelism.run(wave) { p in
                    let start = first + p * rowsPerPiece
                    guard start < matrix.rows else { return }
                    let rows = start..<min(matrix.rows, start + rowsPerPiece)
                    pieces[p] = format(matrix, rows: rows)
                }
            }
            for piece in pieces where !piece.isEmpty { body(piece) }
            first += wave * rowsPerPiece
        }
    }

    private static func format(_ matrix: SparseMatrix, rows: Range<Int>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity((matrix.rowOffsets[rows.upperBound] - matrix.rowOffsets[rows.lowerBound]) * 24)
        for i in rows {
            for k in matrix.rowOffsets[i]..<matrix.rowOffsets[i + 1] {
                appendInteger(i + 1, to: &bytes)
                bytes.append(0x20)
                appendInteger(Int(matrix.columnIndices[k]) + 1, to: &bytes)
                bytes.append(0x20)
                appendFloat(matrix.values[k], to: &bytes)
                bytes.append(0x0A)
            }
        }
        return bytes
    }

    /// Powers of ten, 10^0 … 10^22 (exact in `Double`).
    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Appends `value` with nine significant digits, trailing zeros dropped
    /// (`%.9g`-like; nine digits always read back as the same `Float`).
    /// Magnitudes outside `1e-4 ..< 1e6`, zero and non-finite values use
    /// Swift's shortest representation.
    static func appendFloat(_ value: Float, to bytes: inout [UInt8]) {
        let d = Double(value)
        var a = abs(d)
        guard a >= 1e-4 && a < 1e6 else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        // 10^e <= a < 10^(e+1), e in -4...5.
        var e = 5
        while e > -4 && a < (e >= 0 ? powersOfTen[e] : 1 / powersOfTen[-e]) { e -= 1 }
        a *= powersOfTen[8 - e]
        var n = UInt64(a.rounded())
        if n >= 1_000_000_000 { n /= 10; e += 1 }
        if d < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits = [UInt8](repeating: 0, count: 9)
        for k in stride(from: 8, through: 0, by: -1) { digits[k] = UInt8(48 + n % 10); n /= 10 }
        var last = 8
        while last > 0 && digits[last] == 48 { last -= 1 }
        if e >= 0 {
            for k in 0...e { bytes.append(digits[k]) }
            if last > e {
                bytes.append(UInt8(ascii: "."))
                for k in (e + 1)...last { bytes.append(digits[k]) }
            }
        } else {
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "."))
            for _ in 0..<(-e - 1) { bytes.append(UInt8(ascii: "0")) }
            for k in 0...last { bytes.append(digits[k]) }
        }
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
