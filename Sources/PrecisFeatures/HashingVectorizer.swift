import Foundation
import PrecisText
import PrecisCore
import PrecisLinearAlgebra

/// Features by hashing, with no vocabulary kept: scikit-learn's
/// `HashingVectorizer`. Each term (token or space-joined n-gram, after the
/// same tokenising, stop words and n-grams as ``TfidfVectorizer``) goes to
/// column `|h| mod featureCount` where `h` is the signed MurmurHash3 of its
/// UTF-8 bytes (seed 0); with `alternateSign` an occurrence adds `-1` when
/// `h < 0` and `+1` otherwise. Memory does not grow with the vocabulary, so
/// it suits corpora too large for one; different terms may share a column.
///
/// ```swift
/// let hashing = HashingVectorizer(featureCount: 1 << 18)
/// let x = hashing.transform(["the cat sat"])           // like HashingVectorizer(n_features=2**18)
/// let (idf, tfidf) = hashing.fitTransformTfidf(corpus)  // + TfidfTransformer, unsigned
/// ```
public struct HashingVectorizer: Sendable {
    /// Tokeniser, n-gram range, stop words, and the row norm / tf settings.
    /// Document-frequency bounds and `maxFeatures` need a vocabulary and are not used.
    public var configuration: TfidfConfiguration
    /// Number of columns (`n_features`).
    public var featureCount: Int
    /// Whether to sign occurrences by their hash (`alternate_sign`).
    public var alternateSign: Bool

    /// A hashing vectorizer (scikit-learn's defaults: 2^20 columns, signed, l2 norm).
    public init(featureCount: Int = 1 << 20, alternateSign: Bool = true,
                configuration: TfidfConfiguration = TfidfConfiguration()) {
        precondition(featureCount > 0, "HashingVectorizer: featureCount must be positive")
        self.featureCount = featureCount
        self.alternateSign = alternateSign
        self.configuration = configuration
    }

    /// Column and sign of a term's UTF-8 bytes.
    @inline(__always)
    func column(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Float) {
        let h = Int32(bitPattern: MurmurHash3.hash32(bytes))
        let column = h == Int32.min ? (Int(Int32.max) - (featureCount - 1)) % featureCount : Int(h.magnitude) % featureCount
        return (column, alternateSign && h < 0 ? -1 : 1)
    }

    /// The summed (signed) term counts of `documents`, not normalised.
    /// Columns whose signed occurrences cancel keep an explicit zero, as in scikit-learn.
    public func counts(_ documents: [String]) -> SparseMatrix {
        let ranges = Parallelism.ranges(documents, parts: Parallelism.cores)
        let parts = ranges.map { _ in RowsBuffer() }
        let config = configuration
        let stopWords = TermTable(capacity: max(16, config.stopWords.count))
        for word in config.stopWords {
            var word = word
            word.withUTF8 { if $0.count > 0 { _ = stopWords.intern($0) } }
        }
        Parallelism.run(ranges.count) { p in
            let out = parts[p]
            let buffer = TokenBuffer()
            let arena = GrowableBuffer<UInt8>(capacity: 1 << 14)    // the document's tokens, back to back
            let spans = GrowableBuffer<UInt64>(capacity: 1024)      // offset << 32 | length
            let joined = GrowableBuffer<UInt8>(capacity: 256)
            let hits = GrowableBuffer<UInt64>(capacity: 1024)       // column << 1 | negative
            for d in ranges[p] {
                arena.removeAll()
                spans.removeAll()
                hits.removeAll()
                config.tokenizer.forEachToken(in: documents[d], buffer: buffer) { token in
                    if stopWords.count > 0 && stopWords.find(token) >= 0 { return }
                    spans.append(UInt64(arena.count) << 32 | UInt64(token.count))
                    arena.reserve(arena.count + token.count)
                    (arena.base + arena.count).initialize(from: token.baseAddress!, count: token.count)
                    arena.count += token.count
                }
                let n = spans.count
                for length in config.ngramRange where length <= n {
                    for s in 0...(n - length) {
                        let bytes: UnsafeBufferPointer<UInt8>
                        if length == 1 {
                            bytes = UnsafeBufferPointer(start: arena.base + Int(spans[s] >> 32), count: Int(spans[s] & 0xFFFF_FFFF))
                        } else {
                            joined.removeAll()
                            for k in s..<(s + length) {
                                if k > s { joined.append(0x20) }
                                let count = Int(spans[k] & 0xFFFF_FFFF)
                                joined.reserve(joined.count + count)
                                (joined.base + joined.count).initialize(from: arena.base + Int(spans[k] >> 32), count: count)
                                joined.count += count
                            }
                            bytes = UnsafeBufferPointer(start: joined.base, count: joined.count)
                        }
                        let (c, sign) = column(bytes)
                        hits.append(UInt64(c) << 1 | (sign < 0 ? 1 : 0))
                    }
                }
                let sorted = hits.buffer
                UnstableSort.sort(sorted)
                var k = 0
                while k < sorted.count {
                    let c = sorted[k] >> 1
                    var v: Float = 0
                    while k < sorted.count && sorted[k] >> 1 == c { v += sorted[k] & 1 == 1 ? -1 : 1; k += 1 }
                    out.indices.append(Int32(c))
                    out.values.append(v)
                }
                out.offsets.append(out.indices.count)
            }
            withExtendedLifetime((arena, joined)) {}
        }
        withExtendedLifetime(stopWords) {}
        return RowsBuffer.concatenate(parts, columns: featureCount)
    }

    /// `HashingVectorizer.transform`: the counts with each row normalised by
    /// `configuration.norm` (tf and idf options are not applied).
    public func transform(_ documents: [String]) -> SparseMatrix {
        var x = counts(documents)
        Self.normalize(&x, configuration.norm)
        return x
    }

    /// Hashed TF-IDF: the counts with `alternateSign` off, weighted like
    /// scikit-learn's `TfidfTransformer` (sublinear tf, smooth idf, use idf
    /// and norm from ``configuration``), the idf learnt from `documents`.
    /// Returns the idf per column (zero-frequency columns get the idf of df = 0).
    public func fitTransformTfidf(_ documents: [String]) -> (idf: [Float], matrix: SparseMatrix) {
        var unsigned = self
        unsigned.alternateSign = false
        var x = unsigned.counts(documents)
        var df = [Int](repeating: 0, count: featureCount)
        for c in x.columnIndices { df[Int(c)] += 1 }
        let smooth = configuration.smoothIDF ? 1.0 : 0.0
        let n = Double(documents.count) + smooth
        let idf: [Float] = df.map { Float(log(n / (Double($0) + smooth)) + 1) }
        let columns = x.columnIndices
        x.updateValues { values in
            for k in 0..<values.count {
                var w = Double(values[k])
                if configuration.sublinearTF { w = 1 + log(w) }
                if configuration.useIDF { w *= Double(idf[Int(columns[k])]) }
                values[k] = Float(w)
            }
        }
        Self.normalize(&x, configuration.norm)
        return (idf, x)
    }

    static func normalize(_ x: inout SparseMatrix, _ norm: Norm) {
        guard norm != .none else { return }
        let offsets = x.rowOffsets, rows = x.rows
        x.updateValues { values in
            for i in 0..<rows {
                let range = offsets[i]..<offsets[i + 1]
                var total = 0.0
                for k in range { let v = Double(values[k]); total += norm == .l2 ? v * v : abs(v) }
                if norm == .l2 { total = total.squareRoot() }
                guard total > 0 else { continue }
                for k in range { values[k] = Float(Double(values[k]) / total) }
            }
        }
    }
}
