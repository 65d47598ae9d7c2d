/// What the segmenter, the keyword extractor and the summariser know about one
/// language: abbreviations, stop words, month names and usual sentence openers.
///
/// The lists live in `Data/languages/<code>/` (sources and licences in
/// `Data/languages/SOURCES.md`) and are embedded at build time.
///
/// ```swift
/// let de = LanguageProfile.of(.german)
/// de.abbreviations.kind(of: "z.b")    // .latin
/// de.months.contains("september")      // true
/// de.stopWords.contains("und")         // true
/// ```
public struct LanguageProfile: Sendable {
    /// The language.
    public let language: Language
    /// The abbreviation table (plus the numero sign forms `N°`, `Nº`, `n.º`).
    public let abbreviations: Abbreviations
    /// Snowball's stop words for the language, lowercase.
    public let stopWords: Set<String>
    /// Lowercase month names, for languages that write ordinals with a full stop (`am 1. September`);
    /// empty for the others.
    public let months: Set<String>
    /// Lowercase words that usually open a sentence: after a trailing abbreviation (`Inc.`,
    /// `Mio.`) such a word means the sentence ended there.
    public let openers: Set<String>

    /// Whether the language writes ordinal numbers with a full stop (`1. September`, `3. Platz`).
    public var writesOrdinalDots: Bool { !months.isEmpty }

    /// The profile of `language` (built once, then shared).
    public static func of(_ language: Language) -> LanguageProfile {
        profiles[language.rawValue]!
    }

    static let numeroSigns: [String: AbbreviationKind] = ["n°": .numeric, "nº": .numeric, "n.º": .numeric, "no°": .numeric]

    /// English titles that come with English names into any language ("Mt. Kisco", "Mr. Smith").
    static let englishNameTitles: [String: AbbreviationKind] = ["mr": .title, "mrs": .title, "ms": .title, "messrs": .title, "mt": .title]

    private static let profiles: [String: LanguageProfile] = {
        var result: [String: LanguageProfile] = [:]
        for language in Language.allCases {
            let code = language.rawValue
            let stop = Set(LanguageTables.stopWords[code] ?? [])
            var entries: [String: AbbreviationKind]
            if language == .english {
                entries = Abbreviations.english.entries
            } else {
                let text = (LanguageTables.abbreviations[code] ?? []).joined(separator: "\n")
                entries = Abbreviations(parsing: text)?.entries ?? [:]
            }
            entries.merge(numeroSigns) { old, _ in old }
            entries.merge(englishNameTitles) { old, _ in old }
            let openers = language == .english ? SentenceOpeners.words.union(stop) : stop
            result[code] = LanguageProfile(language: language, abbreviations: Abbreviations(entries: entries),
                                           stopWords: stop, months: Set(LanguageTables.months[code] ?? []),
                                           openers: openers)
        }
        return result
    }()
}
