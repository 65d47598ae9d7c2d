/// The Porter stemmer exactly as NLTK's `PorterStemmer()` in its default
/// `NLTK_EXTENSIONS` mode, which is what Google's `rouge-score` uses for
/// ROUGE with stemming.
///
/// It is M. F. Porter's 1980 suffix-stripping algorithm plus NLTK's changes:
/// a small table of irregular forms (`dying` → `die`, `news` → `news`),
/// words of one or two letters left alone, `ies`/`ied` on four-letter
/// words kept as `ie`, `y` → `i` only after a consonant, `bli` → `ble`,
/// `alli` → `al` applied recursively, `fulli` → `ful`, `logi` → `log`, and
/// the `*o` condition also true for two-letter vowel–consonant stems.
///
/// Input is lowercased ASCII; other bytes are treated as consonants, as NLTK does.
///
/// ```swift
/// let stemmer = PorterStemmer()
/// stemmer.stem("running")      // "run"
/// stemmer.stem("generalizations")  // "gener"
/// ```
public struct PorterStemmer: Sendable {
    /// A stemmer (it holds no state).
    public init() {}

    static let irregular: [String: String] = [
        "sky": "sky", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "news": "news",
        "innings": "inning", "inning": "inning", "outings": "outing", "outing": "outing",
        "cannings": "canning", "canning": "canning", "howe": "howe", "proceed": "proceed",
        "exceed": "exceed", "succeed": "succeed",
    ]

    /// The stem of `word` (lowercased first).
    public func stem(_ word: String) -> String {
        let lower = word.lowercased()
        if let irregular = Self.irregular[lower] { return irregular }
        var w = Array(lower.utf8)
        if w.count <= 2 { return lower }
        Self.stemInPlace(&w)
        return String(decoding: w, as: UTF8.self)
    }

    /// Stems already-lowercased ASCII bytes in place (irregular forms included).
    public func stem(bytes w: inout [UInt8]) {
        if w.count <= 2 { return }
        if w.count <= 8, let irregular = Self.irregular[String(decoding: w, as: UTF8.self)] {
            w = Array(irregular.utf8)
            return
        }
        Self.stemInPlace(&w)
    }

    static func stemInPlace(_ w: inout [UInt8]) {
        step1a(&w)
        step1b(&w)
        step1c(&w)
        step2(&w)
        step3(&w)
        step4(&w)
        step5a(&w)
        step5b(&w)
    }

    // MARK: Letter classes

    @inline(__always) static func isVowelLetter(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75
    }

    /// Whether `w[i]` is a consonant (NLTK's `_is_consonant`).
    static func isConsonant(_ w: ArraySlice<UInt8>, _ i: Int) -> Bool {
        var i = i
        if isVowelLetter(w[i]) { return false }
        if w[i] == 0x79 {
            var negate = false
            while i > w.startIndex && w[i] == 0x79 { negate.toggle(); i -= 1 }
            return !isVowelLetter(w[i]) != negate
        }
        return true
    }

    /// The measure m of `stem` (number of VC sequences).
    static func measure(_ s: ArraySlice<UInt8>) -> Int {
        var m = 0
        var previousConsonant = false
        var previousVowel = false
        var first = true
        for c in s {
            let consonant: Bool
            if isVowelLetter(c) { consonant = false }
            else if c == 0x79 { consonant = first ? true : !previousConsonant }
            else { consonant = true }
            if consonant && previousVowel { m += 1 }
            previousVowel = !consonant
            previousConsonant = consonant
            first = false
        }
        return m
    }

    static func containsVowel(_ s: ArraySlice<UInt8>) -> Bool {
        var previousConsonant = false
        var first = true
        for c in s {
            let consonant: Bool
            if isVowelLetter(c) { consonant = false }
            else if c == 0x79 { consonant = first ? true : !previousConsonant }
            else { consonant = true }
            if !consonant { return true }
            previousConsonant = consonant
            first = false
        }
        return false
    }

    static func endsDoubleConsonant(_ w: ArraySlice<UInt8>) -> Bool {
        w.count >= 2 && w[w.endIndex - 1] == w[w.endIndex - 2] && isConsonant(w, w.endIndex - 1)
    }

    /// Condition *o (with NLTK's two-letter extension).
    static func endsCVC(_ w: ArraySlice<UInt8>) -> Bool {
        let n = w.count, e = w.endIndex
        if n >= 3 && isConsonant(w, e - 3) && !isConsonant(w, e - 2) && isConsonant(w, e - 1)
            && w[e - 1] != 0x77 && w[e - 1] != 0x78 && w[e - 1] != 0x79 { return true }
        return n == 2 && !isConsonant(w, e - 2) && isConsonant(w, e - 1)
    }

    @inline(__always) static func ends(_ w: [UInt8], _ suffix: [UInt8]) -> Bool {
        guard w.count >= suffix.count else { return false }
        let offset = w.count - suffix.count
        for k in 0..<suffix.count where w[offset + k] != suffix[k] { return false }
        return true
    }

    @inline(__always) static func stemPart(_ w: [UInt8], _ suffix: [UInt8]) -> ArraySlice<UInt8> {
        w[0..<(w.count - suffix.count)]
    }

    static func replace(_ w: inout [UInt8], _ suffix: [UInt8], _ replacement: [UInt8]) {
        w.removeLast(suffix.count)
        w.append(contentsOf: replacement)
    }

    typealias Rule = (suffix: [UInt8], replacement: [UInt8], condition: ((ArraySlice<UInt8>) -> Bool)?)

