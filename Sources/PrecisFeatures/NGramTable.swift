/// An interning table of word n-grams (n ≥ 2), each stored as a 64-bit key
/// `prefix << 32 | lastToken`: the prefix is the token id of the first word
/// (for a bigram) or the tagged id of the (n−1)-gram before it, so an
/// n-gram of any length is one integer pair and no token sequence is ever
/// copied. Ids are dense, in order of first insertion, and a prefix always
/// has a smaller id than the n-grams built on it.
///
/// ```swift
/// let grams = NGramTable()
/// let ab = grams.intern(NGramTable.key(prefix: a, last: b), length: 2)
/// let abc = grams.intern(NGramTable.key(prefix: NGramTable.tagged(ab), last: c), length: 3)
/// ```
final class NGramTable: @unchecked Sendable {
    /// The bit that marks an n-gram id (as opposed to a token id) in a prefix or feature id.
    static let tag: UInt32 = 0x8000_0000

    /// Slots: key (or `UInt64.max` when empty) and id.
    private var slotKeys: UnsafeMutablePointer<UInt64>
    private var slotIDs: UnsafeMutablePointer<UInt32>
    private var mask: Int
    /// Key of each n-gram.
    let keys = GrowableBuffer<UInt64>(capacity: 1 << 12)
    /// Number of words of each n-gram.
    let lengths = GrowableBuffer<UInt8>(capacity: 1 << 12)

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slotKeys = .allocate(capacity: size)
        slotKeys.initialize(repeating: .max, count: size)
        slotIDs = .allocate(capacity: size)
        slotIDs.initialize(repeating: 0, count: size)
        mask = size - 1
    }

    deinit {
        slotKeys.deallocate()
        slotIDs.deallocate()
    }

    var count: Int { keys.count }

    @inline(__always)
    static func key(prefix: UInt32, last: UInt32) -> UInt64 { UInt64(prefix) << 32 | UInt64(last) }

    @inline(__always)
    static func tagged(_ id: Int) -> UInt32 { UInt32(id) | tag }

    /// The id of `key`, inserting it (with its word count) when new.
    @inline(__always)
    func intern(_ key: UInt64, length: Int) -> Int {
        var i = Int(truncatingIfNeeded: ByteHashing.mix(key)) & mask
        while true {
            let k = slotKeys[i]
            if k == key { return Int(slotIDs[i]) }
            if k == .max { break }
            i = (i + 1) & mask
        }
        let id = keys.count
        keys.append(key)
        lengths.append(UInt8(truncatingIfNeeded: length))
        slotKeys[i] = key
        slotIDs[i] = UInt32(id)
        if keys.count * 2 > mask + 1 { grow() }
        return id
    }

    /// The id of `key`, or -1 when absent.
    @inline(__always)
    func find(_ key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: ByteHashing.mix(key)) & mask
        while true {
            let k = slotKeys[i]
            if k == key { return Int(slotIDs[i]) }
            if k == .max { return -1 }
            i = (i + 1) & mask
        }
    }

    private func grow() {
        let size = (mask + 1) * 2
        slotKeys.deallocate()
        slotIDs.deallocate()
        slotKeys = .allocate(capacity: size)
        slotKeys.initialize(repeating: .max, count: size)
        slotIDs = .allocate(capacity: size)
        slotIDs.initialize(repeating: 0, count: size)
        mask = size - 1
        for id in 0..<keys.count {
            let key = keys[id]
            var i = Int(truncatingIfNeeded: ByteHashing.mix(key)) & mask
            while slotKeys[i] != .max { i = (i + 1) & mask }
            slotKeys[i] = key
            slotIDs[i] = UInt32(id)
        }
    }
}
