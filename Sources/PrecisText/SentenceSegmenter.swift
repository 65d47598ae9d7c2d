/// Splits text into sentences: a byte-level scanner over UTF-8, linear in the text.
///
/// Rules, in order of precedence:
/// - a blank line ends a paragraph and a sentence; a single line break ends one according
///   to ``lineBreaks`` (``LineBreakMode``): always (`sentence`), or only where the text says
///   so (`paragraph`: the previous line ends a sentence, or the lines are list items,
///   headings or captions), or detected (`auto`: `paragraph` for hard-wrapped text, else
///   every break except where a sentence runs on into a lowercase line);
/// - list items (`1.`, `1.)`, `1)`, `a.`, `A.`, `iv.`, `II.`, `•`, `-`) are sentences of their own,
///   the marker included (`I. Introduction`), also inline (`1.) The first item 2.) The second item`)
///   when they are numbered in sequence; `Henry VIII.` and `World War II.` stay names;
/// - inside a balanced quotation (``QuotationSpans``: `"…"`, `“…”`, `„…“`, `« … »`, `»…«`, `‘…’`,
///   `「…」`, …) a short sentence (at most three words) does not stand alone: `He said, "Stop. Go
///   home now." Then he left.` is two sentences, as in pySBD; a quotation of full sentences, as
///   in news, is split at its sentence ends, as Punkt and spaCy do; unbalanced quotes protect nothing;
/// - a line without final punctuation that ends on a function word ("of the"), or in German on
///   a lowercase word, runs on into the next line even when that is capitalised;
/// - `.`, `!`, `?`, `…` and ellipses (`...`, `. . .`), followed by closing quotes or brackets
///   in any of the usual styles (`"…"`, `„…“`, `« … »`, `»…«`), end a sentence only when
///   white space follows and the next word does not start with a lowercase letter;
///   a bracketed ellipsis (`[...]`) never does, nor a spaced three-dot one (`. . .`, which marks
///   words left out inside a sentence; four spaced dots end one);
/// - a full stop after an abbreviation of the language (``LanguageProfile``), an initial
///   (`J. K. Rowling`) or a dotted form (`U.S.`) ends a sentence only when a usual sentence
///   opener follows (`in the U.S. The firm ...`); titles (`Mr.`, `Dr.`) and `e.g.`, `z. B.`
///   never do; `No. 10`, `N°. 5` and `Jan. 5` do not; nor an ordinal date (`am 1. September`)
///   in languages that write ordinals with a full stop;
/// - decimals, money, URLs and e-mail addresses (`$1.13bn`, `3.5%`, `bbc.co.uk`) never split,
///   since no white space follows their full stops.
///
/// Each sentence is then classified (``SentenceKind``): page furniture
/// (``PageFurniture``), headings, run-ons and body sentences.
///
/// ```swift
/// let sentences = SentenceSegmenter(language: .english).sentences(in: "Shares in Acme Inc. rose 3.5%. \"It is good,\" he said.")
/// sentences.map(\.text)   // ["Shares in Acme Inc. rose 3.5%.", "\"It is good,\" he said."]
/// SentenceSegmenter(language: .german).sentences(in: "Er kam am 1. September. Es regnete.").count   // 2
/// ```
///
/// Complexity: O(n) in the UTF-8 length of the text.
public struct SentenceSegmenter: Sendable {
    /// The language whose abbreviations, ordinals and openers apply (`auto`: detected per text).
    public var language: LanguageSelection
    /// What a single line break means.
    public var lineBreaks: LineBreakMode
    /// Replaces the language's abbreviation table when set.
    public var abbreviations: Abbreviations?
    /// The page-furniture rules.
    public var furniture: PageFurniture
    /// Sentences with more words than this, or more than 24 bytes per allowed word, are
    /// ``SentenceKind/runOn`` (not candidates).
    public var maximumWords: Int

    /// A segmenter; by default the language is detected per text and hard-wrapped text is detected.
    public init(language: LanguageSelection = .auto, lineBreaks: LineBreakMode = .auto,
                furniture: PageFurniture = PageFurniture(), maximumWords: Int = 250) {
        self.language = language
        self.lineBreaks = lineBreaks
        self.furniture = furniture
        self.maximumWords = maximumWords
    }

    /// A segmenter for one language.
    public init(language: Language, lineBreaks: LineBreakMode = .auto) {
        self.init(language: .fixed(language), lineBreaks: lineBreaks)
    }

    /// A segmenter with a custom abbreviation table (English rules otherwise).
    public init(abbreviations: Abbreviations, furniture: PageFurniture = PageFurniture(), maximumWords: Int = 250) {
        self.init(language: .fixed(.english), furniture: furniture, maximumWords: maximumWords)
        self.abbreviations = abbreviations
    }

    /// The sentences of `text`, in order, furniture included (see ``Sentence/kind``).
    public func sentences(in text: String) -> [Sentence] {
        sentences(in: text, language: language.resolve(for: text))
    }

    /// The sentences of `text` with the rules of `language`.
    public func sentences(in text: String, language: Language) -> [Sentence] {
        var text = text
        return text.withUTF8 { sentences(inUTF8: $0, language: language) }
    }

    /// Just the body sentences' texts: the convenient form for a quick look.
    public func bodySentences(in text: String) -> [String] {
        sentences(in: text).filter(\.isCandidate).map(\.text)
    }

