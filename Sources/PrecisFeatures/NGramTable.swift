import PrecisCore

/// An interning table of word n-grams (n ≥ 2), each stored as a 64-bit key
/// `prefix << 32 | lastToken`: the prefix is the token id of the first word
/// (for a bigram) or the tagged id of the (n−1)-gram before it, so an
/// n-gram of any length is one integer pair and no token sequence is ever
/// copied. Ids are dense, in order of first insertion, and a prefix always
/// has a smaller id than the n-grams built on it.
///
/// While counting a corpus, each slot also holds the last document the
/// n-gram was counted in, so a first occurrence in a document costs one
/// probe of a 16-byte slot plus an update of the small per-id arrays.
///
/// ```swift
/// let grams = NGramTable()
/// let ab = grams.intern(NGramTable.key(prefix: a, last: b), length: 2)
/// let abc = grams.intern(NGramTable.key(prefix: NGramTable.tagged(ab), last: c), length: 3)
/// ```
final class NGramTable: @unchecked Sendable {
    /// The bit that marks an n-gram id (as opposed to a token id) in a prefix or feature id.
    static let tag: UInt32 = 0x8000_0000

    struct Slot {
        /// The key, or `UInt64.max` when empty.
        var key: UInt64
        var id: UInt32
        /// Last document counted (see ``count(_:length:document:start:features:counts:)``).
        var document: UInt32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    /// Key of each n-gram.
    let keys: GrowableBuffer<UInt64>
    /// Per n-gram, while counting: the position of its entry in the last
    /// document; afterwards the document frequencies.
    private let df: GrowableBuffer<Int32>
    private let position: GrowableBuffer<UInt32>

    static let empty = Slot(key: .max, id: 0, document: .max)

    /// A table sized for about `capacity` n-grams before it first grows.
    init(capacity: Int = 1 << 12) {
        var size = 16
        while size * 3 < capacity * 5 { size <<= 1 }
        keys = GrowableBuffer(capacity: capacity)
        df = GrowableBuffer(capacity: capacity)
        position = GrowableBuffer(capacity: capacity)
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Self.empty, count: size)
        mask = size - 1
    }

    deinit { slots.deallocate() }

    var count: Int { keys.count }

    @inline(__always)
    static func key(prefix: UInt32, last: UInt32) -> UInt64 { UInt64(prefix) << 32 | UInt64(last) }

    @inline(__always)
    static func tagged(_ id: Int) -> UInt32 { UInt32(id) | tag }

    @inline(__always)
    private func probe(_ key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: ByteHashing.mix(key)) & mask
        while true {
            let k = slots[i].key
            if k == key || k == .max { return i }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    private func insert(at i: Int, _ key: UInt64, length: Int) -> Int {
        let id = keys.count
        keys.append(key)
        position.append(0)
        slots[i] = Slot(key: key, id: UInt32(id), document: .max)
        return id
    }

    /// The id of `key`, inserting it (with its word count) when new.
    @inline(__always)
    func intern(_ key: UInt64, length: Int) -> Int {
        let i = probe(key)
        if slots[i].key == key { return Int(slots[i].id) }
        let id = insert(at: i, key, length: length)
        if keys.count * 5 > (mask + 1) * 3 { grow() }
        return id
    }

    /// Interns `key` and counts one occurrence in `document`, whose entries
    /// start at `start` in `features` / `counts`: a new entry for the first
    /// occurrence in the document, else one more on its entry. Returns the id.
    @inline(__always)
    func count(_ key: UInt64, length: Int, document: UInt32, start: Int,
               features: GrowableBuffer<UInt32>, counts: GrowableBuffer<UInt32>) -> Int {
        let i = probe(key)
        if slots[i].key != key { _ = insert(at: i, key, length: length) }
        let id = Int(slots[i].id)
        if slots[i].document == document {
            counts[start + Int(position[id])] += 1
        } else {
            slots[i].document = document
            position[id] = UInt32(features.count - start)
            features.append(UInt32(id) | Self.tag)
            counts.append(1)
        }
        if keys.count * 5 > (mask + 1) * 3 { grow() }
        return id
    }

    /// The id of `key`, or -1 when absent.
    @inline(__always)
    func find(_ key: UInt64) -> Int {
        let i = probe(key)
        return slots[i].key == key ? Int(slots[i].id) : -1
    }

    /// Document frequency of every n-gram, by id: the number of document
    /// entries (`features`, one per document an n-gram occurs in) naming it.
    /// Counted in one pass after counting, where the random accesses overlap.
    func documentFrequencies(entries features: GrowableBuffer<UInt32>) -> GrowableBuffer<Int32> {
        df.removeAll()
        df.extend(to: keys.count, with: 0)
        let d = df.base, f = features.base
        for e in 0..<features.count {
            let x = f[e]
            if x & Self.tag != 0 { d[Int(x & ~Self.tag)] += 1 }
        }
        withExtendedLifetime(features) {}
        return df
    }

    /// Reads the home slot of `key` so that a later probe finds it in cache;
    /// returns a value only to keep the load from being optimised away.
    @inline(__always)
    func touch(_ key: UInt64) -> UInt64 {
        slots[Int(truncatingIfNeeded: ByteHashing.mix(key)) & mask].key
    }

    private func grow() {
        let old = slots
        let oldSize = mask + 1
        let size = oldSize * 2
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Self.empty, count: size)
        mask = size - 1
        for j in 0..<oldSize where old[j].key != .max {
            var i = Int(truncatingIfNeeded: ByteHashing.mix(old[j].key)) & mask
            while slots[i].key != .max { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        old.deallocate()
    }
}
