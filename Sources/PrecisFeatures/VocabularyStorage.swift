import Foundation
import PrecisCore

/// The terms of a fitted ``TfidfModel`` in column order, kept either as the
/// strings it was built from, or, for a freshly fitted model, compactly as
/// UTF-8 bytes back to back (one allocation for the whole vocabulary), or, for a
/// model read from a file, front-coded as the file stores them
/// (``FrontCodedTerms``: searched in place, decoded only when every term is
/// wanted). The `[String]` form is made on first request and cached; all forms
/// read the same, so the choice never shows in results.
final class VocabularyStorage: @unchecked Sendable {
    private let lock = NSLock()
    private var strings: [String]?
    /// Compact form: term `j` is `bytes[offsets[j]..<offsets[j + 1]]` (for the
    /// front-coded form, decoded on first request).
    private var bytes: ContiguousArray<UInt8>
    private var offsets: ContiguousArray<Int>
    /// Front-coded form, when read from a model file.
    let frontCoded: FrontCodedTerms?
    /// Number of terms.
    let count: Int

    init(strings: [String]) {
        self.strings = strings
        bytes = []
        offsets = []
        frontCoded = nil
        count = strings.count
    }

    /// The front-coded terms of a model file (checked strictly ascending when read).
    init(frontCoded: FrontCodedTerms) {
        bytes = []
        offsets = []
        self.frontCoded = frontCoded
        count = frontCoded.count
    }

    /// `sorted`: the terms are known to be strictly ascending (else checked when needed).
    init(bytes: ContiguousArray<UInt8>, offsets: ContiguousArray<Int>, sorted: Bool = false) {
        self.bytes = bytes
        self.offsets = offsets
        frontCoded = nil
        count = offsets.count - 1
        searchable = sorted ? true : nil
    }

    /// Total bytes of the terms in the compact or front-coded form (0 for the strings form).
    var byteCount: Int { frontCoded?.byteCount ?? bytes.count }

    /// Whether the compact form exists and its terms are strictly ascending by
    /// UTF-8 bytes (checked once), so a term can be found by binary search.
    /// Always for the front-coded form.
    var isSearchable: Bool {
        lock.lock()
        defer { lock.unlock() }
        if frontCoded != nil { return true }
        if let searchable { return searchable }
        let result = !offsets.isEmpty && bytes.withUnsafeBufferPointer { bytes in
            offsets.withUnsafeBufferPointer { offsets in
                for j in 1..<max(1, count) {
                    let a = UnsafeBufferPointer(rebasing: bytes[offsets[j - 1]..<offsets[j]])
                    let b = UnsafeBufferPointer(rebasing: bytes[offsets[j]..<offsets[j + 1]])
                    guard a.lexicographicallyPrecedes(b) else { return false }
                }
                return true
            }
        }
        searchable = result
        return result
    }
    private var searchable: Bool?

    /// Calls `body` with the compact form's bytes and offsets (empty for the strings
    /// form; decoded once for the front-coded form).
    func withCompactForm<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) -> R) -> R {
        lock.lock()
        decodeFrontCoded()
        let (bytes, offsets) = (self.bytes, self.offsets)
        lock.unlock()
        return bytes.withUnsafeBufferPointer { bytes in offsets.withUnsafeBufferPointer { body(bytes, $0) } }
    }

    /// Makes the compact form of the front-coded one, once (the lock held).
    private func decodeFrontCoded() {
        guard let frontCoded, offsets.isEmpty else { return }
        (bytes, offsets) = frontCoded.decoded()
    }

    /// The terms as strings (built once).
    var terms: [String] {
        lock.lock()
        defer { lock.unlock() }
        if let strings { return strings }
        decodeFrontCoded()
        let (bytes, offsets) = (self.bytes, self.offsets)
        var made = [String](repeating: "", count: count)
        bytes.withUnsafeBufferPointer { bytes in
            made.withUnsafeMutableBufferPointer { made in
                let parts = count > 50_000 ? Parallelism.cores : 1
                let step = (count + parts - 1) / parts
                Parallelism.run(parts) { p in
                    for j in (p * step)..<min(count, (p + 1) * step) {
                        made[j] = String(decoding: UnsafeBufferPointer(rebasing: bytes[offsets[j]..<offsets[j + 1]]), as: UTF8.self)
                    }
                }
            }
        }
        strings = made
        return made
    }

    /// The terms as UTF-8 text, one a line, each line ending in `\n`.
    func lines() -> Data {
        var out = Data()
        if frontCoded == nil && offsets.isEmpty {
            out.reserveCapacity(count * 12)
            for term in terms { out.append(contentsOf: term.utf8); out.append(0x0A) }
            return out
        }
        out.reserveCapacity(byteCount + count)
        var chunk = [UInt8]()
        chunk.reserveCapacity(1 << 16)
        forEachTerm { _, term in
            chunk.append(contentsOf: term)
            chunk.append(0x0A)
            if chunk.count >= 1 << 16 { out.append(contentsOf: chunk); chunk.removeAll(keepingCapacity: true) }
        }
        out.append(contentsOf: chunk)
        return out
    }

    /// Calls `body` with each term's column and UTF-8 bytes, in column order,
    /// without making strings when the compact form is there.
    func forEachTerm(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        if let frontCoded {
            frontCoded.forEachTerm(body)
        } else if offsets.isEmpty {
            for (j, term) in terms.enumerated() {
                var term = term
                term.withUTF8 { body(j, $0) }
            }
        } else {
            bytes.withUnsafeBufferPointer { bytes in
                for j in 0..<count { body(j, UnsafeBufferPointer(rebasing: bytes[offsets[j]..<offsets[j + 1]])) }
            }
        }
    }
}
