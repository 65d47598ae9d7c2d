import PrecisCore
import PrecisText

/// A vocabulary kept front-coded, as a model file stores it (the `VOCF` section of
/// `Models/FORMAT.md`): each term is the number of bytes it shares with the previous
/// term and the bytes that follow, the terms strictly ascending by UTF-8 bytes.
/// The records stay where the file was read (``PrecisCore/OwnedBytes``); loading
/// makes one validating pass over them and copies only every
/// ``restartInterval``-th term in full (the *restart* terms).
///
/// A term is found by binary search over the restart terms, then by walking at most
/// ``restartInterval`` − 1 records of its block, comparing only the bytes each record
/// adds (``column(of:)``). So classifying one document with a large model needs
/// neither the whole vocabulary decoded nor an index of it; ``forEachTerm(_:)``
/// decodes the terms in order when an index is wanted (many documents).
///
/// ```swift
/// let terms = try FrontCodedTerms(owner: file, records: range, count: n, totalBytes: total) { ModelError($0) }
/// terms.column(of: key)      // its column, or -1
/// ```
package struct FrontCodedTerms: @unchecked Sendable {
    /// Every this many terms (from term 0), one is kept in full.
    package static let restartInterval = 16

    /// Keeps the records' bytes alive.
    let owner: OwnedBytes
    /// The records: per term, varint `shared`, varint `suffix`, `suffix` bytes.
    let records: UnsafeRawBufferPointer
    /// Number of terms.
    package let count: Int
    /// Total bytes of the terms (decoded).
    package let byteCount: Int
    /// The longest term's bytes.
    let longest: Int
    /// Restart term `r` (term `r × restartInterval`) is
    /// `restartBytes[restartEnds[r]..<restartEnds[r + 1]]`; the record after it
    /// starts at `records[afterRestart[r]]`.
    let restartBytes: ContiguousArray<UInt8>
    let restartEnds: ContiguousArray<Int>
    let afterRestart: ContiguousArray<Int>

    /// Checks the `count` records in `records` (which `owner` keeps alive) and
    /// indexes their restart terms. Refused with `fail`'s error: a record running past
    /// the bytes, a `shared` longer than the previous term, an empty suffix, a term
    /// not strictly after the previous one, a term that is not valid UTF-8, starts
    /// inside a character, starts or ends with a space or has two spaces in a row,
    /// term bytes that disagree with `totalBytes`, bytes after the last record.
    /// Allocates at most about `totalBytes` (whose bound the caller checked).
    package init(owner: OwnedBytes, records: UnsafeRawBufferPointer, count: Int, totalBytes: Int,
                 fail: (String) -> any Error) throws {
        self.owner = owner
        self.records = records
        self.count = count
        self.byteCount = totalBytes
        var restartBytes = ContiguousArray<UInt8>(), restartEnds: ContiguousArray<Int> = [0], afterRestart = ContiguousArray<Int>()
        let restarts = (count + Self.restartInterval - 1) / Self.restartInterval
        restartEnds.reserveCapacity(restarts + 1)
        afterRestart.reserveCapacity(restarts)
        restartBytes.reserveCapacity(restarts * 16)
        // The current term, rebuilt record by record (grown to the longest term), with
        // one zero byte before it and sixteen bytes of room after it for the 16-byte
        // loads and stores below.
        var capacity = 256
        var term = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 17) + 1
        term[-1] = 0
        defer { (term - 1).deallocate() }
        var position = 0, end = 0, previousLength = 0, longest = 0
        let size = records.count
        guard count > 0, let base = records.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            guard count == 0 else { throw fail("corrupt vocabulary (a term is cut short)") }
            guard totalBytes == 0, size == 0 else { throw fail("corrupt vocabulary (bytes after an empty vocabulary)") }
            self.longest = 0
            self.restartBytes = restartBytes
            self.restartEnds = restartEnds
            self.afterRestart = afterRestart
            return
        }
        for t in 0..<count {
            // Lengths: one byte each for nearly every term.
            let shared: Int, suffix: Int
            if position + 2 <= size && (base[position] | base[position + 1]) < 0x80 {
                shared = Int(base[position])
                suffix = Int(base[position + 1])
                position += 2
            } else {
                guard let s = Self.checkedVarint(records, &position), let n = Self.checkedVarint(records, &position) else {
                    throw fail("corrupt vocabulary (a term is cut short)")
                }
                shared = s
                suffix = n
            }
            guard shared <= previousLength, suffix >= 1, suffix <= size - position else {
                throw fail("corrupt vocabulary (term \(t) has bad lengths)")
            }
            guard suffix <= totalBytes - end - shared else { throw fail("corrupt vocabulary (terms longer than declared)") }
            let length = shared + suffix
            if length > capacity {
                capacity = max(length, 2 * capacity)
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 17) + 1
                grown[-1] = 0
                grown.update(from: term, count: previousLength)
                (term - 1).deallocate()
                term = grown
            }
            let tail = base + position
            // Strictly after the previous term: it extends it, or differs upwards at `shared`.
            if t > 0 && shared < previousLength && tail[0] <= term[shared] {
                throw fail("corrupt vocabulary (term \(t) is not after term \(t - 1) in byte order)")
            }
            if shared == 0 && (tail[0] == 0x20 || tail[0] & 0xC0 == 0x80) { throw fail("corrupt vocabulary (term \(t) starts badly)") }
            if tail[suffix - 1] == 0x20 { throw fail("corrupt vocabulary (term \(t) ends with a space)") }
            // Where the character holding byte `shared` starts: there, if `shared` cuts
            // the previous term inside a character, the new bytes complete it.
            var check = shared
            if shared < previousLength { while check > 0 && term[check] & 0xC0 == 0x80 { check -= 1 } }
            // Copy the new bytes, noting any non-ASCII byte and any two spaces in a row
            // (an empty word; the byte before the new ones included).
            var high: UInt8 = 0, spaces = false
            if suffix <= 16 && position + 16 <= size {
                // Nearly every term: sixteen bytes as two words, the bytes past the suffix
                // masked off (no loop whose length the branch predictor must guess).
                let new0 = Self.word(tail), new1 = Self.word(tail + 8)
                // Each byte's predecessor, from the registers (reloading the bytes just
                // stored at another offset would stall on store forwarding).
                let before0 = new0 << 8 | UInt64(term[shared - 1]), before1 = new1 << 8 | new0 >> 56
                UnsafeMutableRawPointer(term + shared).storeBytes(of: new0.littleEndian, as: UInt64.self)
                UnsafeMutableRawPointer(term + shared + 8).storeBytes(of: new1.littleEndian, as: UInt64.self)
                let inside0 = Self.firstBytes(suffix), inside1 = Self.firstBytes(suffix - 8)
                let spaces0 = Self.zeroBytes(new0 ^ Self.spaces) & Self.zeroBytes(before0 ^ Self.spaces) & inside0
                let spaces1 = Self.zeroBytes(new1 ^ Self.spaces) & Self.zeroBytes(before1 ^ Self.spaces) & inside1
                spaces = spaces0 | spaces1 != 0
                high = ((new0 & inside0) | (new1 & inside1)) & 0x8080_8080_8080_8080 != 0 ? 0x80 : 0
            } else {
                var before: UInt8 = term[shared - 1]
                for i in 0..<suffix {
                    let byte = tail[i]
                    term[shared + i] = byte
                    high |= byte
                    spaces = spaces || (byte == 0x20 && before == 0x20)
                    before = byte
                }
            }
            if spaces { throw fail("corrupt vocabulary (a term has an empty word)") }
            // The previous term is valid UTF-8, so this one is when its bytes from `check` are.
            if (check != shared || high >= 0x80) && !Self.isValidUTF8(UnsafeBufferPointer(start: term + check, count: length - check)) {
                throw fail("corrupt vocabulary (a term is not valid UTF-8)")
            }
            position += suffix
            end += length
            previousLength = length
            longest = max(longest, length)
            if t % Self.restartInterval == 0 {
                restartBytes.append(contentsOf: UnsafeBufferPointer(start: term, count: length))
                restartEnds.append(restartBytes.count)
                afterRestart.append(position)
            }
        }
        guard end == totalBytes else { throw fail("corrupt vocabulary (\(end) bytes of terms, \(totalBytes) declared)") }
        guard position == size else { throw fail("corrupt vocabulary (trailing bytes)") }
        self.longest = longest
        self.restartBytes = restartBytes
        self.restartEnds = restartEnds
        self.afterRestart = afterRestart
    }

    /// Eight ASCII spaces.
    static let spaces: UInt64 = 0x2020_2020_2020_2020

    /// The little-endian word at `p` (byte `i` in bits `8i..<8i+8`).
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// All ones in the low `n` bytes (none for `n ≤ 0`, all for `n ≥ 8`).
    @inline(__always)
    static func firstBytes(_ n: Int) -> UInt64 {
        n <= 0 ? 0 : n >= 8 ? ~0 : (UInt64(1) << UInt64(8 * n)) &- 1
    }

    /// `0x80` in each byte of `x` that is zero, `0` in the others (exact: no carry
    /// crosses a byte).
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// Whether `bytes` are valid UTF-8 (no overlong forms, surrogates or values
    /// beyond U+10FFFF), each character whole.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let (scalar, length) = UTF8Decoding.decode(bytes, at: i)
            guard scalar != nil else { return false }
            i += length
        }
        return true
    }

    /// An unsigned LEB128 varint of at most 5 bytes below 2³² at `position` (moved
    /// past it), or nil when cut short or too long.
    @inline(__always)
    static func checkedVarint(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) -> Int? {
        var value = 0
        for shift in stride(from: 0, to: 35, by: 7) {
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value <= Int(UInt32.max) ? value : nil }
        }
        return nil
    }

    /// A varint of the (checked) records at `position`, moved past it.
    @inline(__always)
    private func varint(_ base: UnsafePointer<UInt8>, _ position: inout Int) -> Int {
        var value = 0, shift = 0
        while true {
            let byte = base[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Calls `body` with each term's column and bytes, in column order (the bytes are
    /// valid only during the call).
    package func forEachTerm(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        guard count > 0, let base = records.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let term = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, longest))
        defer { term.deallocate() }
        var position = 0
        for t in 0..<count {
            let shared = varint(base, &position), suffix = varint(base, &position)
            (term + shared).update(from: base + position, count: suffix)
            position += suffix
            body(t, UnsafeBufferPointer(start: term, count: shared + suffix))
        }
    }

    /// The terms decoded back to back, and where each starts (`count + 1` offsets).
    package func decoded() -> (bytes: ContiguousArray<UInt8>, offsets: ContiguousArray<Int>) {
        var offsets = ContiguousArray<Int>(repeating: 0, count: count + 1)
        let bytes = ContiguousArray<UInt8>(unsafeUninitializedCapacity: byteCount) { out, initialized in
            offsets.withUnsafeMutableBufferPointer { offsets in
                var end = 0
                forEachTerm { t, term in
                    _ = UnsafeMutableBufferPointer(rebasing: out[end..<(end + term.count)]).initialize(from: term)
                    end += term.count
                    offsets[t + 1] = end
                }
                initialized = end
            }
        }
        return (bytes, offsets)
    }
}

