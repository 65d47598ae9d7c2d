/// Fast non-cryptographic hashing of byte strings and 64-bit keys for the
/// vocabulary tables (eight bytes per multiply, then a final avalanche).
/// Only used in memory: hash values never reach a file, so they may change.
enum ByteHashing {
    /// The hash of `count` bytes at `p` and their first eight bytes as a
    /// little-endian word, zero-padded.
    @inline(__always)
    static func hashAndPrefix(_ p: UnsafePointer<UInt8>, _ count: Int) -> (hash: UInt64, prefix: UInt64) {
        let raw = UnsafeRawPointer(p)
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
        var prefix: UInt64 = 0
        var i = 0
        if count >= 8 { prefix = raw.loadUnaligned(as: UInt64.self) }
        while i + 8 <= count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 28
            i += 8
        }
        if i < count {
            let w = tail(p, count)
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            if count < 8 { prefix = w }
        }
        return (mix(h), prefix)
    }

    /// The last `count % 8` bytes (non-zero) of `count` bytes at `p`, as a
    /// little-endian word, zero-padded; read with at most two loads that
    /// stay inside the bytes (overlapping when needed).
    @inline(__always)
    static func tail(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        let r = count & 7
        if count >= 8 {
            return raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64(8 * (8 - r))
        }
        if count >= 4 {
            let lo = UInt64(raw.loadUnaligned(as: UInt32.self))
            let hi = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return lo | hi << UInt64(8 * (count - 4))
        }
        let middle = count >> 1
        return UInt64(p[0]) | UInt64(p[middle]) << UInt64(8 * middle) | UInt64(p[count - 1]) << UInt64(8 * (count - 1))
    }

    /// A well-mixed hash of a 64-bit key (MurmurHash3's 64-bit finaliser, `fmix64`).
    @inline(__always)
    static func mix(_ key: UInt64) -> UInt64 {
        MurmurHash3.avalanche(key, shifts: (33, 33, 33), multipliers: (0xFF51_AFD7_ED55_8CCD, 0xC4CE_B9FE_1A85_EC53))
    }
}
