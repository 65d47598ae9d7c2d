/// Minimal, allocation-free UTF-8 decoding for the byte-level scanners.
public enum UTF8Decoding {
    /// Decodes the scalar starting at `i`.
    ///
    /// Returns the scalar (or `nil` for an invalid or truncated sequence) and
    /// the number of bytes consumed, which is at least 1 so scanning always
    /// advances.
    @inlinable
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar?, Int) {
        let b0 = UInt32(bytes[i])
        let n = bytes.count
        func cont(_ k: Int) -> UInt32? {
            guard i + k < n else { return nil }
            let b = UInt32(bytes[i + k])
            return b & 0xC0 == 0x80 ? b & 0x3F : nil
        }
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        if b0 & 0xE0 == 0xC0 {
            guard let c1 = cont(1) else { return (nil, 1) }
            let v = (b0 & 0x1F) << 6 | c1
            return v >= 0x80 ? (Unicode.Scalar(v), 2) : (nil, 2)
        }
        if b0 & 0xF0 == 0xE0 {
            guard let c1 = cont(1), let c2 = cont(2) else { return (nil, 1) }
            let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
            return v >= 0x800 ? (Unicode.Scalar(v), 3) : (nil, 3)
        }
        if b0 & 0xF8 == 0xF0 {
            guard let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) else { return (nil, 1) }
            let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            return v >= 0x10000 ? (Unicode.Scalar(v), 4) : (nil, 4)
        }
        return (nil, 1)
    }
}