    /// The sentences of UTF-8 `bytes` (language `auto` means English here; see ``sentences(in:)``).
    public func sentences(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Sentence] {
        if case .fixed(let language) = language { return sentences(inUTF8: bytes, language: language) }
        return sentences(inUTF8: bytes, language: .english)
    }

    /// The sentences of UTF-8 `bytes` with the rules of `language`.
    public func sentences(inUTF8 bytes: UnsafeBufferPointer<UInt8>, language: Language) -> [Sentence] {
        let profile = LanguageProfile.of(language)
        var scan = SegmenterScan(b: bytes, profile: profile, abbreviations: abbreviations ?? profile.abbreviations,
                                 furniture: furniture, maximumWords: maximumWords)
        let lines = SegmenterScan.lines(bytes)
        let policy: SegmenterScan.BreakPolicy
        switch lineBreaks {
        case .sentence: policy = .everyBreak
        case .paragraph: policy = .paragraph
        case .auto: policy = SegmenterScan.looksHardWrapped(bytes, lines) ? .paragraph : .unlessRunningOn
        }
        scan.run(lines: lines, policy: policy)
        return scan.result
    }
}

/// One line of the input: its content `lo..<hi` (without the break) and whether a
/// paragraph separator (U+2029, form feed) follows it.
struct SegmenterLine {
    var lo: Int
    var hi: Int
    var endsParagraph: Bool
}

/// The scanner behind ``SentenceSegmenter`` for one text.
struct SegmenterScan {
    let b: UnsafeBufferPointer<UInt8>
    let profile: LanguageProfile
    let abbreviations: Abbreviations
    let furniture: PageFurniture
    let maximumWords: Int
    var result: [Sentence] = []
    var paragraph = 0
    /// Whether sentences may contain line breaks (paragraph mode).
    var joined = false

    // MARK: Lines and paragraphs

