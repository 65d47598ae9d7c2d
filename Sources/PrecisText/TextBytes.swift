/// Byte-level character classes shared by the sentence segmenter, the
/// page-furniture rules and the HTML stripper. All functions read UTF-8 and
/// never allocate.
///
/// ```swift
/// "“Hi".utf8.withContiguousStorageIfAvailable { TextBytes.skippingOpeners($0, 0, $0.count) }  // 3
/// ```
public enum TextBytes {
    /// Width of the white-space character at `i` (ASCII space/tab, NBSP, the
    /// U+2000–U+200A spaces, narrow NBSP, ideographic space, and U+FEFF), or `nil`.
    @inlinable
    public static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int? {
        let c = b[i]
        if c == 0x20 || c == 0x09 || c == 0x0B { return 1 }
        if c == 0xC2 && i + 1 < hi && b[i + 1] == 0xA0 { return 2 }
        if c == 0xE2 && i + 2 < hi && b[i + 1] == 0x80 && (b[i + 2] <= 0x8A || b[i + 2] == 0xAF) && b[i + 2] >= 0x80 { return 3 }
        if c == 0xE3 && i + 2 < hi && b[i + 1] == 0x80 && b[i + 2] == 0x80 { return 3 }
        if c == 0xEF && i + 2 < hi && b[i + 1] == 0xBB && b[i + 2] == 0xBF { return 3 }     // U+FEFF (a byte-order mark)
        return nil
    }

    /// Whether `b[i...]` starts with a white-space character (see ``spaceWidth(_:_:_:)``) or a line break.
    @inlinable
    public static func isSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Bool {
        let c = b[i]
        return c == 0x0A || c == 0x0D || c == 0x0C || spaceWidth(b, i, hi) != nil
    }

    /// `b[lo..<hi]` without leading and trailing white space, or `nil` if nothing is left.
    @inlinable
    public static func trim(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int)? {
        var lo = lo, hi = hi
        while lo < hi, let w = spaceWidth(b, lo, hi) { lo += w }
        while hi > lo {
            let c = b[hi - 1]
            if c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0A || c == 0x0D { hi -= 1; continue }
            if hi - lo >= 2 && c == 0xA0 && b[hi - 2] == 0xC2 { hi -= 2; continue }
            if hi - lo >= 3 && b[hi - 3] == 0xE2 && b[hi - 2] == 0x80 && (c >= 0x80 && c <= 0x8A || c == 0xAF) { hi -= 3; continue }
            break
        }
        return lo < hi ? (lo, hi) : nil
    }