    /// Applies the first rule whose suffix matches; if its condition fails the word is unchanged.
    static func applyRules(_ w: inout [UInt8], _ rules: [Rule]) {
        for rule in rules where ends(w, rule.suffix) {
            let stem = stemPart(w, rule.suffix)
            if rule.condition?(stem) ?? true { replace(&w, rule.suffix, rule.replacement) }
            return
        }
    }

    static func b(_ s: StaticString) -> [UInt8] {
        Array(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    static let positive: (ArraySlice<UInt8>) -> Bool = { measure($0) > 0 }
    static let greaterThanOne: (ArraySlice<UInt8>) -> Bool = { measure($0) > 1 }

    // MARK: Steps

    static let step1aRules: [Rule] = [(b("sses"), b("ss"), nil), (b("ies"), b("i"), nil), (b("ss"), b("ss"), nil), (b("s"), [], nil)]

    static func step1a(_ w: inout [UInt8]) {
        if w.count == 4 && ends(w, b("ies")) { replace(&w, b("ies"), b("ie")); return }
        applyRules(&w, step1aRules)
    }

    static func step1b(_ w: inout [UInt8]) {
        if ends(w, b("ied")) {
            replace(&w, b("ied"), w.count == 4 ? b("ie") : b("i"))
            return
        }
        if ends(w, b("eed")) {
            if measure(stemPart(w, b("eed"))) > 0 { w.removeLast(1) }
            return
        }
        var stem: [UInt8]? = nil
        for suffix in [b("ed"), b("ing")] where ends(w, suffix) {
            let s = stemPart(w, suffix)
            if containsVowel(s) { stem = Array(s); break }
        }
        guard var s = stem else { return }
        if ends(s, b("at")) || ends(s, b("bl")) || ends(s, b("iz")) {
            s.append(0x65)
        } else if endsDoubleConsonant(s[...]) {
            let last = s[s.count - 1]
            if last != 0x6C && last != 0x73 && last != 0x7A { s.removeLast() }
        } else if measure(s[...]) == 1 && endsCVC(s[...]) {
            s.append(0x65)
        }
        w = s
    }

    static func step1c(_ w: inout [UInt8]) {
        guard ends(w, b("y")) else { return }
        let stem = stemPart(w, b("y"))
        if stem.count > 1 && isConsonant(stem, stem.endIndex - 1) { w[w.count - 1] = 0x69 }
    }

    static let step2Rules: [Rule] = [
        (b("ational"), b("ate"), positive), (b("tional"), b("tion"), positive), (b("enci"), b("ence"), positive),
        (b("anci"), b("ance"), positive), (b("izer"), b("ize"), positive), (b("bli"), b("ble"), positive),
        (b("alli"), b("al"), positive), (b("entli"), b("ent"), positive), (b("eli"), b("e"), positive),
        (b("ousli"), b("ous"), positive), (b("ization"), b("ize"), positive), (b("ation"), b("ate"), positive),
        (b("ator"), b("ate"), positive), (b("alism"), b("al"), positive), (b("iveness"), b("ive"), positive),
        (b("fulness"), b("ful"), positive), (b("ousness"), b("ous"), positive), (b("aliti"), b("al"), positive),
        (b("iviti"), b("ive"), positive), (b("biliti"), b("ble"), positive), (b("fulli"), b("ful"), positive),
    ]

    static func step2(_ w: inout [UInt8]) {
        if ends(w, b("alli")) && measure(stemPart(w, b("alli"))) > 0 {
            replace(&w, b("alli"), b("al"))
            step2(&w)
            return
        }
        for rule in step2Rules where ends(w, rule.suffix) {
            if measure(stemPart(w, rule.suffix)) > 0 { replace(&w, rule.suffix, rule.replacement) }
            return
        }
        // NLTK: "logi" -> "log" when the word minus "ogi" has a positive measure.
        if ends(w, b("logi")) {
            if measure(w[0..<(w.count - 3)]) > 0 { w.removeLast(1) }
        }
    }

    static let step3Rules: [Rule] = [
        (b("icate"), b("ic"), positive), (b("ative"), [], positive), (b("alize"), b("al"), positive),
        (b("iciti"), b("ic"), positive), (b("ical"), b("ic"), positive), (b("ful"), [], positive),
        (b("ness"), [], positive),
    ]

    static func step3(_ w: inout [UInt8]) { applyRules(&w, step3Rules) }

    static let step4Rules: [Rule] = [
        (b("al"), [], greaterThanOne), (b("ance"), [], greaterThanOne), (b("ence"), [], greaterThanOne),
        (b("er"), [], greaterThanOne), (b("ic"), [], greaterThanOne), (b("able"), [], greaterThanOne),
        (b("ible"), [], greaterThanOne), (b("ant"), [], greaterThanOne), (b("ement"), [], greaterThanOne),
        (b("ment"), [], greaterThanOne), (b("ent"), [], greaterThanOne),
        (b("ion"), [], { s in measure(s) > 1 && (s.last == 0x73 || s.last == 0x74) }),
        (b("ou"), [], greaterThanOne), (b("ism"), [], greaterThanOne), (b("ate"), [], greaterThanOne),
        (b("iti"), [], greaterThanOne), (b("ous"), [], greaterThanOne), (b("ive"), [], greaterThanOne),
        (b("ize"), [], greaterThanOne),
    ]

    static func step4(_ w: inout [UInt8]) { applyRules(&w, step4Rules) }

    static func step5a(_ w: inout [UInt8]) {
        guard w.last == 0x65 else { return }
        let stem = w[0..<(w.count - 1)]
        let m = measure(stem)
        if m > 1 || (m == 1 && !endsCVC(stem)) { w.removeLast() }
    }

    static func step5b(_ w: inout [UInt8]) {
        if ends(w, b("ll")) && measure(w[0..<(w.count - 1)]) > 1 { w.removeLast() }
    }
}
