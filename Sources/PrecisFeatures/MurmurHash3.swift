/// MurmurHash3 (x86, 32-bit), the hash scikit-learn's `HashingVectorizer`
/// uses (`sklearn.utils.murmurhash3_32`, seed 0), so hashed features land in
/// the same columns with the same signs.
///
/// ```swift
/// MurmurHash3.hash32(Array("hello".utf8))   // 0x248BFA47 as UInt32, like murmurhash3_32("hello", positive=True)
/// ```
public enum MurmurHash3 {
    /// The 32-bit hash of `bytes` with `seed`.
    public static func hash32<C: Collection>(_ bytes: C, seed: UInt32 = 0) -> UInt32 where C.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { hash32($0, seed: seed) }
    }

    /// The 32-bit hash of the bytes in `buffer` with `seed` (the kernel behind
    /// ``hash32(_:seed:)``, for the package's hot paths).
    @inline(__always)
    package static func hash32(_ buffer: UnsafeBufferPointer<UInt8>, seed: UInt32 = 0) -> UInt32 {
        let c1: UInt32 = 0xCC9E_2D51, c2: UInt32 = 0x1B87_3593
        var h = seed
        let n = buffer.count
        guard let p = buffer.baseAddress else { return finalize(h, length: 0) }
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 4 <= n {
            var k = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
            k &*= c1; k = k << 15 | k >> 17; k &*= c2
            h ^= k
            h = h << 13 | h >> 19
            h = h &* 5 &+ 0xE654_6B64
            i += 4
        }
        var k: UInt32 = 0
        let rest = n & 3
        if rest == 3 { k ^= UInt32(p[i + 2]) << 16 }
        if rest >= 2 { k ^= UInt32(p[i + 1]) << 8 }
        if rest >= 1 {
            k ^= UInt32(p[i])
            k &*= c1; k = k << 15 | k >> 17; k &*= c2
            h ^= k
        }
        return finalize(h, length: n)
    }

    /// The 32-bit finaliser (`fmix32`) over the hash and the length.
    @inline(__always)
    private static func finalize(_ hash: UInt32, length: Int) -> UInt32 {
        avalanche(hash ^ UInt32(truncatingIfNeeded: length), shifts: (16, 13, 16), multipliers: (0x85EB_CA6B, 0xC2B2_AE35))
    }

    /// MurmurHash3's finalisers (`fmix32`, `fmix64`): xor-shift, multiply,
    /// xor-shift, multiply, xor-shift, so every input bit reaches every output bit.
    @inline(__always)
    static func avalanche<T: FixedWidthInteger & UnsignedInteger>(_ key: T, shifts: (T, T, T), multipliers: (T, T)) -> T {
        var h = key
        h ^= h >> shifts.0
        h &*= multipliers.0
        h ^= h >> shifts.1
        h &*= multipliers.1
        h ^= h >> shifts.2
        return h
    }
}