extension FrontCodedTerms: TermSearching {
    /// The column of the term `key`, or -1: binary search over the restart terms, then
    /// a walk through the records of one block. The walk keeps how many leading
    /// bytes the current term shares with `key` (`matched`, the current term sorting
    /// before `key`) and reads only each record's new bytes: a record sharing more
    /// than `matched` with its predecessor still sorts before `key`, one sharing less
    /// sorts after it (so `key` is absent), and one sharing exactly `matched` is
    /// compared from there.
    package func column(of key: UnsafeBufferPointer<UInt8>) -> Int {
        let restarts = afterRestart.count
        guard restarts > 0, let base = records.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return -1 }
        return restartBytes.withUnsafeBufferPointer { restartBytes in
            restartEnds.withUnsafeBufferPointer { ends in
                // The first restart term after `key`; the block before it may hold `key`.
                var low = 0, high = restarts
                while low < high {
                    let mid = (low + high) >> 1
                    let start = ends[mid]
                    if SortedTermArray.compare(UnsafeBufferPointer(rebasing: restartBytes[start..<ends[mid + 1]]), key) <= 0 {
                        low = mid + 1
                    } else {
                        high = mid
                    }
                }
                let block = low - 1
                guard block >= 0 else { return -1 }
                let restart = UnsafeBufferPointer(rebasing: restartBytes[ends[block]..<ends[block + 1]])
                var matched = Self.commonPrefix(restart.baseAddress!, restart.count, key.baseAddress, key.count)
                let first = block * Self.restartInterval
                if matched == restart.count && matched == key.count { return first }
                var position = afterRestart[block]
                for t in (first + 1)..<min(count, first + Self.restartInterval) {
                    let shared = varint(base, &position), suffix = varint(base, &position)
                    let tail = base + position
                    position += suffix
                    if shared > matched { continue }
                    if shared < matched { return -1 }
                    let common = Self.commonPrefix(tail, suffix, key.baseAddress.map { $0 + matched }, key.count - matched)
                    if common == suffix {
                        if matched + common == key.count { return t }
                        matched += common
                    } else if matched + common == key.count || tail[common] > key[matched + common] {
                        return -1
                    } else {
                        matched += common
                    }
                }
                return -1
            }
        }
    }

    /// How many leading bytes `a` (of `aCount`) and `b` (of `bCount`) share.
    @inline(__always)
    static func commonPrefix(_ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>?, _ bCount: Int) -> Int {
        guard let b else { return 0 }
        let limit = min(aCount, bCount)
        var i = 0
        while i < limit && a[i] == b[i] { i += 1 }
        return i
    }
}
