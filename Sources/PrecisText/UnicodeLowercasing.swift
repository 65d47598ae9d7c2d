/// Lowercasing of UTF-8 text exactly as Python's `str.lower()` (and so
/// scikit-learn's default preprocessing) does it: the full Unicode lowercase
/// mapping of every scalar (`İ` becomes `i̇`, two scalars) and the
/// context-sensitive final sigma (`Σ` at the end of a word becomes `ς`).
///
/// ```swift
/// let buffer = TokenBuffer()
/// Array("ΟΔΟΣ Straße".utf8).withUnsafeBufferPointer { UnicodeLowercasing.lowercase($0, into: buffer) }
/// // buffer holds "οδος straße" with a final ς
/// ```
public enum UnicodeLowercasing {
    /// Writes the lowercase form of `bytes` into `buffer` (replacing its contents).
    /// Invalid UTF-8 bytes are copied unchanged.
    public static func lowercase(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: TokenBuffer) {
        buffer.reserve(bytes.count + bytes.count / 2 + 8)
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                buffer.append((b &- 0x41) < 26 ? b | 0x20 : b)
                i += 1
                continue
            }
            let (decoded, width) = UTF8Decoding.decode(bytes, at: i)
            guard let scalar = decoded else {
                for k in i..<min(n, i + width) { buffer.append(bytes[k]) }
                i += width
                continue
            }
            if !scalar.properties.changesWhenLowercased {
                for k in i..<(i + width) { buffer.append(bytes[k]) }
            } else if scalar.value == 0x03A3 {
                appendScalar(isFinalSigma(bytes, start: i, end: i + width) ? 0x03C2 : 0x03C3, to: buffer)
            } else {
                for s in scalar.properties.lowercaseMapping.unicodeScalars { appendScalar(s.value, to: buffer) }
            }
            i += width
        }
    }

    @inline(__always)
    static func appendScalar(_ v: UInt32, to buffer: TokenBuffer) {
        if v < 0x80 {
            buffer.append(UInt8(v))
        } else if v < 0x800 {
            buffer.append(UInt8(0xC0 | v >> 6)); buffer.append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x10000 {
            buffer.append(UInt8(0xE0 | v >> 12)); buffer.append(UInt8(0x80 | (v >> 6) & 0x3F))
            buffer.append(UInt8(0x80 | v & 0x3F))
        } else {
            buffer.append(UInt8(0xF0 | v >> 18)); buffer.append(UInt8(0x80 | (v >> 12) & 0x3F))
            buffer.append(UInt8(0x80 | (v >> 6) & 0x3F)); buffer.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// Python's Final_Sigma test: a cased letter before (skipping
    /// case-ignorable characters) and no cased letter after.
    static func isFinalSigma(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
        // Backwards.
        var j = start
        var casedBefore = false
        while j > 0 {
            var k = j - 1
            while k > 0 && bytes[k] & 0xC0 == 0x80 && j - k < 4 { k -= 1 }
            let (scalar, _) = UTF8Decoding.decode(bytes, at: k)
            j = k
            guard let scalar else { break }
            if scalar.properties.isCaseIgnorable { continue }
            casedBefore = scalar.properties.isCased
            break
        }
        guard casedBefore else { return false }
        // Forwards.
        var i = end
        while i < bytes.count {
            let (scalar, width) = UTF8Decoding.decode(bytes, at: i)
            guard let scalar else { return true }
            if scalar.properties.isCaseIgnorable { i += width; continue }
            return !scalar.properties.isCased
        }
        return true
    }
}
