/// Splits news text into sentences.
///
/// Rules, in order of precedence:
/// - every line break is a boundary (so headlines without a full stop stand alone);
/// - `.`, `!`, `?`, `...` and `…`, followed by closing quotes or brackets
///   (`..." he said`), end a sentence only when white space follows and the
///   next word does not start with a lowercase letter;
/// - a full stop after an abbreviation (``Abbreviations``), an initial
///   (`J. K. Rowling`) or a dotted form (`U.S.`) ends a sentence only when a
///   usual sentence opener follows (`in the U.S. The firm ...`); titles
///   (`Mr.`, `Dr.`) and `e.g.` never do; `No. 10` and `Jan. 5` do not;
/// - decimals, money, URLs and e-mail addresses (`$1.13bn`, `3.5%`,
///   `bbc.co.uk`) never split, since no white space follows their full stops.
///
/// Each sentence is then classified (``SentenceKind``): page furniture
/// (``PageFurniture``), headings, run-ons and body sentences.
///
/// ```swift
/// let sentences = SentenceSegmenter().sentences(in: "Shares in Acme Inc. rose 3.5%. \"It is good,\" he said.")
/// sentences.map(\.text)   // ["Shares in Acme Inc. rose 3.5%.", "\"It is good,\" he said."]
/// ```
///
/// Complexity: O(n) in the UTF-8 length of the text.
public struct SentenceSegmenter: Sendable {
    /// The abbreviation table.
    public var abbreviations: Abbreviations
    /// The page-furniture rules.
    public var furniture: PageFurniture
    /// Sentences with more words than this, or more than 24 bytes per allowed word, are
    /// ``SentenceKind/runOn`` (not candidates).
    public var maximumWords: Int

    /// A segmenter for English news text.
    public init(abbreviations: Abbreviations = .english, furniture: PageFurniture = PageFurniture(),
                maximumWords: Int = 250) {
        self.abbreviations = abbreviations
        self.furniture = furniture
        self.maximumWords = maximumWords
    }

    /// The sentences of `text`, in order, furniture included (see ``Sentence/kind``).
    public func sentences(in text: String) -> [Sentence] {
        var text = text
        return text.withUTF8 { sentences(inUTF8: $0) }
    }

    /// Just the body sentences' texts: the convenient form for a quick look.
    public func bodySentences(in text: String) -> [String] {
        sentences(in: text).filter(\.isCandidate).map(\.text)
    }

