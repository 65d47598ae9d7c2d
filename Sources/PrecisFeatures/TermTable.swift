import PrecisCore

/// An interning table of byte strings: each distinct token gets a dense id
/// `0, 1, 2, …` in order of first insertion, and its bytes are kept in one
/// arena. Open addressing with linear probing; each slot packs 32 bits of
/// the hash with the id so most mismatches are rejected without touching
/// the term's bytes.
///
/// ```swift
/// let table = TermTable()
/// let id = table.intern(bytes)        // same id for the same bytes
/// table.find(bytes)                   // id, or nil
/// ```
final class TermTable: @unchecked Sendable {
    /// A slot: the term's first eight bytes (zero-padded) and
    /// `hash tag (24 bits) << 40 | min(length, 255) << 32 | (id + 1)`, or 0 when empty.
    /// Terms of up to eight bytes (most words) are compared without touching the arena.
    struct Slot {
        var prefix: UInt64
        var meta: UInt64
    }

    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var mask: Int
    /// Term bytes, back to back.
    let arena: GrowableBuffer<UInt8>
    /// Start of each term's bytes in `arena`; `offsets[id + 1] - offsets[id]` is its length.
    let offsets: GrowableBuffer<Int>
    /// Full hash of each term (for growing).
    private let hashes: GrowableBuffer<UInt64>

    /// A table with room for about `capacity` terms before it first grows
    /// (small tables, such as one document's words, stay small).
    init(capacity: Int = 1 << 12) {
        let terms = min(1 << 12, max(16, capacity))
        arena = GrowableBuffer(capacity: terms * 16)
        offsets = GrowableBuffer(capacity: terms + 1)
        hashes = GrowableBuffer(capacity: terms)
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(prefix: 0, meta: 0), count: size)
        mask = size - 1
        offsets.append(0)
    }

    deinit { slots.deallocate() }

    /// A table of `words` (their UTF-8 bytes; empty words are left out), e.g. stop words.
    convenience init<S: Sequence>(words: S) where S.Element == String {
        let list = Array(words)
        self.init(capacity: max(16, list.count))
        for word in list {
            var word = word
            word.withUTF8 { if $0.count > 0 { _ = intern($0) } }
        }
    }

    /// Number of distinct terms.
    var count: Int { hashes.count }

    /// The bytes of term `id` (valid until the next insertion).
    @inline(__always)
    func bytes(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        let start = offsets[id]
        return UnsafeBufferPointer(start: arena.base + start, count: offsets[id + 1] - start)
    }

    @inline(__always)
    private static func metaKey(_ hash: UInt64, _ length: Int) -> UInt64 {
        (hash & 0xFFFF_FF00_0000_0000) | UInt64(Swift.min(length, 255)) << 32
    }

    /// The slot holding `token`, or the empty slot where it would go.
    @inline(__always)
    private func probe(_ token: UnsafeBufferPointer<UInt8>, _ h: UInt64, _ prefix: UInt64) -> Int {
        let key = Self.metaKey(h, token.count)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.meta == 0 { return i }
            if slot.meta & 0xFFFF_FFFF_0000_0000 == key && slot.prefix == prefix {
                if token.count <= 8 { return i }
                let id = Int(slot.meta & 0xFFFF_FFFF) - 1
                if equals(id, token) { return i }
            }
            i = (i + 1) & mask
        }
    }

    /// The id of `token` (non-empty), inserting it when new.
    @inline(__always)
    func intern(_ token: UnsafeBufferPointer<UInt8>) -> Int {
        let (h, prefix) = ByteHashing.hashAndPrefix(token.baseAddress!, token.count)
        return intern(token, hash: h, prefix: prefix)
    }

    /// Loads the home slot of a term with hash `h` (so that a later
    /// ``intern(_:hash:prefix:)`` finds it in cache: independent loads of
    /// a batch overlap their cache misses). Returns the slot's tag word.
    @inline(__always)
    func touch(_ h: UInt64) -> UInt64 {
        slots[Int(truncatingIfNeeded: h) & mask].meta
    }

    /// ``intern(_:)`` with the hash and prefix of ``ByteHashing/hashAndPrefix(_:_:)`` already computed.
    @inline(__always)
    func intern(_ token: UnsafeBufferPointer<UInt8>, hash h: UInt64, prefix: UInt64) -> Int {
        let i = probe(token, h, prefix)
        let meta = slots[i].meta
        if meta != 0 { return Int(meta & 0xFFFF_FFFF) - 1 }
        // New term.
        let id = hashes.count
        hashes.append(h)
        arena.reserve(arena.count + token.count)
        (arena.base + arena.count).initialize(from: token.baseAddress!, count: token.count)
        arena.count += token.count
        offsets.append(arena.count)
        slots[i] = Slot(prefix: prefix, meta: Self.metaKey(h, token.count) | UInt64(id + 1))
        if hashes.count * 2 > mask + 1 { grow() }
        return id
    }

    /// The id of `token`, or -1 when absent.
    @inline(__always)
    func find(_ token: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = token.baseAddress else { return -1 }
        let (h, prefix) = ByteHashing.hashAndPrefix(p, token.count)
        let meta = slots[probe(token, h, prefix)].meta
        return meta == 0 ? -1 : Int(meta & 0xFFFF_FFFF) - 1
    }

    @inline(__always)
    private func equals(_ id: Int, _ token: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[id]
        let length = offsets[id + 1] - start
        guard length == token.count else { return false }
        return memcmpBytes(arena.base + start, token.baseAddress!, length)
    }

    private func grow() {
        let old = slots
        let oldSize = mask + 1
        let size = oldSize * 2
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(prefix: 0, meta: 0), count: size)
        mask = size - 1
        for j in 0..<oldSize where old[j].meta != 0 {
            let h = hashes[Int(old[j].meta & 0xFFFF_FFFF) - 1]
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i].meta != 0 { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        old.deallocate()
    }
}

/// Byte equality of two ranges of equal length.
@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    var i = 0
    while i + 8 <= n {
        if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

/// Lexicographic byte order of two byte strings (Python's `str` order for UTF-8).
@inline(__always)
func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = Swift.min(a.count, b.count)
    var i = 0
    while i < n {
        let x = a[i], y = b[i]
        if x != y { return x < y ? -1 : 1 }
        i += 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}