    /// Whether `b[i...]` is the ellipsis character `…` (U+2026).
    @inlinable
    public static func isEllipsis(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Bool {
        b[i] == 0xE2 && i + 2 < hi && b[i + 1] == 0x80 && b[i + 2] == 0xA6
    }

    /// Width of a closing quote or bracket at `i` (`"` `'` `)` `]` `”` `’` `»` `›`), or `nil`.
    @inlinable
    public static func closerWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int? {
        let c = b[i]
        if c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D { return 1 }
        if c == 0xE2 && i + 2 < hi && b[i + 1] == 0x80 && (b[i + 2] == 0x9D || b[i + 2] == 0x99 || b[i + 2] == 0xBA) { return 3 }
        if c == 0xC2 && i + 1 < hi && b[i + 1] == 0xBB { return 2 }
        return nil
    }

    /// The index after any opening quotes or brackets at `i` (`"` `'` `(` `[` `“` `‘` `«`).
    @inlinable
    public static func skippingOpeners(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int {
        var i = i
        while i < hi {
            let c = b[i]
            if c == 0x22 || c == 0x27 || c == 0x28 || c == 0x5B { i += 1; continue }
            if c == 0xE2 && i + 2 < hi && b[i + 1] == 0x80 && (b[i + 2] == 0x9C || b[i + 2] == 0x98) { i += 3; continue }
            if c == 0xC2 && i + 1 < hi && b[i + 1] == 0xAB { i += 2; continue }
            break
        }
        return i
    }

    /// Whether `c` is an ASCII letter.
    @inlinable
    public static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }

    /// Whether the character at `i` is a lowercase letter (any script).
    @inlinable
    public static func startsLowercase(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Bool {
        guard i < hi else { return false }
        let c = b[i]
        if c < 0x80 { return c &- 0x61 < 26 }
        let (scalar, _) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<hi]), at: i)
        return scalar?.properties.isLowercase ?? false
    }

    /// Whether the character at `i` is an uppercase or title-case letter (any script) or a digit.
    @inlinable
    public static func startsUppercase(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Bool {
        guard i < hi else { return false }
        let c = b[i]
        if c < 0x80 { return c &- 0x41 < 26 || c &- 0x30 < 10 }
        let (scalar, _) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<hi]), at: i)
        return scalar?.properties.isUppercase ?? false
    }

    /// Whether `b[lo..<hi]` ends, before any closing quotes or brackets, with `.`, `!`, `?`, `…`, `:` or `;`.
    @inlinable
    public static func endsWithTerminalPunctuation(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        var e = hi
        while e > lo {
            let c = b[e - 1]
            if c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D || c == 0x20 { e -= 1; continue }
            if e - lo >= 3 && b[e - 3] == 0xE2 && b[e - 2] == 0x80 && (c == 0x9D || c == 0x99) { e -= 3; continue }
            break
        }
        guard e > lo else { return false }
        let c = b[e - 1]
        if c == 0x2E || c == 0x21 || c == 0x3F || c == 0x3A || c == 0x3B { return true }
        return e - lo >= 3 && b[e - 3] == 0xE2 && b[e - 2] == 0x80 && c == 0xA6
    }

    /// Whether `b` has more than `limit` words (see ``wordCount(_:)``); stops reading early.
    @inlinable
    public static func hasMoreWords(than limit: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        wordCount(b, stoppingAfter: limit + 1) > limit
    }

    /// Number of white-space separated words holding at least one letter or digit.
    @inlinable
    public static func wordCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        wordCount(b, stoppingAfter: Int.max)
    }

    /// ``wordCount(_:)``, but returns as soon as `stop` words have been seen.
    @inlinable
    public static func wordCount(_ b: UnsafeBufferPointer<UInt8>, stoppingAfter stop: Int) -> Int {
        var count = 0
        var inWord = false, hasAlnum = false
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C {
                if inWord && hasAlnum { count += 1; if count >= stop { return count } }
                inWord = false; hasAlnum = false
                i += 1
                continue
            }
            if c == 0xC2 && i + 1 < n && b[i + 1] == 0xA0 {
                if inWord && hasAlnum { count += 1 }
                inWord = false; hasAlnum = false
                i += 2
                continue
            }
            inWord = true
            if c >= 0x80 || WordCharacters.isASCIIWord(c) { hasAlnum = true }
            i += 1
        }
        if inWord && hasAlnum { count += 1 }
        return count
    }
}

/// Words that usually open an English sentence, used to decide whether a
/// full stop after `Inc.` or `U.S.` ends the sentence.
///
/// ```swift
/// SentenceOpeners.words.contains("the")   // true
/// ```
public enum SentenceOpeners {
    /// The opener words, lowercase.
    public static let words: Set<String> = [
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our",
        "my", "your", "this", "that", "these", "those", "there", "here", "but", "and", "or", "so", "yet",
        "in", "on", "at", "for", "with", "as", "if", "when", "while", "after", "before", "however",
        "meanwhile", "also", "some", "many", "most", "what", "who", "why", "how", "where", "which",
        "both", "all", "not", "since", "although", "though", "because", "until", "during", "last",
        "earlier", "later", "now", "then", "today", "yesterday", "shares", "analysts", "officials",
        "mr", "mrs", "ms", "dr", "one", "two", "three", "other", "such", "each", "every", "no", "more",
        "according", "despite", "under", "its", "by", "from", "to", "of", "about", "among", "instead",
    ]

    /// Whether the ASCII word starting at `i` is an opener.
    public static func isOpener(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Bool {
        var e = i
        while e < hi && e - i < 16 && TextBytes.isASCIILetter(b[e]) { e += 1 }
        guard e > i, e - i < 16 else { return false }
        if e < hi && (b[e] == 0x2E && e + 1 < hi && TextBytes.isASCIILetter(b[e + 1])) { return false }
        var word = ""
        word.reserveCapacity(e - i)
        for k in i..<e { word.unicodeScalars.append(Unicode.Scalar(b[k] | 0x20)) }
        return words.contains(word)
    }
}