    /// The sentences of UTF-8 `bytes`.
    public func sentences(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Sentence] {
        var result: [Sentence] = []
        var paragraph = 0
        var lineStart = 0
        let n = bytes.count
        var i = 0
        while i <= n {
            // Find the end of the line: \n, \r, U+2028, U+2029, or the end of the text.
            var breakWidth = 0
            if i == n {
                breakWidth = 0
            } else {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D || b == 0x0C {
                    breakWidth = 1
                } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                    breakWidth = 3
                } else {
                    i += 1
                    continue
                }
            }
            if segmentLine(bytes, lineStart, i, paragraph: paragraph, into: &result) { paragraph += 1 }
            if i == n { break }
            i += breakWidth
            lineStart = i
        }
        return result
    }

    /// Segments the line `bytes[lo..<hi]`; returns whether it held any text.
    private func segmentLine(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int,
                             paragraph: Int, into result: inout [Sentence]) -> Bool {
        guard let (lo, hi) = TextBytes.trim(bytes, lo, hi) else { return false }
        if furniture.isFurnitureLine(bytes, lo, hi) {
            result.append(makeSentence(bytes, lo, hi, paragraph: paragraph, kind: .furniture))
            return true
        }
        let firstIndex = result.count
        var start = lo
        var i = lo
        while i < hi {
            let c = bytes[i]
            let isTerminator = c == 0x2E || c == 0x21 || c == 0x3F || TextBytes.isEllipsis(bytes, i, hi)
            if !isTerminator { i += 1; continue }
            // The run of terminators, then closing quotes and brackets.
            var j = i
            var dots = 0, marks = 0, ellipses = 0, closers = 0
            while j < hi {
                let b = bytes[j]
                if b == 0x2E { dots += 1; j += 1 }
                else if b == 0x21 || b == 0x3F { marks += 1; j += 1 }
                else if TextBytes.isEllipsis(bytes, j, hi) { ellipses += 1; j += 3 }
                else if let w = TextBytes.closerWidth(bytes, j, hi) { closers += 1; j += w }
                else { break }
            }
            guard j < hi else { break }                      // end of line ends the sentence anyway
            guard let spaceWidth = TextBytes.spaceWidth(bytes, j, hi) else { i = j; continue }
            var k = j + spaceWidth
            while k < hi, let w = TextBytes.spaceWidth(bytes, k, hi) { k += w }
            guard k < hi else { break }
            if isBoundary(bytes, terminatorAt: i, dots: dots, marks: marks, ellipses: ellipses + (dots >= 2 ? 1 : 0),
                          closers: closers, next: k, hi: hi) {
                if let (s, e) = TextBytes.trim(bytes, start, j) {
                    result.append(makeSentence(bytes, s, e, paragraph: paragraph, kind: .body))
                }
                start = k
            }
            i = k
        }
        if let (s, e) = TextBytes.trim(bytes, start, hi) {
            result.append(makeSentence(bytes, s, e, paragraph: paragraph, kind: .body))
        }
        // A line that is a single unpunctuated segment is a heading.
        if result.count == firstIndex + 1, result[firstIndex].kind == .body,
           !TextBytes.endsWithTerminalPunctuation(bytes, lo, hi) {
            result[firstIndex].kind = .heading
        }
        return true
    }

    /// Whether the terminator run starting at `i`, whose next word starts at `k`, ends a sentence.
    private func isBoundary(_ bytes: UnsafeBufferPointer<UInt8>, terminatorAt i: Int, dots: Int, marks: Int,
                            ellipses: Int, closers: Int, next k: Int, hi: Int) -> Bool {
        let nextByte = bytes[k]
        if TextBytes.startsLowercase(bytes, k, hi) { return false }
        let nextIsDigit = nextByte &- 0x30 < 10
        if ellipses > 0 && marks == 0 {
            // "...": a pause inside a sentence unless a capitalised word follows.
            return TextBytes.startsUppercase(bytes, TextBytes.skippingOpeners(bytes, k, hi), hi)
        }
        guard dots == 1 && marks == 0 && closers == 0 else { return true }
        // A single full stop directly after a word: look at that word.
        var w = i
        while w > 0 {
            let b = bytes[w - 1]
            if TextBytes.isASCIILetter(b) || (b == 0x2E && w - 1 > 0 && TextBytes.isASCIILetter(bytes[w - 2])) { w -= 1 } else { break }
        }
        guard w < i else { return true }
        // A word glued to something other than space or an opening bracket/quote (e.g. "3.5bn.") is not an abbreviation.
        if w > 0 {
            let before = bytes[w - 1]
            if before != 0x20 && before != 0x09 && before != 0x28 && before != 0x22 && before != 0x27 && before != 0x2D && before < 0x80 {
                return true
            }
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[w..<i]), as: UTF8.self)
        let capitalised = bytes[w] &- 0x41 < 26
        var kind = abbreviations.kind(of: word)
        if kind == nil {
            if i - w == 1 && capitalised { kind = .trailing }                 // an initial: "J. K. Rowling"
            else if word.utf8.contains(0x2E) { kind = .trailing }            // a dotted form: "U.S.A."
        }
        switch kind {
        case nil: return true
        case .title: return !capitalised
        case .latin: return false
        case .numeric: return !nextIsDigit
        case .trailing: return SentenceOpeners.isOpener(bytes, TextBytes.skippingOpeners(bytes, k, hi), hi)
        }
    }

    private func makeSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int,
                              paragraph: Int, kind: SentenceKind) -> Sentence {
        let slice = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
        let words = TextBytes.wordCount(slice)
        var kind = kind
        if kind == .body {
            if words > maximumWords || hi - lo > maximumWords * 24 { kind = .runOn }
            else if words == 0 { kind = .furniture }
            else if furniture.isFurnitureSentence(bytes, lo, hi) { kind = .furniture }
        }
        return Sentence(text: String(decoding: slice, as: UTF8.self), byteRange: lo..<hi,
                        paragraph: paragraph, kind: kind, wordCount: words)
    }
}
