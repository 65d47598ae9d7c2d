/// Balanced quotations inside a piece of text, for the ``SentenceSegmenter``: a full stop,
/// `?` or `!` inside a quotation ends no sentence (`He said, "Stop. Go home now." Then he left.`
/// is two sentences), as pySBD does; the quotation as a whole may still end one.
///
/// Every quotation style of the supported languages is recognised: `"…"`, `'…'`, `“…”`, `‘…’`,
/// `„…“`, `‚…‘`, `„…”`, `”…”`, `« … »`, `»…«`, `»…»`, `‹…›`, `›…‹`, `「…」`, `『…』`, and the ASCII
/// substitute `,,…“`. A mark opens a quotation when it is left-flanking (white space, the start or
/// an opening bracket before it, a non-space after it) and closes one when it is right-flanking
/// (a non-space before it, no letter or digit after it), as in CommonMark; guillemets may be
/// spaced (French `« Non. »`). A closing mark pairs with the last opening mark of its family
/// (double, single, guillemet, single guillemet, corner bracket).
///
/// Bounds, so that an unbalanced quote never swallows a paragraph: a quotation never crosses the
/// piece (paragraph or line) it starts in; it must close within ``maximumBytes`` (single quotes,
/// which double as apostrophes: ``maximumSingleBytes``); a second opening mark of the same family
/// before any closing one abandons the first. Unclosed quotations protect nothing.
///
/// ```swift
/// let text = Array("He said, \"Stop. Go.\" Then".utf8)
/// text.withUnsafeBufferPointer { QuotationSpans.spans($0, 0, $0.count).map { [$0.open, $0.close] } }   // [[9, 19]]
/// ```
///
/// Complexity: one pass over the bytes of the piece.
public enum QuotationSpans {
    /// The longest quotation protected, in UTF-8 bytes (about 100 words).
    public static let maximumBytes = 600
    /// The longest quotation in single quotes protected (`'` and `’` are also apostrophes).
    public static let maximumSingleBytes = 250

    /// A quotation: the byte offsets of its opening and closing marks.
    public struct Span: Equatable, Sendable {
        public var open: Int
        public var close: Int
    }

    enum Family: UInt8 { case double, single, guillemet, singleGuillemet, corner, whiteCorner }

    /// A quotation mark at a position: its family, width and which way it may face.
    struct Mark {
        var family: Family
        var width: Int
        /// Always opens (`„`, `‚`, `「`), always closes (`」`), or is decided by flanking.
        var fixed: Direction?
        /// For spaced guillemets: which way the mark prefers when both are possible.
        var prefersOpening: Bool
    }

    enum Direction { case opening, closing }

    /// Whether byte `c` may start a quotation mark (a cheap filter before ``mark(_:_:_:)``).
    @inline(__always)
    static func mayStartMark(_ c: UInt8) -> Bool {
        // `"`, `'` and `,` as bits of one word (bits 34, 39 and 44), then the lead bytes of `“”‘’„«»「」`.
        c < 0x40 ? (0x0000_1084_0000_0000 as UInt64) >> c & 1 != 0 : (c == 0xE2 || c == 0xC2 || c == 0xE3)
    }

    /// Whether any of the eight bytes in `word` may start a quotation mark (``mayStartMark(_:)``
    /// holds for none otherwise): a byte of `"`, `'` or `,`, or any byte from 0x80 up.
    @inline(__always)
    static func mayHoldMark(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // Some byte of `v` is zero exactly when `(v - ones) & ~v & highs` is not.
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        return word & highs != 0 || hasZeroByte(word ^ (0x22 &* ones)) || hasZeroByte(word ^ (0x27 &* ones))
            || hasZeroByte(word ^ (0x2C &* ones))
    }

