/// List-item markers for the ``SentenceSegmenter``: bullets (`•`, `‣`, `⁃`, `◦`, `▪`, `●`, `►`, `■`,
/// and `-`, `*`, `–`, `—` at the start of a line) and enumerators (`1.`, `1.)`, `1)`, `(1)`,
/// `a.`, `a)`, `A.`, and roman numerals i–xx in either case: `iv.`, `II.`, `(iii)`), each followed
/// by white space. The marker belongs to its item (`I. Introduction` is one sentence).
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
    /// How an enumerator is punctuated: `1.`, `1)`, `1.)`, `(1)`; `none` for a bullet.
    public enum Style: Equatable, Sendable {
        case none, dot, paren, dotParen, parenthesised
    }

    /// How an enumerator counts: `1`, `a`, `A`, `i`, `I`.
    public enum Numbering: Equatable, Sendable {
        case none, arabic, lowerLetter, upperLetter, lowerRoman, upperRoman
    }

    /// A marker: where the item's text starts, the enumerator's value (1 for `1.`, `a.`, `i.` or
    /// `I.`), its numbering and punctuation. A single `i`, `v`, `x` (either case) is read as a
    /// roman numeral; ``letterValue`` keeps its value as a letter (`h. … i. …`).
    public struct Marker: Equatable, Sendable {
        public var end: Int
        public var value: Int
        public var style: Style
        public var numbering: Numbering = .none
        /// The value as a letter when a roman numeral is also a letter (`i` = 9), else `nil`.
        public var letterValue: Int? = nil

        /// Whether the marker continues a list whose last item was `previous`.
        func continues(_ previous: Marker) -> Bool {
            guard style == previous.style else { return false }
            if numbering == previous.numbering && value == previous.value + 1 { return true }
            // "h." then "i.": the letter reading of an ambiguous roman numeral.
            if let letterValue, previous.letterValue == nil, letterNumbering == previous.numbering,
               letterValue == previous.value + 1 { return true }
            // "i." read as a letter, then "j.".
            if let previousLetter = previous.letterValue, previous.letterNumbering == numbering,
               value == previousLetter + 1 { return true }
            return false
        }

        var letterNumbering: Numbering { numbering == .upperRoman ? .upperLetter : .lowerLetter }

        /// Whether the marker may be taken for an initial or a name's part ("J. Smith", "Henry V."):
        /// a single capital letter.
        public var isSingleCapital: Bool {
            numbering == .upperLetter || (numbering == .upperRoman && letterValue != nil)
        }
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
        if let m = enumerator(b, i, hi, profile: profile) { return m }
        return bullet && i < hi ? Marker(end: i, value: 0, style: .none) : nil
    }

    /// Lowercase roman numerals i–xx → value.
    static let romanValues: [String: Int] = {
        let units = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
        var table: [String: Int] = [:]
        for n in 1...20 { table[String(repeating: "x", count: n / 10) + units[n % 10]] = n }
        return table
    }()

    /// An enumerator at `i` followed by white space and text.
    static func enumerator(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int,
                           profile: LanguageProfile?) -> Marker? {
        var j = i
        var value = 0
        var numbering = Numbering.none
        var letterValue: Int? = nil
        let parenthesised = j < hi && b[j] == 0x28
        if parenthesised { j += 1 }
        let first = j
        while j < hi && b[j] &- 0x30 < 10 && j - first < 4 { value = value * 10 + Int(b[j] &- 0x30); j += 1 }
        if j > first {
            if j < hi && b[j] &- 0x30 < 10 { return nil }
            numbering = .arabic
        } else {
            // Letters: a run of ASCII letters of one case, at most five long.
            while j < hi && TextBytes.isASCIILetter(b[j]) && j - first < 6 { j += 1 }
            let length = j - first
            guard length > 0, length <= 5, j >= hi || !TextBytes.isASCIILetter(b[j]) else { return nil }
            let upper = b[first] &- 0x41 < 26
            for k in first..<j where (b[k] &- 0x41 < 26) != upper { return nil }
            let lower = String(decoding: UnsafeBufferPointer(rebasing: b[first..<j]), as: UTF8.self).lowercased()
            if let roman = romanValues[lower] {
                value = roman
                numbering = upper ? .upperRoman : .lowerRoman
                if length == 1 { letterValue = Int((b[first] | 0x20) &- 0x61) + 1 }
            } else if length == 1 {
                value = Int((b[first] | 0x20) &- 0x61) + 1
                numbering = upper ? .upperLetter : .lowerLetter
            } else {
                return nil
            }
        }
        var style: Style
        if parenthesised {
            guard j < hi && b[j] == 0x29 else { return nil }
            j += 1
            style = .parenthesised
        } else if j + 1 < hi && b[j] == 0x2E && b[j + 1] == 0x29 {
            j += 2
            style = .dotParen
        } else if j < hi && b[j] == 0x29 {
            j += 1
            style = .paren
        } else if j < hi && b[j] == 0x2E {
            j += 1
            style = .dot
        } else {
            return nil
        }
        guard j < hi, b[j] == 0x20 || b[j] == 0x09 else { return nil }
        let end = skipSpace(b, j, hi)
        guard end < hi else { return nil }
        if style == .dot && numbering == .arabic, let profile, profile.writesOrdinalDots {
            var e = end
            while e < hi && e - end < 32 && (TextBytes.isASCIILetter(b[e]) || b[e] >= 0x80) { e += 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: b[end..<e]), as: UTF8.self).lowercased()
            if profile.months.contains(word) { return nil }
        }
        return Marker(end: end, value: value, style: style, numbering: numbering, letterValue: letterValue)
    }

    static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int {
        var i = i
        while i < hi && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
        return i
    }

    /// Where list items start inside `lo..<hi` (after `lo`): at each bullet after white space, and,
    /// when an enumerator opens the text, at each later enumerator of the same style that
    /// continues its numbering (`1.) The first item 2.) The second item`, `I. Aims II. Methods`).
    /// Capital letters (`A. Smith and B. Jones`) and roman numerals after a capitalised word
    /// (`Henry II.`, `World War II.`) are names, not items, inside a line.
    public static func inlineItemStarts(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int,
                                        profile: LanguageProfile) -> [Int] {
        var starts: [Int] = []
        let first = marker(b, lo, hi, lineStart: true, profile: profile)
        var previous: Marker? = nil
        if let first, first.style != .none, first.numbering != .upperLetter { previous = first }
        var p = lo + 1
        var covered = first?.end ?? lo      // inside the last marker found
        while p < hi {
            if previous == nil {
                // With no list in progress, only a bullet (a character whose first byte is 0xE2) starts an item.
                while p < hi && b[p] != 0xE2 { p += 1 }
                guard p < hi else { break }
            }
            let c = b[p]
            if c == 0xE2 {
                if b[p - 1] == 0x20 || b[p - 1] == 0x09, bulletWidth(b, p, hi) != nil {
                    starts.append(p)
                    if let m = marker(b, p, hi, lineStart: false, profile: profile) {
                        covered = m.end
                        if let last = previous, m.style == last.style { previous = m }
                    }
                }
                p += 1
                continue
            }
            if let last = previous, p >= covered, c &- 0x30 < 10 || TextBytes.isASCIILetter(c) || c == 0x28,
               b[p - 1] == 0x20 || b[p - 1] == 0x09,
               let m = enumerator(b, p, hi, profile: profile), m.continues(last),
               m.numbering != .upperLetter, m.numbering == .arabic || !previousWordCapitalised(b, lo, p) {
                starts.append(p)
                previous = m
                covered = m.end
            }
            p += 1
        }
        return starts
    }

    /// Whether the word before the white space ending at `p` starts with a capital letter.
    static func previousWordCapitalised(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ p: Int) -> Bool {
        var e = p
        while e > lo && (b[e - 1] == 0x20 || b[e - 1] == 0x09) { e -= 1 }
        var w = e
        while w > lo && b[w - 1] != 0x20 && b[w - 1] != 0x09 && b[w - 1] != 0x0A { w -= 1 }
        return w < e && TextBytes.startsUppercase(b, w, e) && !(b[w] &- 0x30 < 10)
    }
}
