/// A language Precis segments and summarises: the languages with Snowball
/// stemmers and stop-word lists.
///
/// ```swift
/// Language(code: "de")        // .german
/// Language(code: "French")    // .french
/// Language.german.rawValue    // "de"
/// ```
public enum Language: String, CaseIterable, Sendable, Codable {
    case danish = "da", german = "de", english = "en", spanish = "es", finnish = "fi", french = "fr"
    case hungarian = "hu", italian = "it", dutch = "nl", norwegian = "no", portuguese = "pt"
    case russian = "ru", swedish = "sv"

    /// The ISO 639-1 code.
    public var code: String { rawValue }

    /// The English name, lowercase (`german`).
    public var name: String { String(describing: self) }

    /// A language from its ISO 639-1 code or English name, case-insensitively
    /// (`nb` and `nn` are Norwegian); `nil` if unknown.
    public init?(code: String) {
        let key = code.lowercased()
        if let language = Language(rawValue: key) { self = language; return }
        if key == "nb" || key == "nn" || key == "bokmal" || key == "bokmål" { self = .norwegian; return }
        guard let language = Language.allCases.first(where: { $0.name == key }) else { return nil }
        self = language
    }
}

/// Which language to assume: a fixed one, or `auto` (detected per text from
/// stop-word profiles, see ``LanguageDetector``).
///
/// ```swift
/// LanguageSelection(argument: "auto")   // .auto
/// LanguageSelection(argument: "de")     // .fixed(.german)
/// ```
public enum LanguageSelection: Equatable, Hashable, Sendable {
    /// Detect the language of each text.
    case auto
    /// Always this language.
    case fixed(Language)

    /// Parses `auto`, an ISO 639-1 code or an English language name; `nil` if unknown.
    public init?(argument: String) {
        if argument.lowercased() == "auto" { self = .auto; return }
        guard let language = Language(code: argument) else { return nil }
        self = .fixed(language)
    }

    /// Every accepted value: `auto` and the codes.
    public static var names: [String] { ["auto"] + Language.allCases.map(\.rawValue) }

    /// `auto` or the language code.
    public var name: String {
        switch self {
        case .auto: return "auto"
        case .fixed(let language): return language.rawValue
        }
    }

    /// The language to use for `text`.
    public func resolve(for text: String) -> Language {
        switch self {
        case .auto: return LanguageDetector.detect(text)
        case .fixed(let language): return language
        }
    }
}