    static func mark(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Mark? {
        let c = b[i]
        switch c {
        case 0x22: return Mark(family: .double, width: 1, fixed: nil, prefersOpening: false)
        case 0x27: return Mark(family: .single, width: 1, fixed: nil, prefersOpening: false)
        case 0x2C:
            // ",," standing in for the German low quote „.
            guard i + 1 < hi, b[i + 1] == 0x2C, i + 2 < hi, !TextBytes.isSpace(b, i + 2, hi) else { return nil }
            return Mark(family: .double, width: 2, fixed: .opening, prefersOpening: true)
        case 0xC2:
            guard i + 1 < hi else { return nil }
            if b[i + 1] == 0xAB { return Mark(family: .guillemet, width: 2, fixed: nil, prefersOpening: true) }    // «
            if b[i + 1] == 0xBB { return Mark(family: .guillemet, width: 2, fixed: nil, prefersOpening: false) }   // »
            return nil
        case 0xE2:
            guard i + 2 < hi, b[i + 1] == 0x80 else { return nil }
            switch b[i + 2] {
            case 0x9C, 0x9D: return Mark(family: .double, width: 3, fixed: nil, prefersOpening: b[i + 2] == 0x9C)   // “ ”
            case 0x9E: return Mark(family: .double, width: 3, fixed: .opening, prefersOpening: true)                // „
            case 0x98, 0x99: return Mark(family: .single, width: 3, fixed: nil, prefersOpening: b[i + 2] == 0x98)   // ‘ ’
            case 0x9A: return Mark(family: .single, width: 3, fixed: .opening, prefersOpening: true)                // ‚
            case 0xB9: return Mark(family: .singleGuillemet, width: 3, fixed: nil, prefersOpening: true)            // ‹
            case 0xBA: return Mark(family: .singleGuillemet, width: 3, fixed: nil, prefersOpening: false)           // ›
            default: return nil
            }
        case 0xE3:
            guard i + 2 < hi, b[i + 1] == 0x80 else { return nil }
            switch b[i + 2] {
            case 0x8C: return Mark(family: .corner, width: 3, fixed: .opening, prefersOpening: true)       // 「
            case 0x8D: return Mark(family: .corner, width: 3, fixed: .closing, prefersOpening: false)      // 」
            case 0x8E: return Mark(family: .whiteCorner, width: 3, fixed: .opening, prefersOpening: true)  // 『
            case 0x8F: return Mark(family: .whiteCorner, width: 3, fixed: .closing, prefersOpening: false) // 』
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Whether the character before `i` lets a quotation open at `i`: the start, white space,
    /// an opening bracket, a dash, a slash, a colon or another quotation mark.
    static func opensAfter(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ i: Int) -> Bool {
        guard i > lo else { return true }
        let p = b[i - 1]
        if p == 0x20 || p == 0x09 || p == 0x0A || p == 0x0D || p == 0x28 || p == 0x5B || p == 0x7B
            || p == 0x2D || p == 0x2F || p == 0x3A || p == 0x22 || p == 0x27 { return true }
        guard p >= 0x80 else { return false }
        var s = i - 1
        while s > lo && b[s] & 0xC0 == 0x80 { s -= 1 }
        if TextBytes.isSpace(b, s, i) { return true }
        if let m = mark(b, s, i), m.width == i - s { return true }
        // – — ¿ ¡
        if b[s] == 0xE2 && i - s == 3 && b[s + 1] == 0x80 && (b[s + 2] == 0x93 || b[s + 2] == 0x94) { return true }
        if b[s] == 0xC2 && i - s == 2 && (b[s + 1] == 0xBF || b[s + 1] == 0xA1) { return true }
        return false
    }

    /// Whether the character at `j` (after a mark) lets the mark close a quotation: the end,
    /// white space or punctuation, not a letter or digit.
    static func closesBefore(_ b: UnsafeBufferPointer<UInt8>, _ j: Int, _ hi: Int) -> Bool {
        guard j < hi else { return true }
        let c = b[j]
        if c < 0x80 { return !(TextBytes.isASCIILetter(c) || c &- 0x30 < 10) }
        let (scalar, _) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<hi]), at: j)
        guard let scalar else { return true }
        return !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }

    /// The balanced quotations in `lo..<hi`, in order, outermost only.
    public static func spans(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> [Span] {
        var spans: [Span] = []
        var open: (family: Family, at: Int)? = nil
        var i = lo
        let base = b.baseAddress
        while i < hi {
            // Eight bytes at a time past text that holds no byte of a mark (`"`, `'`, `,`, non-ASCII).
            if let base {
                while i + 8 <= hi && !mayHoldMark(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
                if i >= hi { break }
            }
            let c = b[i]
            guard mayStartMark(c), let m = mark(b, i, hi) else { i += 1; continue }
            let after = i + m.width
            let spaceAfter = after >= hi || TextBytes.isSpace(b, after, hi)
            let spaceBefore = i == lo || TextBytes.isSpace(b, i - 1, i) || (b[i - 1] >= 0x80 && isSpaceBefore(b, lo, i))
            var canOpen: Bool
            var canClose: Bool
            switch m.fixed {
            case .opening?: canOpen = true; canClose = false
            case .closing?: canOpen = false; canClose = true
            case nil:
                canOpen = !spaceAfter && opensAfter(b, lo, i)
                canClose = !spaceBefore && closesBefore(b, after, hi)
                if m.family == .guillemet || m.family == .singleGuillemet {
                    // Spaced guillemets: « Non. » (French).
                    if spaceAfter && opensAfter(b, lo, i) && m.prefersOpening { canOpen = true }
                    if spaceBefore && closesBefore(b, after, hi) && !m.prefersOpening { canClose = true }
                }
            }
            if canOpen && canClose { if m.prefersOpening { canClose = false } else { canOpen = false } }
            if let o = open, i - o.at > (o.family == .single ? maximumSingleBytes : maximumBytes) { open = nil }
            if let o = open, canClose, m.family == o.family {
                spans.append(Span(open: o.at, close: i))
                open = nil
            } else if canOpen && (open == nil || open!.family == m.family) {
                open = (m.family, i)
            }
            i = after
        }
        return spans
    }

    /// Whether the multi-byte character ending at `i` is white space (no-break spaces).
    static func isSpaceBefore(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ i: Int) -> Bool {
        var s = i - 1
        while s > lo && b[s] & 0xC0 == 0x80 { s -= 1 }
        return TextBytes.isSpace(b, s, i)
    }
}