    /// The lines of `b`, split at `\n`, `\r\n`, `\r`, form feed, U+2028 and U+2029.
    static func lines(_ b: UnsafeBufferPointer<UInt8>) -> [SegmenterLine] {
        var lines: [SegmenterLine] = []
        let n = b.count
        var lineStart = 0
        var i = 0
        while i < n {
            let c = b[i]
            if c == 0x0A || c == 0x0D || c == 0x0C {
                lines.append(SegmenterLine(lo: lineStart, hi: i, endsParagraph: c == 0x0C))
                i += (c == 0x0D && i + 1 < n && b[i + 1] == 0x0A) ? 2 : 1
                lineStart = i
            } else if c == 0xE2 && i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) {
                lines.append(SegmenterLine(lo: lineStart, hi: i, endsParagraph: b[i + 2] == 0xA9))
                i += 3
                lineStart = i
            } else {
                i += 1
            }
        }
        lines.append(SegmenterLine(lo: lineStart, hi: n, endsParagraph: true))
        return lines
    }

    /// Whether the text looks hard-wrapped: at least two line breaks inside paragraphs, and at
    /// least a third of them, where a sentence runs on (no final punctuation before the break, a
    /// lowercase word or a number after it), and no line longer than 120 characters.
    static func looksHardWrapped(_ b: UnsafeBufferPointer<UInt8>, _ lines: [SegmenterLine]) -> Bool {
        var inside = 0, continuations = 0
        for (k, line) in lines.enumerated() {
            guard let (lo, hi) = TextBytes.trim(b, line.lo, line.hi) else { continue }
            var scalars = 0
            for i in lo..<hi where b[i] & 0xC0 != 0x80 { scalars += 1 }
            if scalars > 120 { return false }
            guard !line.endsParagraph, k + 1 < lines.count,
                  let (nlo, nhi) = TextBytes.trim(b, lines[k + 1].lo, lines[k + 1].hi) else { continue }
            inside += 1
            // A sentence running on into the next line: no final punctuation, and the next line
            // goes on in lowercase (or with a number).
            let next = TextBytes.skippingOpeners(b, nlo, nhi)
            if !TextBytes.endsWithTerminalPunctuation(b, lo, hi)
                && (TextBytes.startsLowercase(b, next, nhi) || (next < nhi && b[next] &- 0x30 < 10)) {
                continuations += 1
            }
        }
        return continuations >= 2 && continuations * 3 >= inside
    }

    /// Which single line breaks end a sentence.
    enum BreakPolicy {
        /// Every one (``LineBreakMode/sentence``).
        case everyBreak
        /// Only where the text says so (``LineBreakMode/paragraph``).
        case paragraph
        /// Every one except where a sentence visibly runs on: no final punctuation before the
        /// break and a lowercase word after it (``LineBreakMode/auto`` on text that is not hard-wrapped).
        case unlessRunningOn
    }

    mutating func run(lines: [SegmenterLine], policy: BreakPolicy) {
        guard policy != .everyBreak else {
            for line in lines {
                guard let (lo, hi) = TextBytes.trim(b, line.lo, line.hi) else { continue }
                segmentPiece(lo, hi)
                paragraph += 1
            }
            return
        }
        // Runs of non-blank lines, cut where a line break ends a sentence.
        var k = 0
        while k < lines.count {
            guard TextBytes.trim(b, lines[k].lo, lines[k].hi) != nil else { k += 1; continue }
            var pieceStart = k
            var e = k
            while true {
                let (lo, hi) = TextBytes.trim(b, lines[e].lo, lines[e].hi)!
                let last = lines[e].endsParagraph || e + 1 >= lines.count || TextBytes.trim(b, lines[e + 1].lo, lines[e + 1].hi) == nil
                if last || (policy == .paragraph ? lineBreakEndsSentence(lines, e, lo, hi) : !runsOn(lines, e, lo, hi)) {
                    let start = TextBytes.trim(b, lines[pieceStart].lo, lines[pieceStart].hi)!.0
                    joined = e > pieceStart
                    segmentPiece(start, hi)
                    pieceStart = e + 1
                    if policy == .unlessRunningOn { paragraph += 1 }
                }
                if last { break }
                e += 1
            }
            if policy == .paragraph { paragraph += 1 }
            k = e + 1
        }
    }

    /// Whether a sentence visibly runs on across the break after line `e` (trimmed `lo..<hi`):
    /// the line has no final punctuation and the next one goes on with a lowercase word.
    func runsOn(_ lines: [SegmenterLine], _ e: Int, _ lo: Int, _ hi: Int) -> Bool {
        guard !TextBytes.endsWithTerminalPunctuation(b, lo, hi) else { return false }
        let (nlo, nhi) = TextBytes.trim(b, lines[e + 1].lo, lines[e + 1].hi)!
        if let m = ListMarkers.marker(b, nlo, nhi, lineStart: true, profile: profile), !m.isSingleCapital { return false }
        return TextBytes.startsLowercase(b, TextBytes.skippingOpeners(b, nlo, nhi), nhi) || runsOnAfterFunctionWord(lo, hi)
    }

    /// Whether the line `lo..<hi` (without final punctuation) visibly breaks off mid-sentence, so that
    /// the next line continues it even though that starts with a capital. Only in German, where
    /// every noun is capitalised, so that a capital on the next line is no sign of a new sentence:
    /// the line ends with a function word ("eine", or "Andere" alone on its line) or, in a longer
    /// line, with any lowercase word ("eine möglichst problemlose / Schwangerschaft"). (Elsewhere
    /// headlines often end on such words: "Bank raises rates again".)
    func runsOnAfterFunctionWord(_ lo: Int, _ hi: Int) -> Bool {
        guard profile.language == .german, !TextBytes.endsWithTerminalPunctuation(b, lo, hi), hi > lo else { return false }
        let last = b[hi - 1]
        guard TextBytes.isASCIILetter(last) || last >= 0x80 else { return false }
        let w = wordStart(before: hi, lowerBound: lo)
        guard w < hi else { return false }
        let lowercase = TextBytes.startsLowercase(b, w, hi)
        // A function word capitalised only because it opens the line ("Andere / Fischsorten ...").
        guard lowercase || w == lo else { return false }
        if profile.stopWords.contains(lowercaseWord(at: w, hi)) { return true }
        // German: a longer line ending in a lowercase word (not a heading or a list entry).
        return lowercase && profile.language == .german && TextBytes.hasMoreWords(than: 3, UnsafeBufferPointer(rebasing: b[lo..<hi]))
    }

    /// Whether the break after line `e` (trimmed `lo..<hi`) must end a sentence in paragraph mode:
    /// the next line is a list item, or one of the two lines is a heading, caption or furniture.
    /// (A sentence-final full stop before the break is handled by the scanner, which reads the
    /// break as white space.)
    func lineBreakEndsSentence(_ lines: [SegmenterLine], _ e: Int, _ lo: Int, _ hi: Int) -> Bool {
        let (nlo, nhi) = TextBytes.trim(b, lines[e + 1].lo, lines[e + 1].hi)!
        // A list item starts a sentence; a single capital ("J. Smith", "I. Jones") may be an initial.
        if let m = ListMarkers.marker(b, nlo, nhi, lineStart: true, profile: profile), !m.isSingleCapital { return true }
        if runsOnAfterFunctionWord(lo, hi) { return false }
        // A line continuing in lowercase continues the sentence, however short the line before.
        if TextBytes.startsLowercase(b, TextBytes.skippingOpeners(b, nlo, nhi), nhi) { return false }
        if furniture.isFurnitureLine(b, lo, hi) && !TextBytes.endsWithTerminalPunctuation(b, lo, hi) { return true }
        if furniture.isFurnitureLine(b, nlo, nhi) && !TextBytes.endsWithTerminalPunctuation(b, nlo, nhi) { return true }
        if !TextBytes.endsWithTerminalPunctuation(b, lo, hi) {
            // A heading or caption: a line much shorter than its neighbour, before a capitalised line.
            let next = TextBytes.skippingOpeners(b, nlo, nhi)
            if TextBytes.startsUppercase(b, next, nhi) && (hi - lo) * 2 < (nhi - nlo) { return true }
        }
        return false
    }

    // MARK: Sentences

    /// Segments the trimmed text `lo..<hi` (a line, or lines joined into one paragraph piece).
    mutating func segmentPiece(_ lo: Int, _ hi: Int) {
        let firstIndex = result.count
        defer {
            // A furniture line (a page label, byline, caption, or one or two words) is split like
            // any text, but none of its sentences is a summary candidate.
            if result.count > firstIndex && furniture.isFurnitureLine(b, lo, hi) {
                for k in firstIndex..<result.count { result[k].kind = .furniture }
            }
        }
        let inline = ListMarkers.inlineItemStarts(b, lo, hi, profile: profile)
        let quotes = QuotationSpans.spans(b, lo, hi)
        var nextQuote = 0
        var nextItem = 0
        var start = lo
        var i = ListMarkers.marker(b, lo, hi, lineStart: true, profile: profile)?.end ?? lo
        while i < hi {
            if nextItem < inline.count && i >= inline[nextItem] {
                let p = inline[nextItem]
                nextItem += 1
                if p > start {
                    emit(start, p)
                    start = p
                    i = ListMarkers.marker(b, p, hi, lineStart: false, profile: profile)?.end ?? p
                    continue
                }
            }
            let c = b[i]
            let isTerminator = c == 0x2E || c == 0x21 || c == 0x3F || TextBytes.isEllipsis(b, i, hi)
            if !isTerminator { i += 1; continue }
            let group = terminatorGroup(at: i, hi)
            var j = group.end
            guard j < hi else { break }                      // the end of the piece ends the sentence anyway
            guard isWhitespace(j, hi) else { i = j; continue }
            // Inside a quotation (before its closing mark) a short sentence does not stand alone.
            while nextQuote < quotes.count && quotes[nextQuote].close < i { nextQuote += 1 }
            if nextQuote < quotes.count && quotes[nextQuote].open < i && group.end <= quotes[nextQuote].close,
               shortQuotedSentence(quotes[nextQuote], before: i, sentenceStart: start, after: j, hi: hi) {
                i = group.end
                continue
            }
            while j < hi && isWhitespace(j, hi) { j += whitespaceWidth(j, hi) }
            let k = j
            guard k < hi else { break }
            if nextItem < inline.count && inline[nextItem] == k {
                i = k
                continue                                      // the list item starting there splits anyway
            }
            switch boundary(group, sentenceStart: start, next: k, hi: hi) {
            case .none:
                i = k
            case .afterGroup:
                emit(start, group.end)
                start = k
                i = ListMarkers.marker(b, k, hi, lineStart: false, profile: profile)?.end ?? k
            case .afterFirstDot:
                emit(start, group.start + 1)
                var s = group.start + 1
                while s < hi && isWhitespace(s, hi) { s += whitespaceWidth(s, hi) }
                start = s
                i = k
            }
        }
        emit(start, hi)
        // A piece that is a single unpunctuated segment is a heading.
        if result.count == firstIndex + 1, result[firstIndex].kind == .body,
           !TextBytes.endsWithTerminalPunctuation(b, lo, hi) {
            result[firstIndex].kind = .heading
        }
    }

    /// Whether the sentence that ends at `i` inside `quote`, or the one that starts after it (at
    /// `after`, white space included), has at most ``shortQuotedWords`` words: a quoted exchange
    /// ("Stop. Go home now.", "I can't. I won't.", "Non. Jamais.") stays one sentence, as in pySBD,
    /// while a quotation of full sentences (news: "Sales rose in every region. We are pleased with
    /// the year," he said.) is split
    /// at its sentence ends, as Punkt and spaCy split it and as news summaries are written.
    func shortQuotedSentence(_ quote: QuotationSpans.Span, before i: Int, sentenceStart: Int, after: Int, hi: Int) -> Bool {
        let from = max(sentenceStart, quote.open)
        if !hasMoreLetterWords(than: Self.shortQuotedWords, from, i) { return true }
        // The next sentence inside the quotation: up to its final punctuation or the closing mark.
        var e = after
        while e < quote.close {
            let c = b[e]
            if (c == 0x2E || c == 0x21 || c == 0x3F || TextBytes.isEllipsis(b, e, hi)) && e + 1 < hi
                && (TextBytes.isSpace(b, e + 1, hi) || e + 1 >= quote.close) { break }
            e += 1
        }
        return !hasMoreLetterWords(than: Self.shortQuotedWords, after, e)
    }

    /// Whether `lo..<hi` has more than `limit` words holding a letter or digit (dashes and
    /// quotation marks, ASCII or not, are no words). Stops reading early.
    func hasMoreLetterWords(than limit: Int, _ lo: Int, _ hi: Int) -> Bool {
        var words = 0
        var inWord = false
        var counted = false
        var k = lo
        while k < hi {
            let c = b[k]
            var width = 1
            if TextBytes.isSpace(b, k, hi) {
                inWord = false
                width = TextBytes.spaceWidth(b, k, hi) ?? 1
            } else {
                if !inWord { inWord = true; counted = false }
                var alphanumeric: Bool
                if c < 0x80 {
                    alphanumeric = TextBytes.isASCIILetter(c) || c &- 0x30 < 10
                } else {
                    let (scalar, w) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<hi]), at: k)
                    width = max(w, 1)
                    alphanumeric = scalar.map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
                }
                if alphanumeric && !counted {
                    counted = true
                    words += 1
                    if words > limit { return true }
                }
            }
            k += width
        }
        return false
    }

    /// The longest sentence, in words, that does not stand alone inside a quotation.
    static let shortQuotedWords = 3

    mutating func emit(_ lo: Int, _ hi: Int) {
        var hi = hi
        while hi > lo && (b[hi - 1] == 0x0A || b[hi - 1] == 0x0D) { hi -= 1 }
        guard let (s, e) = TextBytes.trim(b, lo, hi) else { return }
        result.append(makeSentence(s, e, kind: .body))
    }

    @inline(__always)
    func isWhitespace(_ i: Int, _ hi: Int) -> Bool {
        let c = b[i]
        if c == 0x20 { return true }
        if joined && (c == 0x0A || c == 0x0D || (c == 0xE2 && i + 2 < hi && b[i + 1] == 0x80 && b[i + 2] == 0xA8)) { return true }
        return TextBytes.spaceWidth(b, i, hi) != nil
    }

    @inline(__always)
    func whitespaceWidth(_ i: Int, _ hi: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x0A || c == 0x0D { return 1 }
        if c == 0xE2 && i + 2 < hi && b[i + 1] == 0x80 && b[i + 2] == 0xA8 { return 3 }
        return TextBytes.spaceWidth(b, i, hi) ?? 1
    }

    /// A run of sentence-final punctuation with the closing quotes and brackets after it.
    struct TerminatorGroup {
        var start: Int
        var end: Int
        var dots = 0
        var marks = 0
        var ellipses = 0
        var closers = 0
        /// Dots separated by spaces (`. . .`).
        var spaced = false
    }

    func terminatorGroup(at i: Int, _ hi: Int) -> TerminatorGroup {
        var g = TerminatorGroup(start: i, end: i)
        var j = i
        while j < hi {
            let c = b[j]
            if c == 0x2E { g.dots += 1; j += 1; continue }
            if c == 0x21 || c == 0x3F { g.marks += 1; j += 1; continue }
            if TextBytes.isEllipsis(b, j, hi) { g.ellipses += 1; j += 3; continue }
            // A spaced ellipsis: " ." after a dot, followed by a space, a dot, a closer or the end.
            if c == 0x20 && g.dots > 0 && g.closers == 0 && j + 1 < hi && b[j + 1] == 0x2E
                && (j + 2 >= hi || b[j + 2] == 0x20 || b[j + 2] == 0x0A
                    || (b[j + 2] == 0x2E && !opensWithEllipsis(j + 1, hi))
                    || TextBytes.closerWidth(b, j + 2, hi) != nil || Self.quoteWidth(b, j + 2, hi) != nil) {
                g.spaced = true
                j += 1
                continue
            }
            if let w = TextBytes.closerWidth(b, j, hi) ?? Self.quoteWidth(b, j, hi) { g.closers += 1; j += w; continue }
            // French: « … » with a space before the closing guillemet.
            if c == 0x20 || (c == 0xC2 && j + 1 < hi && b[j + 1] == 0xA0) || (c == 0xE2 && j + 2 < hi && b[j + 1] == 0x80 && b[j + 2] == 0xAF) {
                let w = c == 0x20 ? 1 : (c == 0xC2 ? 2 : 3)
                if j + w + 1 < hi + 1, j + w + 1 < hi, b[j + w] == 0xC2 && b[j + w + 1] == 0xBB,
                   j + w + 2 >= hi || TextBytes.isSpace(b, j + w + 2, hi) {
                    g.closers += 1
                    j += w + 2
                    continue
                }
            }
            break
        }
        g.end = j
        return g
    }

    /// Whether the dots at `i` are an unspaced ellipsis glued to the word after it ("...en toen"):
    /// words left out at the start of the next sentence.
    func opensWithEllipsis(_ i: Int, _ hi: Int) -> Bool {
        var r = i
        while r < hi && b[r] == 0x2E { r += 1 }
        return r - i >= 2 && r < hi && !TextBytes.isSpace(b, r, hi) && TextBytes.closerWidth(b, r, hi) == nil
            && Self.quoteWidth(b, r, hi) == nil
    }

    /// Width of a quotation mark that closes a quote right after sentence punctuation, in any
    /// style: `“` (German closing), `‘`, `„`, `«` (Danish closing), `‹`, `”`, `’`, `»`.
    static func quoteWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int? {
        let c = b[i]
        if c == 0xE2 && i + 2 < hi && b[i + 1] == 0x80 {
            let d = b[i + 2]
            if d == 0x9C || d == 0x98 || d == 0x9D || d == 0x99 || d == 0xB9 || d == 0xBA { return 3 }
        }
        if c == 0xC2 && i + 1 < hi && (b[i + 1] == 0xAB || b[i + 1] == 0xBB) { return 2 }
        if c == 0xE3 && i + 2 < hi && b[i + 1] == 0x80 && (b[i + 2] == 0x8D || b[i + 2] == 0x8F) { return 3 }   // 」 』
        return nil
    }

    enum Boundary { case none, afterGroup, afterFirstDot }

    /// Width of a dash (`-`, `–`, `—`) at `i`, or `nil`.
    func dashWidth(_ i: Int, _ hi: Int) -> Int? {
        guard i < hi else { return nil }
        if b[i] == 0x2D { return 1 }
        if b[i] == 0xE2 && i + 2 < hi && b[i + 1] == 0x80 && (b[i + 2] == 0x93 || b[i + 2] == 0x94) { return 3 }
        return nil
    }

    /// ASCII punctuation that never opens a sentence: `/` `,` `;` `:` `&` `%` `+` `=` `|` `\\` `)` `]` `}`.
    static func continuesSentence(_ c: UInt8) -> Bool {
        c == 0x2F || c == 0x2C || c == 0x3B || c == 0x3A || c == 0x26 || c == 0x25 || c == 0x2B || c == 0x3D
            || c == 0x7C || c == 0x5C || c == 0x29 || c == 0x5D || c == 0x7D
    }

    /// Whether the terminator group `g`, whose next word starts at `k`, ends a sentence.
    func boundary(_ g: TerminatorGroup, sentenceStart: Int, next k: Int, hi: Int) -> Boundary {
        let next = skippingOpeners(k, hi)
        if startsLowercase(next, hi) { return .none }
        // Dialogue: "«Где ты?» – спросила мама." A dash before a lowercase word continues the sentence.
        if let dash = dashWidth(next, hi), next + dash < hi, b[next + dash] == 0x20 {
            var w = next + dash
            while w < hi && b[w] == 0x20 { w += 1 }
            if startsLowercase(w, hi) { return .none }
        }
        // A sentence does not start with a slash, comma, colon, semicolon or the like ("se consuela. / [...]").
        if next < hi, Self.continuesSentence(b[next]) { return .none }
        let ellipsis = g.ellipses > 0 || g.dots >= 2
        if ellipsis && g.marks == 0 {
            // An omission inside brackets, "[...]", is never a boundary.
            if g.start > 0 && (b[g.start - 1] == 0x5B || b[g.start - 1] == 0x28) { return .none }
            let glued = g.start > 0 && !TextBytes.isSpace(b, g.start - 1, hi)
            // "compounds. . . . The": a full stop, then an ellipsis opening the next sentence.
            if g.spaced && glued && g.dots >= 4 && g.ellipses == 0 {
                return TextBytes.startsUppercase(b, next, hi) ? .afterFirstDot : .none
            }
            // Four dots (or a dot and "…"): an ellipsis and a full stop.
            if g.dots >= 4 || (g.ellipses > 0 && g.dots > 0) { return .afterGroup }
            // A spaced three-dot ellipsis marks words left out inside a sentence (the spaced style
            // ends a sentence with four dots); a bare "..." or "…" is a pause unless a capitalised word follows.
            if g.spaced { return .none }
            return TextBytes.startsUppercase(b, next, hi) ? .afterGroup : .none
        }
        if g.marks > 0 || g.closers > 0 || g.dots != 1 { return .afterGroup }
        return fullStopEnds(at: g.start, sentenceStart: sentenceStart, next: next, hi: hi) ? .afterGroup : .none
    }

    /// Whether a single full stop at `i`, directly after a word, ends the sentence begun at `start`.
    func fullStopEnds(at i: Int, sentenceStart start: Int, next: Int, hi: Int) -> Bool {
        let w = wordStart(before: i, lowerBound: start)
        guard w < i else { return true }
        var afterApostrophe = false
        // A word glued to something other than space, a line break or an opening bracket/quote
        // (e.g. "3.5bn.", "example.com.") is not an abbreviation.
        if w > start {
            let before = b[w - 1]
            // A contraction ("don't.", "isn’t."): the letters after the apostrophe are no abbreviation.
            let apostrophe = before == 0x27 ? 1 : (w - 3 >= start && b[w - 3] == 0xE2 && b[w - 2] == 0x80 && before == 0x99 ? 3 : 0)
            if apostrophe > 0 && w - apostrophe > start && isLetterBefore(w - apostrophe, start) {
                afterApostrophe = true
            }
            if !(before == 0x20 || before == 0x09 || before == 0x0A || before == 0x0D || before == 0x28 || before == 0x22
                 || before == 0x27 || before == 0x2D || before == 0x5B || before >= 0x80) {
                return true
            }
        }
        if isDigits(w, i) { return numberEnds(w, i, sentenceStart: start, next: next, hi: hi) }
        let word = String(decoding: UnsafeBufferPointer(rebasing: b[w..<i]), as: UTF8.self)
        let capitalised = TextBytes.startsUppercase(b, w, i)
        var kind = compoundKind(before: w, word: word, lowerBound: start) ?? abbreviations.kind(of: word)
        // The first part of a spaced abbreviation ("EE. UU.", "u. Ä."): the sentence goes on.
        if kind == nil && startsCompound(word, next: next, hi: hi) { return false }
        // A contraction ("don't.", "isn’t."): the letters after the apostrophe are no abbreviation
        // unless the table says so ("L'Avv. Neri").
        if kind == nil && afterApostrophe { return true }
        let letters = word.unicodeScalars.count
        // An initial ("J.") or dotted initials ("Л.Н.", "J.R.R."): single capital letters.
        let parts = word.split(separator: ".")
        let initial = capitalised && !parts.isEmpty && parts.allSatisfy { part in
            part.unicodeScalars.count == 1 && part.unicodeScalars.first!.properties.isUppercase
        }
        if kind == .numeric && initial && !(b[next] &- 0x30 < 10) { kind = nil }   // "S. 12" is a page, "A. S. Puschkin" initials
        if kind == .unit { kind = previousTokenIsNumber(w, lowerBound: start) ? .trailing : .title }
        if kind == nil {
            if initial {
                // The pronoun "I" after a lowercase word ends a sentence like any word ("you and I.").
                if profile.language == .english && word == "I" && !previousWordCapitalised(w, lowerBound: start) { return true }
                kind = .trailing                                    // an initial: "J. K. Rowling"
            } else if letters == 1 && !capitalised && word.unicodeScalars.first!.properties.isAlphabetic {
                kind = .latin                                       // "z. B.", "a. The first item"
            } else if word.utf8.contains(0x2E) && !word.split(separator: ".").contains(where: { $0.unicodeScalars.count > 3 }) {
                kind = .trailing                                    // a dotted form: "U.S.A." (not "example.org")
            }
        }
        switch kind {
        case nil: return true
        case .title: return profile.language == .english && !capitalised      // "5th st." may end an English sentence
        case .unit: return false                                              // resolved above
        case .latin: return false
        case .numeric: return !(b[next] &- 0x30 < 10)
        case .trailing:
            // Only after a plausible sentence (at least four words), before a usual opener or, in
            // languages that do not capitalise nouns, before a capitalised word (not after an initial).
            guard TextBytes.hasMoreWords(than: 3, UnsafeBufferPointer(rebasing: b[start..<i])) else { return false }
            if isOpener(next, hi) { return true }
            guard !initial, profile.language != .english, profile.language != .german else { return false }
            return TextBytes.startsUppercase(b, next, hi) && !startsInitial(next, hi)
        }
    }

    /// A number before a full stop: an ordinal (no boundary) in languages that write them with a
    /// full stop, when a month follows ("1. September") or a function word precedes it and no
    /// function word follows ("am 3. Spieltag"); otherwise a sentence end.
    func numberEnds(_ w: Int, _ i: Int, sentenceStart start: Int, next: Int, hi: Int) -> Bool {
        guard profile.writesOrdinalDots, i - w <= 3 else { return true }
        let nextWord = lowercaseWord(at: next, hi)
        if profile.months.contains(nextWord) { return false }
        // The end of a range of ordinals: "vom 1.-3. Jahrhundert", "1. – 3. Klasse".
        var d = w
        if d > start && b[d - 1] == 0x2D { d -= 1 }
        else if d - 3 >= start && b[d - 3] == 0xE2 && b[d - 2] == 0x80 && b[d - 1] == 0x93 { d -= 3 }
        if d < w {
            while d > start && b[d - 1] == 0x20 { d -= 1 }
            if d - 1 > start && b[d - 1] == 0x2E && b[d - 2] &- 0x30 < 10 { return false }
        }
        var p = w
        while p > start && (b[p - 1] == 0x20 || b[p - 1] == 0x0A) { p -= 1 }
        let q = wordStart(before: p, lowerBound: start)
        guard q < p else { return true }
        let previous = lowercaseWord(at: q, p)
        return !(profile.stopWords.contains(previous) && !profile.stopWords.contains(nextWord))
    }

    /// The start of the word (letters, digits, inner full stops, `°`/`º`) that ends at `i`.
    func wordStart(before i: Int, lowerBound: Int) -> Int {
        var w = i
        while w > lowerBound {
            let c = b[w - 1]
            if c < 0x80 {
                if TextBytes.isASCIILetter(c) || c &- 0x30 < 10 { w -= 1; continue }
                if c == 0x2E && w - 1 > lowerBound && w < i && isLetterBefore(w - 1, lowerBound) { w -= 1; continue }
                break
            }
            // A multi-byte character: step back to its first byte.
            var s = w - 1
            while s > lowerBound && b[s] & 0xC0 == 0x80 { s -= 1 }
            let (scalar, _) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<w]), at: s)
            guard let scalar, scalar.properties.isAlphabetic || scalar == "°" else { break }
            w = s
        }
        // Digits glued after letters ("5th") keep the letters; a leading run of dots is not part of a word.
        while w < i && b[w] == 0x2E { w += 1 }
        return w
    }

    func isLetterBefore(_ i: Int, _ lowerBound: Int) -> Bool {
        guard i > lowerBound else { return false }
        let c = b[i - 1]
        if c < 0x80 { return TextBytes.isASCIILetter(c) }
        return c >= 0x80
    }

    func isDigits(_ lo: Int, _ hi: Int) -> Bool {
        for k in lo..<hi where !(b[k] &- 0x30 < 10) { return false }
        return true
    }

    /// `z. B.`, `p. ex.`, `d. h.`: the word before a single space and full stop, joined with `word`.
    func compoundKind(before w: Int, word: String, lowerBound: Int) -> AbbreviationKind? {
        guard w - 2 > lowerBound, b[w - 1] == 0x20, b[w - 2] == 0x2E else { return nil }
        let p = wordStart(before: w - 2, lowerBound: lowerBound)
        guard p < w - 2, w - 2 - p <= 6 else { return nil }
        let first = String(decoding: UnsafeBufferPointer(rebasing: b[p..<(w - 2)]), as: UTF8.self)
        return abbreviations.kind(of: first + "." + word)
    }

    /// Whether `word`, a full stop and the word at `next` with its full stop ("EE." + "UU.") are an
    /// abbreviation of the table.
    func startsCompound(_ word: String, next: Int, hi: Int) -> Bool {
        let second = lowercaseWord(at: next, hi)
        let end = next + second.utf8.count
        guard !second.isEmpty, second.utf8.count <= 6, end < hi, b[end] == 0x2E else { return false }
        return abbreviations.kind(of: word + "." + second) != nil
    }

    /// Whether the token before the word at `w` (after white space) ends in a digit ("1998 г.", "2010-2012 гг.").
    func previousTokenIsNumber(_ w: Int, lowerBound: Int) -> Bool {
        var p = w
        while p > lowerBound && b[p - 1] == 0x20 { p -= 1 }
        return p > lowerBound && p < w && b[p - 1] &- 0x30 < 10
    }

    func previousWordCapitalised(_ w: Int, lowerBound: Int) -> Bool {
        var p = w
        while p > lowerBound && TextBytes.isSpace(b, p - 1, p) { p -= 1 }
        let q = wordStart(before: p, lowerBound: lowerBound)
        return q < p && TextBytes.startsUppercase(b, q, p) && !(b[q] &- 0x30 < 10)
    }

    /// Whether a single letter and a full stop (an initial) start at `k`.
    func startsInitial(_ k: Int, _ hi: Int) -> Bool {
        guard k < hi else { return false }
        let (_, width) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<hi]), at: k)
        return k + width < hi && b[k + width] == 0x2E
    }

    /// The lowercase word (letters only, at most 32 bytes) starting at `k`.
    func lowercaseWord(at k: Int, _ hi: Int) -> String {
        var e = k
        while e < hi && e - k < 32 {
            let c = b[e]
            if c < 0x80 { if TextBytes.isASCIILetter(c) { e += 1; continue } else { break } }
            let (scalar, width) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<hi]), at: e)
            guard let scalar, scalar.properties.isAlphabetic else { break }
            e += width
        }
        return String(decoding: UnsafeBufferPointer(rebasing: b[k..<e]), as: UTF8.self).lowercased()
    }

    /// Whether the word at `k` usually opens a sentence in the language.
    func isOpener(_ k: Int, _ hi: Int) -> Bool {
        if profile.language == .english { return SentenceOpeners.isOpener(b, k, hi) }
        let word = lowercaseWord(at: k, hi)
        // A dotted abbreviation ("U.S.") is no opener.
        if k + word.utf8.count < hi && b[k + word.utf8.count] == 0x2E { return false }
        return profile.openers.contains(word)
    }

    /// After opening quotes, brackets and Spanish `¿` `¡` (and Dutch `'s`, `'t`).
    func skippingOpeners(_ k: Int, _ hi: Int) -> Int {
        var i = TextBytes.skippingOpeners(b, k, hi)
        while i < hi {
            let c = b[i]
            if c == 0xC2 && i + 1 < hi && (b[i + 1] == 0xBF || b[i + 1] == 0xA1 || b[i + 1] == 0xBB) { i += 2; continue }
            if c == 0xE2 && i + 2 < hi && b[i + 1] == 0x80 && (b[i + 2] == 0x9E || b[i + 2] == 0x9A || b[i + 2] == 0x9D || b[i + 2] == 0xB9) { i += 3; continue }
            break
        }
        return i
    }

    func startsLowercase(_ k: Int, _ hi: Int) -> Bool {
        guard TextBytes.startsLowercase(b, k, hi) else { return false }
        // Dutch "'s Avonds", "'t Is": an elided article opens a sentence in lowercase.
        if profile.language == .dutch && k > 0 && (b[k - 1] == 0x27 || b[k - 1] == 0x99) && (b[k] == 0x73 || b[k] == 0x74)
            && (k + 1 >= hi || b[k + 1] == 0x20) {
            return false
        }
        return true
    }

    func makeSentence(_ lo: Int, _ hi: Int, kind: SentenceKind) -> Sentence {
        let slice = UnsafeBufferPointer(rebasing: b[lo..<hi])
        let words = TextBytes.wordCount(slice)
        var kind = kind
        if kind == .body {
            if words > maximumWords || hi - lo > maximumWords * 24 { kind = .runOn }
            else if words == 0 { kind = .furniture }
            else if furniture.isFurnitureSentence(b, lo, hi) { kind = .furniture }
        }
        return Sentence(text: joined ? Self.singleLine(slice) : String(decoding: slice, as: UTF8.self),
                        byteRange: lo..<hi, paragraph: paragraph, kind: kind, wordCount: words)
    }

    /// `slice` with every run of white space that holds a line break replaced by one space.
    static func singleLine(_ slice: UnsafeBufferPointer<UInt8>) -> String {
        guard slice.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0xE2 }) else {
            return String(decoding: slice, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = 0
        let n = slice.count
        while i < n {
            let c = slice[i]
            let isBreak = c == 0x0A || c == 0x0D || (c == 0xE2 && i + 2 < n && slice[i + 1] == 0x80 && slice[i + 2] == 0xA8)
            if isBreak {
                while let last = out.last, last == 0x20 || last == 0x09 { out.removeLast() }
                out.append(0x20)
                i += c == 0xE2 ? 3 : 1
                while i < n && (slice[i] == 0x20 || slice[i] == 0x09 || slice[i] == 0x0A || slice[i] == 0x0D) { i += 1 }
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
