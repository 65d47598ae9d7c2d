/// The 64-bit FNV-1a hash: a fast, well-spread checksum for model payloads and
/// training data, identical on every platform, and the per-byte hash of the
/// summariser's in-document term tables.
///
/// ```swift
/// var hash = FNV64()
/// hash.combine(Array("hello".utf8))
/// hash.hexDigest          // "a430d84680aabd0b"
/// ```
/// `@usableFromInline`, like its members, so that the `@inlinable` steps are inlined
/// into other modules' loops (otherwise every byte costs a call).
@usableFromInline
package struct FNV64: Sendable, Equatable {
    /// FNV-1a's 64-bit offset basis (the hash of nothing).
    @usableFromInline package static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// FNV-1a's 64-bit prime.
    @usableFromInline package static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The running hash value.
    @usableFromInline package var value: UInt64 = FNV64.offsetBasis

    /// A hash of nothing yet.
    package init() {}

    /// One FNV-1a step: `hash` with `byte` mixed in.
    @inlinable @inline(__always)
    package static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    /// Mixes `bytes` into the hash.
    @inlinable
    package mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for byte in bytes { h = Self.step(h, byte) }
        value = h
    }

    /// Mixes the bytes of a collection into the hash.
    @inlinable
    package mutating func combine<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ combine(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        var h = value
        for byte in bytes { h = Self.step(h, byte) }
        value = h
    }

    /// The hash as 16 lowercase hexadecimal digits.
    package var hexDigest: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
