/// The 64-bit FNV-1a hash: a fast, well-spread checksum for model payloads and
/// training data, identical on every platform.
///
/// ```swift
/// var hash = FNV64()
/// hash.combine(Array("hello".utf8))
/// hash.hexDigest          // "a430d84680aabd0b"
/// ```
public struct FNV64: Sendable, Equatable {
    /// The running hash value.
    public var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// A hash of nothing yet.
    public init() {}

    /// Mixes `bytes` into the hash.
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        value = h
    }

    /// Mixes the bytes of a collection into the hash.
    public mutating func combine<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ combine(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        var h = value
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        value = h
    }

    /// The hash as 16 lowercase hexadecimal digits.
    public var hexDigest: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The checksum of a labelled data set as Precis records it in model files:
    /// FNV-1a over `label TAB text LF` for every document, in order.
    ///
    /// ```swift
    /// FNV64.dataChecksum(texts: ["a"], labels: ["x"])
    /// ```
    public static func dataChecksum(texts: [String], labels: [String]) -> String {
        var hash = FNV64()
        for (text, label) in zip(texts, labels) {
            hash.combine(label.utf8)
            hash.combine(CollectionOfOne(0x09))
            hash.combine(text.utf8)
            hash.combine(CollectionOfOne(0x0A))
        }
        return hash.hexDigest
    }
}
