import PrecisCore
import Foundation
import PrecisCore

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

    /// Streams the file contents for `matrix` to `body` in consecutive pieces (header
    /// first, then rows in order), for a caller that writes them its own way; the
    /// first error `body` throws stops the stream.
    ///
    /// ```swift
    /// try MatrixMarket.write(matrix) { piece in try file.write(piece) }
    /// ```
    public static func write(_ matrix: SparseMatrix, _ body: ([UInt8]) throws -> Void) throws {
        var failure: Error?
        forEachPiece(of: matrix) { piece in
            guard failure == nil else { return }
            do { try body(piece) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The file as consecutive byte pieces: header first, then rows in order.
    private static func forEachPiece(of matrix: SparseMatrix, _ body: ([UInt8]) -> Void) {
        body(headerLines(rows: matrix.rows, columns: matrix.columns, nonZeroCount: matrix.nonZeroCount))
        forEachRowPiece(of: matrix, firstRow: 0, body)
    }

    /// The header and size lines of a matrix of this shape.
    static func headerLines(rows: Int, columns: Int, nonZeroCount: Int) -> [UInt8] {
        Array("\(header)\n\(rows) \(columns) \(nonZeroCount)\n".utf8)
    }

    /// The entry lines of `matrix`, its row `i` numbered `firstRow + i + 1`, as
    /// consecutive pieces in row order, formatted over the cores in waves.
    static func forEachRowPiece(of matrix: SparseMatrix, firstRow: Int, _ body: ([UInt8]) -> Void) {
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
                    pieces[p] = format(matrix, rows: rows, firstRow: firstRow)
                }
            }
            for piece in pieces where !piece.isEmpty { body(piece) }
            first += wave * rowsPerPiece
        }
    }

    /// The lines of `rows`, written straight into one allocation.
    private static func format(_ matrix: SparseMatrix, rows: Range<Int>, firstRow: Int) -> [UInt8] {
        let entries = matrix.rowOffsets[rows.upperBound] - matrix.rowOffsets[rows.lowerBound]
        // At most 20 + 1 + 10 + 1 + 16 + 1 bytes per entry.
        let capacity = entries * 56 + 16
        let pairs = digitPairs
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            let start = buffer.baseAddress!
            var p = start
            var rowText: (UInt64, UInt64, UInt64) = (0, 0, 0)   // "i " for the current row
            matrix.columnIndices.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { values in
                    withUnsafeMutableBytes(of: &rowText) { rowBytes in
                        let row = rowBytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
                        for i in rows {
                            let range = matrix.rowOffsets[i]..<matrix.rowOffsets[i + 1]
                            if range.isEmpty { continue }
                            var rowLength = writeInteger(firstRow + i + 1, to: row, pairs: pairs)
                            row[rowLength] = 0x20
                            rowLength += 1
                            for k in range {
                                p.update(from: row, count: rowLength)
                                p += rowLength
                                p += writeInteger(Int(columns[k]) + 1, to: p, pairs: pairs)
                                p[0] = 0x20
                                p += 1
                                p += writeFloat(values[k], to: p, pairs: pairs)
                                p[0] = 0x0A
                                p += 1
                            }
                        }
                    }
                }
            }
            count = p - start
        }
    }

    /// `values`, one per line, each written as matrix values are (nine significant
    /// digits, `%.9g`-like, so each reads back as the same `Float`): the text of an
    /// `idf.txt`. About 30× faster than `String(format:)` per value.
    package static func lines(of values: [Float]) -> [UInt8] {
        let pairs = digitPairs
        return [UInt8](unsafeUninitializedCapacity: values.count * 17) { buffer, count in
            let start = buffer.baseAddress!
            var p = start
            for value in values {
                p += writeFloat(value, to: p, pairs: pairs)
                p[0] = 0x0A
                p += 1
            }
            count = p - start
        }
    }

    /// "00", "01", … "99": two decimal digits per lookup.
    private static let digitPairs: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 200)
        for k in 0..<100 { table[2 * k] = UInt8(48 + k / 10); table[2 * k + 1] = UInt8(48 + k % 10) }
        return UnsafePointer(table)
    }()

    /// Writes the decimal digits of a non-negative `value` at `p`; returns their number.
    @inline(__always)
    private static func writeInteger(_ value: Int, to p: UnsafeMutablePointer<UInt8>, pairs: UnsafePointer<UInt8>) -> Int {
        var digits = 1
        var limit = 10
        while value >= limit && digits < 19 { digits += 1; limit &*= 10 }
        var v = UInt64(value)
        var k = digits
        while k >= 2 {
            let r = Int(v % 100)
            v /= 100
            p[k - 2] = pairs[2 * r]
            p[k - 1] = pairs[2 * r + 1]
            k -= 2
        }
        if k == 1 { p[0] = UInt8(truncatingIfNeeded: 48 + v) }
        return digits
    }

    /// Writes `value` at `p` with nine significant digits, trailing zeros
    /// dropped (`%.9g`-like; nine digits always read back as the same
    /// `Float`); magnitudes outside `1e-4 ..< 1e6`, zero and non-finite values
    /// use Swift's shortest representation. Returns the bytes written (at most 16).
    @inline(__always)
    static func writeFloat(_ value: Float, to p: UnsafeMutablePointer<UInt8>, pairs: UnsafePointer<UInt8>) -> Int {
        let d = Double(value)
        let a = abs(d)
        guard a >= 1e-4 && a < 1e6 else {
            var text = value.description
            return text.withUTF8 { utf8 in
                p.update(from: utf8.baseAddress!, count: utf8.count)
                return utf8.count
            }
        }
        // 10^e <= a < 10^(e+1), e in -4...5; scale to nine digits.
        var e = 5
        var bound = 1e5
        while e > -4 && a < bound { e -= 1; bound /= 10 }
        var scale = 1.0
        for _ in 0..<(8 - e) { scale *= 10 }      // exact: at most 10^12
        var n = UInt64((a * scale).rounded())
        // The decade test above is inexact for negative powers of ten: fix the digit count.
        if n >= 1_000_000_000 { e += 1; n = UInt64((a * (scale / 10)).rounded()) }
        if n < 100_000_000 { e -= 1; n = UInt64((a * (scale * 10)).rounded()) }
        var q = p
        if d < 0 { q[0] = UInt8(ascii: "-"); q += 1 }
        // Nine digits, then drop trailing zeros.
        var digits: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &digits) { raw -> Int in
            let t = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            for k in stride(from: 7, through: 1, by: -2) {
                let r = Int(n % 100)
                n /= 100
                t[k] = pairs[2 * r]
                t[k + 1] = pairs[2 * r + 1]
            }
            t[0] = UInt8(truncatingIfNeeded: 48 + n)
            var last = 8
            while last > 0 && t[last] == 48 { last -= 1 }
            if e >= 0 {
                for k in 0...e { q[0] = t[k]; q += 1 }
                if last > e {
                    q[0] = UInt8(ascii: "."); q += 1
                    for k in (e + 1)...last { q[0] = t[k]; q += 1 }
                }
            } else {
                q[0] = UInt8(ascii: "0"); q[1] = UInt8(ascii: "."); q += 2
                for _ in 0..<(-e - 1) { q[0] = UInt8(ascii: "0"); q += 1 }
                for k in 0...last { q[0] = t[k]; q += 1 }
            }
            return q - p
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
public struct MatrixMarketError: PrecisError {
    /// The file, when known.
    public var path: String? = nil
    /// The 1-based line, when the problem is on one line.
    public var line: Int?
    /// What is wrong.
    public var message: String
}
