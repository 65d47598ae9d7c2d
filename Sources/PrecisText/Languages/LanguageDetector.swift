/// Detects the language of a text from stop-word profiles: the language
/// whose Snowball stop words cover most of the text's first words wins
/// (English on a tie or when nothing matches).
///
/// ```swift
/// LanguageDetector.detect("Der Hund und die Katze sind im Haus.")   // .german
/// LanguageDetector.detect("The cat is in the house.")                // .english
/// ```
///
/// Cost: one hash lookup per word of the first ``sampleBytes`` bytes.
public enum LanguageDetector {
    /// How much of the text is read (UTF-8 bytes).
    public static let sampleBytes = 6000

    /// Word → bit set of the languages (in `Language.allCases` order) listing it as a stop word.
    private static let table: [String: UInt16] = {
        var table: [String: UInt16] = [:]
        for (k, language) in Language.allCases.enumerated() {
            for word in LanguageProfile.of(language).stopWords { table[word, default: 0] |= 1 << UInt16(k) }
        }
        return table
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
    /// lowercased byte-wise, other characters through their Unicode lowercase mapping).
    public static func detectWithScores(utf8 b: UnsafeBufferPointer<UInt8>) -> (language: Language, coverage: Double) {
        let languages = Language.allCases
        var hits = [Int](repeating: 0, count: languages.count)
        var words = 0
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func flush() {
            guard !word.isEmpty else { return }
            words += 1
            if word.count <= 24, let mask = table[String(decoding: word, as: UTF8.self)] {
                for k in 0..<languages.count where mask & (1 << UInt16(k)) != 0 { hits[k] += 1 }
            }
            word.removeAll(keepingCapacity: true)
        }
        let n = min(b.count, sampleBytes)
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if TextBytes.isASCIILetter(c) { word.append(c | 0x20) } else { flush() }
                i += 1
                continue
            }
            let (scalar, width) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: b[..<b.count]), at: i)
            if let scalar, scalar.properties.isAlphabetic {
                if scalar.properties.isUppercase {
                    word.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    word.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + width)]))
                }
            } else {
                flush()
            }
            i += max(width, 1)
        }
        flush()
        let english = languages.firstIndex(of: .english)!
        var best = english
        for k in languages.indices where hits[k] > hits[best] { best = k }
        return (languages[best], words > 0 ? Double(hits[best]) / Double(words) : 0)
    }
}
