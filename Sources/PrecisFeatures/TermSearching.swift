/// A vocabulary that finds a term's column from its UTF-8 bytes without an index
/// built first: what ``SortedVocabularyLookup`` searches. Two forms: the terms back
/// to back in sorted order (``SortedTermArray``) and the front-coded records of a
/// model file (``FrontCodedTerms``).
///
/// ```swift
/// let column = terms.column(of: key)     // -1 when `key` is not a term
/// ```
package protocol TermSearching {
    /// The column of the term `key`, or -1.
    func column(of key: UnsafeBufferPointer<UInt8>) -> Int
}

/// Terms back to back, strictly ascending by bytes: term `j` is
/// `bytes[offsets[j]..<offsets[j + 1]]`; found by binary search.
///
/// ```swift
/// SortedTermArray(bytes: bytes, offsets: offsets).column(of: key)
/// ```
package struct SortedTermArray: TermSearching {
    let bytes: UnsafeBufferPointer<UInt8>
    let offsets: UnsafeBufferPointer<Int>

    package init(bytes: UnsafeBufferPointer<UInt8>, offsets: UnsafeBufferPointer<Int>) {
        self.bytes = bytes
        self.offsets = offsets
    }

    package func column(of key: UnsafeBufferPointer<UInt8>) -> Int {
        var low = 0, high = offsets.count - 1
        while low < high {
            let mid = (low + high) >> 1
            let order = Self.compare(UnsafeBufferPointer(rebasing: bytes[offsets[mid]..<offsets[mid + 1]]), key)
            if order == 0 { return mid }
            if order < 0 { low = mid + 1 } else { high = mid }
        }
        return -1
    }

    /// The byte order of `term` against `key` (negative: `term` sorts first; zero: equal).
    @inline(__always)
    static func compare(_ term: UnsafeBufferPointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(term.count, key.count)
        var i = 0
        while i < common {
            let a = term[i], b = key[i]
            if a != b { return a < b ? -1 : 1 }
            i += 1
        }
        return term.count - key.count
    }
}
