import PrecisCore
import PrecisFeatures
import PrecisLinearAlgebra

/// The compact sections of model format version 2 (see `Models/FORMAT.md`), each
/// with its encoder and a decoder that treats the bytes as hostile: every count is
/// checked against the bytes present before anything is allocated, and every value
/// is checked before it is used.
///
/// - `VOCF`: the vocabulary front-coded (each term as the length it shares with the
///   previous term and the bytes that follow), strictly ascending by UTF-8 bytes, so
///   the terms are unique by construction and can be searched without an index.
/// - `IDFP`: the idf as a palette of its distinct values and one index per feature
///   (exact: the idf takes few distinct values, one per document frequency).
/// - `WQ8R`: the weights as 8-bit integers with one scale per feature (row):
///   `w[j][c] = scale[j] × q[j][c]`, `scale[j] = max_c |w[j][c]| / 127`.
///
/// ```swift
/// let body = CompactSections.quantisedWeights(model.weights)
/// let weights = try CompactSections.weights(fromQuantised: body, owner: file, rows: n, columns: k, fail: fail)
/// ```
enum CompactSections {
    // MARK: VOCF

    /// Front-coded `terms` (given by `forEachTerm` in column order), or nil when they
    /// are not strictly ascending by bytes or would expand more than
    /// ``maximumExpansion`` (then the plain `VOCB` section is written).
    static func frontCodedVocabulary(count: Int, forEachTerm: ((Int, UnsafeBufferPointer<UInt8>) -> Void) -> Void) -> [UInt8]? {
        var out = ByteWriter()
        out.append(UInt32(count))
        var body: [UInt8] = []
        var previous: [UInt8] = []
        var total = 0
        var sorted = true
        forEachTerm { _, term in
            guard sorted else { return }
            // What the reader checks: ascending, non-empty, no empty words, starting on a character.
            guard !term.isEmpty, previous.lexicographicallyPrecedes(term), term.first != 0x20, term.last != 0x20,
                  term[0] & 0xC0 != 0x80, !zip(term, term.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 }) else {
                sorted = false
                return
            }
            var shared = 0
            let limit = min(previous.count, term.count)
            while shared < limit && previous[shared] == term[shared] { shared += 1 }
            ByteWriter.appendVarint(UInt64(shared), to: &body)
            ByteWriter.appendVarint(UInt64(term.count - shared), to: &body)
            body.append(contentsOf: term[shared...])
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: term)
            total += term.count
        }
        // What the reader accepts (see `maximumExpansion`); else the plain section.
        guard sorted, total <= (12 + body.count) * maximumExpansion else { return nil }
        out.append(UInt64(total))
        out.bytes.append(contentsOf: body)
        return out.bytes
    }

    /// The largest ratio of a front-coded vocabulary's term bytes to its section's
    /// size that a reader accepts (20newsgroups' is 1.85): bounds what a hostile
    /// section can make the reader allocate. A vocabulary beyond it is written as
    /// the plain `VOCB` section instead.
    static let maximumExpansion = 16

    /// Reads a `VOCF` section of `count` terms in place (in `owner`'s bytes): the
    /// declared sizes are checked against the bytes present, then each term (non-empty,
    /// strictly after the previous one, valid UTF-8, no empty words: see
    /// ``PrecisFeatures/FrontCodedTerms``), without decoding the vocabulary.
    static func vocabulary(fromFrontCoded body: UnsafeRawBufferPointer, owner: OwnedBytes, count: Int,
                           fail: (String) -> ModelFileError) throws -> FrontCodedTerms {
        var reader = ByteReader(bytes: body, offset: 0)
        let declared = Int(try reader.uint32(or: fail("corrupt vocabulary")))
        guard declared == count else { throw fail("corrupt model file (vocabulary size \(declared), expected \(count))") }
        let total = try reader.uint64(or: fail("corrupt vocabulary"))
        // Each term takes at least three bytes (two lengths and one byte of its own).
        guard count <= (body.count - reader.offset) / 3 else { throw fail("corrupt vocabulary (\(count) terms declared in \(body.count) bytes)") }
        guard total <= UInt64(body.count) * UInt64(maximumExpansion), total >= UInt64(count) else {
            throw fail("corrupt vocabulary (\(total) bytes of terms declared in a \(body.count)-byte section)")
        }
        guard count > 0 || (total == 0 && reader.offset == body.count) else { throw fail("corrupt vocabulary (bytes after an empty vocabulary)") }
        return try FrontCodedTerms(owner: owner, records: UnsafeRawBufferPointer(rebasing: body[reader.offset...]), count: count,
                                   totalBytes: Int(total), fail: fail)
    }

    // MARK: IDFP

    /// The `IDFP` section of `idf`: its distinct values, the most frequent first (ties
    /// by bit pattern), then each feature's index into them as a varint.
    static func idfPalette(_ idf: [Float]) -> [UInt8] {
        var frequency: [UInt32: Int] = [:]
        for value in idf { frequency[value.bitPattern, default: 0] += 1 }
        let palette = frequency.keys.sorted { frequency[$0]! != frequency[$1]! ? frequency[$0]! > frequency[$1]! : $0 < $1 }
        let index = Dictionary(uniqueKeysWithValues: palette.enumerated().map { ($1, $0) })
        var out = ByteWriter()
        out.append(UInt32(palette.count))
        for bits in palette { out.append(bits) }
        for value in idf { ByteWriter.appendVarint(UInt64(index[value.bitPattern]!), to: &out.bytes) }
        return out.bytes
    }

    /// Decodes an `IDFP` section of `count` values: the palette's size within bounds,
    /// its values finite, each index inside it, and nothing left over.
    static func idf(fromPalette body: UnsafeRawBufferPointer, count: Int, fail: (String) -> ModelFileError) throws -> [Float] {
        var reader = ByteReader(bytes: body, offset: 0)
        let size = Int(try reader.uint32(or: fail("corrupt idf section")))
        guard size <= count, size >= (count > 0 ? 1 : 0), size <= (body.count - reader.offset) / 4 else {
            throw fail("corrupt idf section (palette of \(size) values for \(count) features)")
        }
        guard count <= body.count - reader.offset - size * 4 else { throw fail("corrupt idf section (\(count) indices missing)") }
        let paletteBytes = try reader.bytes(size * 4, or: fail("corrupt idf section"))
        let palette = try ModelFile.finiteFloats(paletteBytes, count: size, or: fail("corrupt idf section (a value is not a finite number)"))
        var idf = [Float](repeating: 0, count: count)
        let truncated = fail("corrupt idf section (an index is cut short)")
        for j in 0..<count {
            let i = try reader.varint(or: truncated)
            guard i < UInt64(size) else { throw fail("corrupt idf section (index \(i) outside a palette of \(size))") }
            idf[j] = palette[Int(i)]
        }
        guard reader.offset == body.count else { throw fail("corrupt idf section (trailing bytes)") }
        return idf
    }

    // MARK: WQ8R

    /// The per-row scale of a row whose largest magnitude is `maximum`: `maximum / 127`,
    /// moved by an ulp if needed so that re-encoding the decoded row gives it back
    /// (the decoded row's largest magnitude is `127 × scale`).
    static func scale(forMaximum maximum: Float) -> Float {
        var scale = maximum / 127
        for _ in 0..<4 where (127 * scale) / 127 != scale { scale = scale.nextDown }
        return scale
    }

    /// The `WQ8R` section of `weights` (features × classes, all finite), or nil when a
    /// weight is not finite.
    static func quantisedWeights(_ weights: Matrix) -> [UInt8]? {
        let rows = weights.rows, columns = weights.columns
        var out = ByteWriter()
        out.append(UInt32(rows))
        out.append(UInt32(columns))
        var codes = [UInt8](repeating: 0, count: rows * columns)
        var scales = [Float](repeating: 0, count: rows)
        let ok = weights.storage.withUnsafeBufferPointer { w -> Bool in
            for j in 0..<rows {
                var maximum: Float = 0
                for c in 0..<columns {
                    let v = w[j * columns + c]
                    guard v.isFinite else { return false }
                    maximum = max(maximum, abs(v))
                }
                let scale = maximum > 0 ? Self.scale(forMaximum: maximum) : 0
                scales[j] = scale
                guard scale > 0 else { continue }
                for c in 0..<columns {
                    let q = min(127, max(-127, (w[j * columns + c] / scale).rounded()))
                    codes[j * columns + c] = UInt8(bitPattern: Int8(q))
                }
            }
            return true
        }
        guard ok else { return nil }
        out.append(floats: scales)
        out.bytes.append(contentsOf: codes)
        return out.bytes
    }

    /// Reads a `WQ8R` section of `rows × columns` weights in place (in `owner`'s
    /// bytes): exact size, scales finite, non-negative and small enough for every
    /// product to be finite, codes in −127…127. Nothing is dequantised
    /// (``QuantisedWeights``).
    static func weights(fromQuantised body: UnsafeRawBufferPointer, owner: OwnedBytes, rows: Int, columns: Int,
                        fail: (String) -> ModelFileError) throws -> QuantisedWeights {
        var reader = ByteReader(bytes: body, offset: 0)
        let declaredRows = Int(try reader.uint32(or: fail("corrupt weights")))
        let declaredColumns = Int(try reader.uint32(or: fail("corrupt weights")))
        guard declaredRows == rows, declaredColumns == columns else {
            throw fail("corrupt model file (weights are \(declaredRows)×\(declaredColumns), expected \(rows)×\(columns))")
        }
        let (cells, overflow) = rows.multipliedReportingOverflow(by: columns)
        let remaining = body.count - reader.offset
        guard !overflow, rows <= remaining / 4, cells == remaining - rows * 4 else {
            throw fail("corrupt weights (\(remaining) bytes for \(rows)×\(columns) 8-bit weights and \(rows) scales)")
        }
        let scales = try reader.bytes(rows * 4, or: fail("corrupt weights"))
        // Finite, non-negative (−0 included) and at most max / 127, in one test per scale:
        // as unsigned bits, those floats are exactly 0...largest's bits and −0's (a
        // negative scale, infinity and NaN all have larger patterns).
        let largest = (Float.greatestFiniteMagnitude / 127).bitPattern, negativeZero = (-Float.zero).bitPattern
        var highest: UInt32 = 0
        for j in 0..<rows {
            let bits = UInt32(littleEndian: scales.loadUnaligned(fromByteOffset: j * 4, as: UInt32.self))
            highest = max(highest, bits == negativeZero ? 0 : bits)
        }
        guard highest <= largest else { throw fail("corrupt weights (a scale is not a finite number, is negative or too large)") }
        let codes = try reader.bytes(cells, or: fail("corrupt weights"))
        // Codes in −127…127: the smallest code (a reduction compilers vectorise).
        let signed = UnsafeBufferPointer(start: codes.baseAddress?.assumingMemoryBound(to: Int8.self), count: cells)
        var smallest: Int8 = 0
        for code in signed { smallest = min(smallest, code) }
        guard smallest != Int8.min else { throw fail("corrupt weights (an 8-bit code is -128)") }
        return QuantisedWeights(owner: owner, scales: scales, codes: codes, rows: rows, columns: columns)
    }
}

extension ByteWriter {
    /// Appends `value` as an unsigned LEB128 varint (7 bits a byte, low first).
    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}

extension ByteReader {
    /// An unsigned LEB128 varint of at most 5 bytes (values below 2³²).
    @inline(__always)
    mutating func varint(or error: ModelFileError) throws -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 35, by: 7) {
            guard offset < bytes.count else { throw error }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 {
                guard value <= UInt64(UInt32.max) else { throw error }
                return value
            }
        }
        throw error
    }
}
