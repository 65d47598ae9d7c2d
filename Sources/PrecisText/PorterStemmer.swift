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

    /// Calls `visit` with whether each letter of `s` is a consonant, left to right,
    /// until it returns `false`: a vowel letter is not, `y` is unless it follows a
    /// consonant (a leading `y` is one), every other byte is.
    @inline(__always) static func scanConsonants(_ s: ArraySlice<UInt8>, _ visit: (_ consonant: Bool) -> Bool) {
        var previousConsonant = false
        var first = true
        for c in s {
            let consonant = isVowelLetter(c) ? false : c == 0x79 ? (first || !previousConsonant) : true
            if !visit(consonant) { return }
            previousConsonant = consonant
            first = false
        }
    }

    /// The measure m of `stem` (number of VC sequences).
    static func measure(_ s: ArraySlice<UInt8>) -> Int {
        var m = 0
        var previousVowel = false
        scanConsonants(s) { consonant in
            if consonant && previousVowel { m += 1 }
            previousVowel = !consonant
            return true
        }
        return m
    }

    static func containsVowel(_ s: ArraySlice<UInt8>) -> Bool {
        var vowel = false
        scanConsonants(s) { consonant in
            vowel = !consonant
            return consonant
        }
        return vowel
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

    @inline(__always) static func ends(_ w: [UInt8], _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard w.count >= count else { return false }
        let offset = w.count - count
        let p = suffix.utf8Start
        for k in 0..<count where w[offset + k] != p[k] { return false }
        return true
    }

    @inline(__always) static func stemPart(_ w: [UInt8], _ suffix: StaticString) -> ArraySlice<UInt8> {
        w[0..<(w.count - suffix.utf8CodeUnitCount)]
    }

    @inline(__always) static func replace(_ w: inout [UInt8], _ suffix: StaticString, _ replacement: StaticString) {
        w.removeLast(suffix.utf8CodeUnitCount)
        let p = replacement.utf8Start
        for k in 0..<replacement.utf8CodeUnitCount { w.append(p[k]) }
    }

    /// The condition of a suffix rule.
    enum Condition {
        case always, positiveMeasure, measureAboveOne, ionStem

        @inline(__always) func holds(_ s: ArraySlice<UInt8>) -> Bool {
            switch self {
            case .always: return true
            case .positiveMeasure: return PorterStemmer.measure(s) > 0
            case .measureAboveOne: return PorterStemmer.measure(s) > 1
            case .ionStem: return PorterStemmer.measure(s) > 1 && (s.last == 0x73 || s.last == 0x74)
            }
        }
    }

    typealias Rule = (suffix: StaticString, replacement: StaticString, condition: Condition)

    /// The rules that replace each suffix (longer ones first where one ends another)
    /// when the stem before it meets `condition`.
    static func rules(_ condition: Condition, _ replacements: KeyValuePairs<StaticString, StaticString>) -> [Rule] {
        replacements.map { (suffix: $0.key, replacement: $0.value, condition: condition) }
    }

    /// Applies the first rule whose suffix matches; if its condition fails the word is
    /// unchanged. Returns whether a suffix matched.
    @discardableResult
    static func applyRules(_ w: inout [UInt8], _ rules: [Rule]) -> Bool {
        for rule in rules where ends(w, rule.suffix) {
            if rule.condition.holds(stemPart(w, rule.suffix)) { replace(&w, rule.suffix, rule.replacement) }
            return true
        }
        return false
    }

    // MARK: Steps

    static let step1aRules = rules(.always, ["sses": "ss", "ies": "i", "ss": "ss", "s": ""])

    static func step1a(_ w: inout [UInt8]) {
        if w.count == 4 && ends(w, "ies") { replace(&w, "ies", "ie"); return }
        applyRules(&w, step1aRules)
    }

    static func step1b(_ w: inout [UInt8]) {
        if ends(w, "ied") {
            if w.count == 4 { replace(&w, "ied", "ie") } else { replace(&w, "ied", "i") }
            return
        }
        if ends(w, "eed") {
            if measure(stemPart(w, "eed")) > 0 { w.removeLast(1) }
            return
        }
        var cut = 0
        if ends(w, "ed") && containsVowel(stemPart(w, "ed")) { cut = 2 }
        else if ends(w, "ing") && containsVowel(stemPart(w, "ing")) { cut = 3 }
        guard cut > 0 else { return }
        w.removeLast(cut)
        if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
            w.append(0x65)
        } else if endsDoubleConsonant(w[...]) {
            let last = w[w.count - 1]
            if last != 0x6C && last != 0x73 && last != 0x7A { w.removeLast() }
        } else if measure(w[...]) == 1 && endsCVC(w[...]) {
            w.append(0x65)
        }
    }

    static func step1c(_ w: inout [UInt8]) {
        guard ends(w, "y") else { return }
        let stem = stemPart(w, "y")
        if stem.count > 1 && isConsonant(stem, stem.endIndex - 1) { w[w.count - 1] = 0x69 }
    }

    static let step2Rules = rules(.positiveMeasure, [
        "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
        "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
        "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
        "iviti": "ive", "biliti": "ble", "fulli": "ful",
    ])

    static func step2(_ w: inout [UInt8]) {
        if ends(w, "alli") && measure(stemPart(w, "alli")) > 0 {
            replace(&w, "alli", "al")
            step2(&w)
            return
        }
        if applyRules(&w, step2Rules) { return }
        // NLTK: "logi" -> "log" when the word minus "ogi" has a positive measure.
        if ends(w, "logi") {
            if measure(w[0..<(w.count - 3)]) > 0 { w.removeLast(1) }
        }
    }

    static let step3Rules = rules(.positiveMeasure, [
        "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
    ])

    static func step3(_ w: inout [UInt8]) { applyRules(&w, step3Rules) }

    /// Step 4 removes these suffixes; `ion` (which ends none of the others, so its
    /// place in the list does not matter) has its own condition.
    static let step4Rules = rules(.ionStem, ["ion": ""]) + rules(.measureAboveOne, [
        "al": "", "ance": "", "ence": "", "er": "", "ic": "", "able": "", "ible": "", "ant": "", "ement": "",
        "ment": "", "ent": "", "ou": "", "ism": "", "ate": "", "iti": "", "ous": "", "ive": "", "ize": "",
    ])

    static func step4(_ w: inout [UInt8]) { applyRules(&w, step4Rules) }

    static func step5a(_ w: inout [UInt8]) {
        guard w.last == 0x65 else { return }
        let stem = w[0..<(w.count - 1)]
        let m = measure(stem)
        if m > 1 || (m == 1 && !endsCVC(stem)) { w.removeLast() }
    }

    static func step5b(_ w: inout [UInt8]) {
        if ends(w, "ll") && measure(w[0..<(w.count - 1)]) > 1 { w.removeLast() }
    }
}
