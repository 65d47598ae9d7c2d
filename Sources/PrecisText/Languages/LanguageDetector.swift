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
        // Per-language counts in fixed storage (the masks have 16 bits, so at most 16 languages),
        // with no array uniqueness checks in the scan.
        var hitCounts = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var letterCounts = hitCounts
        var words = 0, cyrillic = 0, latin = 0
        precondition(languages.count <= 16, "a language mask has 16 bits")
        withUnsafeMutableBytes(of: &hitCounts) { hitBytes in
            withUnsafeMutableBytes(of: &letterCounts) { letterBytes in
                Self.table.withStorage { table in
                    (words, cyrillic, latin) = scan(b, table: table,
                                                    hits: hitBytes.baseAddress!.assumingMemoryBound(to: Int.self),
                                                    letters: letterBytes.baseAddress!.assumingMemoryBound(to: Int.self),
                                                    languageCount: languages.count)
                }
            }
        }
        let hits = withUnsafeBytes(of: hitCounts) { Array($0.bindMemory(to: Int.self).prefix(languages.count)) }
        let letters = withUnsafeBytes(of: letterCounts) { Array($0.bindMemory(to: Int.self).prefix(languages.count)) }
        let english = languages.firstIndex(of: .english)!
        if cyrillic > latin { return (.russian, words > 0 ? Double(hits[languages.firstIndex(of: .russian)!]) / Double(words) : 0) }
        // Stop words count double; typical letters add at most four points.
        let score = languages.indices.map { 2 * hits[$0] + min(letters[$0], 4) }
        var best = english
        for k in languages.indices where score[k] > score[best] { best = k }
        return (languages[best], words > 0 ? Double(hits[best]) / Double(words) : 0)
    }

    /// Counts, over the first ``sampleBytes`` of `b`, the words, the stop-word hits and the
    /// typical letters per language (into `hits` and `letters`), and the Cyrillic and other letters.
    private static func scan(_ b: UnsafeBufferPointer<UInt8>, table: WordMaskTable.Storage,
                             hits: UnsafeMutablePointer<Int>, letters: UnsafeMutablePointer<Int>,
                             languageCount: Int) -> (words: Int, cyrillic: Int, latin: Int) {
        // Every letter is in exactly one word (the last one flushed at the end) and is either
        // Cyrillic or not: the other letters are counted as all letters less the Cyrillic ones,
        // per word rather than per byte.
        var words = 0, cyrillic = 0, allLetters = 0
        var hash = WordMaskTable.seed
        var length = 0
        @inline(__always) func flush() {
            guard length > 0 else { return }
            words &+= 1
            allLetters &+= length
            var mask = WordMaskTable.lookup(WordMaskTable.finish(hash), in: table)
            while mask != 0 {                               // each language listing the word
                hits[mask.trailingZeroBitCount] &+= 1
                mask &= mask - 1
            }
            hash = WordMaskTable.seed
            length = 0
        }
        let n = min(b.count, sampleBytes)
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if TextBytes.isASCIILetter(c) { hash = WordMaskTable.step(hash, c | 0x20); length &+= 1 } else { flush() }
                i += 1
                continue
            }
            let (scalar, width) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<b.count]), at: i)
            if let scalar, scalar.properties.isAlphabetic {
                if scalar.value >= 0x400 && scalar.value < 0x500 { cyrillic += 1 }
                let typical = typicalLetters[scalar] ?? 0
                if typical != 0 {
                    for k in 0..<languageCount where typical & (1 << UInt16(k)) != 0 { letters[k] &+= 1 }
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
        return (words, cyrillic, allLetters - cyrillic)
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
/// At most half full, keys and masks in separate arrays, so that the keys probed for every
/// sampled word (a few thousand stop words: 32 KB) stay in the nearest cache.
struct WordMaskTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt16]
    private let mask: Int

    init(_ entries: [String: UInt16]) {
        var size = 64
        while size < entries.count * 2 { size <<= 1 }
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

    /// The table's storage, for a scan that looks up many keys with ``lookup(_:in:)`` (no copy or
    /// bounds check per probe).
    struct Storage {
        let keys: UnsafePointer<UInt64>
        let values: UnsafePointer<UInt16>
        let mask: Int
    }

    /// The mask of `key`, 0 if absent.
    subscript(key: UInt64) -> UInt16 {
        withStorage { Self.lookup(key, in: $0) }
    }

    /// Runs `body` with the table's ``Storage``.
    @inline(__always)
    func withStorage<R>(_ body: (Storage) -> R) -> R {
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                body(Storage(keys: keys.baseAddress!, values: values.baseAddress!, mask: mask))
            }
        }
    }

    /// The mask of `key` in a table's `storage`, 0 if absent.
    @inline(__always)
    static func lookup(_ key: UInt64, in storage: Storage) -> UInt16 {
        var slot = Int(truncatingIfNeeded: key) & storage.mask
        while true {
            let k = storage.keys[slot]
            if k == key { return storage.values[slot] }
            if k == 0 { return 0 }
            slot = (slot + 1) & storage.mask
        }
    }
}
