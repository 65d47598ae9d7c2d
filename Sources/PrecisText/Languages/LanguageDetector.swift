/// Detects the language of a text from stop-word profiles: the language
/// whose Snowball stop words cover most of the text's first words wins
/// (English on a tie or when nothing matches). Text mostly in Cyrillic is Russian;
/// letters typical of a few languages (`ñ`, `ß`, `ø`, `å`, `ő`, `ã`, ...) break near-ties
/// in short texts.
///
/// ```swift
/// LanguageDetector.detect("Der Hund und die Katze sind im Haus.")   // .german
/// LanguageDetector.detect("The cat is in the house.")                // .english
/// ```
///
/// Cost: one hash lookup per word of the first ``sampleBytes`` bytes.
public enum LanguageDetector {
    /// How much of the text is read (UTF-8 bytes).
    public static let sampleBytes = 3000

    /// Stop word (FNV-1a hash of its UTF-8 bytes) → bit set of the languages, in
    /// `Language.allCases` order, that list it.
    private static let table: WordMaskTable = {
        var masks: [String: UInt16] = [:]
        for (k, language) in Language.allCases.enumerated() {
            for word in LanguageProfile.of(language).stopWords { masks[word, default: 0] |= 1 << UInt16(k) }
        }
        return WordMaskTable(masks)
    }()

    /// The most likely language of `text`.
    public static func detect(_ text: String) -> Language {
        detectWithScores(text).language
    }

    /// The most likely language and the share of sampled words that are its stop words.
    public static func detectWithScores(_ text: String) -> (language: Language, coverage: Double) {
        var text = text
        return text.withUTF8 { detectWithScores(utf8: $0) }
    }

    /// ``detectWithScores(_:)`` on UTF-8 bytes: words are runs of letters (ASCII letters
    /// lowercased byte-wise, other characters through their Unicode lowercase mapping),
    /// hashed without building strings.
    public static func detectWithScores(utf8 b: UnsafeBufferPointer<UInt8>) -> (language: Language, coverage: Double) {
        let languages = Language.allCases
        let table = Self.table
        var hits = [Int](repeating: 0, count: languages.count)
        var words = 0
        var hash = WordMaskTable.seed
        var length = 0
        func flush() {
            guard length > 0 else { return }
            words += 1
            var mask = table[WordMaskTable.finish(hash)]
            while mask != 0 {                               // each language listing the word
                hits[mask.trailingZeroBitCount] += 1
                mask &= mask - 1
            }
            hash = WordMaskTable.seed
            length = 0
        }
        var letters = [Int](repeating: 0, count: languages.count)
        var cyrillic = 0, latin = 0
        let n = min(b.count, sampleBytes)
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if TextBytes.isASCIILetter(c) { hash = WordMaskTable.step(hash, c | 0x20); length += 1; latin += 1 } else { flush() }
                i += 1
                continue
            }
            let (scalar, width) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<b.count]), at: i)
            if let scalar, scalar.properties.isAlphabetic {
                if scalar.value >= 0x400 && scalar.value < 0x500 { cyrillic += 1 } else { latin += 1 }
                let typical = typicalLetters[scalar] ?? 0
                if typical != 0 {
                    for k in 0..<languages.count where typical & (1 << UInt16(k)) != 0 { letters[k] += 1 }
                }
                if scalar.properties.isUppercase {
                    for byte in scalar.properties.lowercaseMapping.utf8 { hash = WordMaskTable.step(hash, byte) }
                } else {
                    for k in i..<(i + width) { hash = WordMaskTable.step(hash, b[k]) }
                }
                length += 1
            } else {
                flush()
            }
            i += max(width, 1)
        }
        flush()
        let english = languages.firstIndex(of: .english)!
        if cyrillic > latin { return (.russian, words > 0 ? Double(hits[languages.firstIndex(of: .russian)!]) / Double(words) : 0) }
        // Stop words count double; typical letters add at most four points.
        let score = languages.indices.map { 2 * hits[$0] + min(letters[$0], 4) }
        var best = english
        for k in languages.indices where score[k] > score[best] { best = k }
        return (languages[best], words > 0 ? Double(hits[best]) / Double(words) : 0)
    }
}

/// Letters (both cases) typical of some languages → bit set of those languages (`Language.allCases` order).
private let typicalLetters: [Unicode.Scalar: UInt16] = {
    func mask(_ languages: [Language]) -> UInt16 {
        languages.reduce(0) { $0 | 1 << UInt16(Language.allCases.firstIndex(of: $1)!) }
    }
    let table: [(String, [Language])] = [
        ("ñ¿¡", [.spanish]), ("ãõ", [.portuguese]), ("ç", [.french, .portuguese]), ("œêîû", [.french]),
        ("ß", [.german]), ("ü", [.german, .hungarian]), ("äö", [.german, .swedish, .finnish]),
        ("æø", [.danish, .norwegian]), ("å", [.danish, .norwegian, .swedish]), ("őű", [.hungarian]),
        ("ìòù", [.italian]), ("è", [.italian, .french]),
    ]
    var result: [Unicode.Scalar: UInt16] = [:]
    for (letters, languages) in table {
        for scalar in letters.unicodeScalars {
            result[scalar, default: 0] |= mask(languages)
            for upper in scalar.properties.uppercaseMapping.unicodeScalars where upper != scalar {
                result[upper, default: 0] |= mask(languages)
            }
        }
    }
    return result
}()

/// An open-addressing table from 64-bit word hashes (FNV-1a of the UTF-8 bytes) to 16-bit masks.
struct WordMaskTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt16]
    private let mask: Int

    init(_ entries: [String: UInt16]) {
        var size = 64
        while size < entries.count * 4 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt16](repeating: 0, count: size)
        mask = size - 1
        for (word, bits) in entries {
            var h = Self.seed
            for byte in word.utf8 { h = Self.step(h, byte) }
            let key = Self.finish(h)
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] |= bits
        }
    }

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func step(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
    @inline(__always) static func finish(_ h: UInt64) -> UInt64 { let m = h ^ (h >> 29); return m == 0 ? 1 : m }

    /// The mask of `key`, 0 if absent.
    subscript(key: UInt64) -> UInt16 {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }
}
