/// List-item markers for the ``SentenceSegmenter``: bullets (`•`, `‣`, `⁃`, `◦`, `▪`, `●`, `►`, `■`,
/// and `-`, `*`, `–`, `—` at the start of a line) and enumerators (`1.`, `1.)`, `1)`, `(1)`,
/// `a.`, `a)`), each followed by white space.
///
/// A list item is a sentence of its own: the marker never ends a sentence, and inside a line
/// an item starts at each bullet and at each enumerator that continues the numbering of the
/// one opening the line (`1.) The first item 2.) The second item`).
///
/// ```swift
/// let text = Array("a. One b. Two".utf8)
/// text.withUnsafeBufferPointer { ListMarkers.inlineItemStarts($0, 0, $0.count, profile: .of(.english)) }   // [7]
/// ```
public enum ListMarkers {
    /// How an enumerator is written.
    public enum Style: Equatable, Sendable {
        case none, digitDot, digitParen, digitDotParen, letterDot, letterParen, letterDotParen, parenthesised
    }

    /// A marker: where the item's text starts, the enumerator's value (1 for `1.` or `a.`) and style.
    public struct Marker: Equatable, Sendable {
        public var end: Int
        public var value: Int
        public var style: Style
    }

    /// Width of a bullet character at `i`, or `nil`.
    static func bulletWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int? {
        guard b[i] == 0xE2, i + 2 < hi else { return nil }
        let (x, y) = (b[i + 1], b[i + 2])
        if x == 0x80 && (y == 0xA2 || y == 0xA3) { return 3 }            // • ‣
        if x == 0x81 && y == 0x83 { return 3 }                            // ⁃
        if x == 0x97 && (y == 0xA6 || y == 0x8F) { return 3 }             // ◦ ●
        if x == 0x96 && (y == 0xAA || y == 0xBA || y == 0xA0) { return 3 } // ▪ ► ■
        return nil
    }

    /// The marker starting at `lo`, if any. `lineStart` also accepts `-`, `*`, `–` and `—`.
    /// With a `profile` whose language writes ordinal dates, `1. September` is no marker.
    public static func marker(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, lineStart: Bool,
                              profile: LanguageProfile? = nil) -> Marker? {
        guard lo < hi else { return nil }
        var i = lo
        var bullet = false
        if let w = bulletWidth(b, i, hi) {
            bullet = true
            i += w
            while i < hi && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
        } else if lineStart && i + 1 < hi && (b[i] == 0x2D || b[i] == 0x2A) && b[i + 1] == 0x20 {
            return Marker(end: skipSpace(b, i + 1, hi), value: 0, style: .none)
        } else if lineStart && i + 3 < hi && b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0x93 || b[i + 2] == 0x94) && b[i + 3] == 0x20 {
            return Marker(end: skipSpace(b, i + 3, hi), value: 0, style: .none)
        }
        if let (end, value, style) = enumerator(b, i, hi, profile: profile) {
            return Marker(end: end, value: value, style: style)
        }
        return bullet && i < hi ? Marker(end: i, value: 0, style: .none) : nil
    }

    /// An enumerator at `i` followed by white space and text: (text start, value, style).
    static func enumerator(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int,
                           profile: LanguageProfile?) -> (Int, Int, Style)? {
        var j = i
        var value = 0
        var digits = false
        let parenthesised = j < hi && b[j] == 0x28
        if parenthesised { j += 1 }
        while j < hi && b[j] &- 0x30 < 10 && j - i < 4 { value = value * 10 + Int(b[j] &- 0x30); j += 1; digits = true }
        if digits {
            if j < hi && b[j] &- 0x30 < 10 { return nil }
        } else if j < hi && b[j] &- 0x61 < 26 && (j + 1 >= hi || !TextBytes.isASCIILetter(b[j + 1])) {
            value = Int(b[j] &- 0x61) + 1
            j += 1
        } else {
            return nil
        }
        var style: Style
        if parenthesised {
            guard j < hi && b[j] == 0x29 else { return nil }
            j += 1
            style = .parenthesised
        } else if j + 1 < hi && b[j] == 0x2E && b[j + 1] == 0x29 {
            j += 2
            style = digits ? .digitDotParen : .letterDotParen
        } else if j < hi && b[j] == 0x29 {
            j += 1
            style = digits ? .digitParen : .letterParen
        } else if j < hi && b[j] == 0x2E {
            j += 1
            style = digits ? .digitDot : .letterDot
        } else {
            return nil
        }
        guard j < hi, b[j] == 0x20 || b[j] == 0x09 else { return nil }
        let end = skipSpace(b, j, hi)
        guard end < hi else { return nil }
        if style == .digitDot, let profile, profile.writesOrdinalDots {
            var e = end
            while e < hi && e - end < 32 && (TextBytes.isASCIILetter(b[e]) || b[e] >= 0x80) { e += 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: b[end..<e]), as: UTF8.self).lowercased()
            if profile.months.contains(word) { return nil }
        }
        return (end, value, style)
    }

    static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int {
        var i = i
        while i < hi && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
        return i
    }

    /// Where list items start inside `lo..<hi` (after `lo`): at each bullet after white space, and,
    /// when an enumerator opens the text, at each later enumerator of the same style that
    /// continues its numbering.
    public static func inlineItemStarts(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int,
                                        profile: LanguageProfile) -> [Int] {
        var starts: [Int] = []
        let first = marker(b, lo, hi, lineStart: true, profile: profile)
        var expected = 0
        var style = Style.none
        if let first, first.style != .none {
            expected = first.value + 1
            style = first.style
        }
        var p = lo + 1
        var covered = first?.end ?? lo      // inside the last marker found
        while p < hi {
            let c = b[p]
            if c == 0xE2 {
                if b[p - 1] == 0x20 || b[p - 1] == 0x09, bulletWidth(b, p, hi) != nil {
                    starts.append(p)
                    if let m = marker(b, p, hi, lineStart: false, profile: profile) {
                        covered = m.end
                        if m.style == style { expected = m.value + 1 }
                    }
                }
                p += 1
                continue
            }
            if style != .none && p >= covered && (c &- 0x30 < 10 || c &- 0x61 < 26 || c == 0x28) && (b[p - 1] == 0x20 || b[p - 1] == 0x09),
               let m = enumerator(b, p, hi, profile: profile), m.2 == style, m.1 == expected {
                starts.append(p)
                expected += 1
                covered = m.0
            }
            p += 1
        }
        return starts
    }
}
