import Foundation

/// How a full stop after an abbreviation behaves at a possible sentence boundary.
///
/// ```swift
/// Abbreviations.english.kind(of: "Mr")    // .title
/// Abbreviations.english.kind(of: "Inc")   // .trailing
/// ```
public enum AbbreviationKind: String, Sendable, CaseIterable {
    /// A capitalised title before a name (`Mr.`, `Dr.`, `St.`): never ends a sentence.
    case title
    /// A lowercase scholarly abbreviation (`e.g.`, `cf.`, `v.`): never ends a sentence.
    case latin
    /// Ends no sentence when a number follows (`No. 10`, `Jan. 5`), otherwise acts as a word.
    case numeric
    /// May end a sentence (`Inc.`, `U.S.`): it does when a usual sentence opener follows.
    case trailing
    /// After a number, a unit or year that may end a sentence like ``trailing`` (`1998 г.`);
    /// elsewhere a title before a name (`г. Москва`, the city of Moscow).
    case unit
}

/// A table of abbreviations for the ``SentenceSegmenter``.
///
/// The English table is embedded here; its canonical, reviewable form is
/// `Data/abbreviations-english.txt` (a test checks that the two agree).
///
/// ```swift
/// let table = Abbreviations.english
/// table.kind(of: "e.g")     // .latin
/// table.kind(of: "table")   // nil
/// ```
public struct Abbreviations: Sendable {
    /// Lowercased abbreviation (without its final full stop) → kind.
    public let entries: [String: AbbreviationKind]

    /// A table from explicit entries (keys lowercase, without the final full stop).
    public init(entries: [String: AbbreviationKind]) {
        self.entries = entries
    }

    /// Parses the `abbreviation<TAB>kind` format of `Data/abbreviations-english.txt`
    /// (`#` comments and blank lines ignored). Returns `nil` on a malformed line.
    public init?(parsing text: String) {
        var entries: [String: AbbreviationKind] = [:]
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let kind = AbbreviationKind(rawValue: String(parts[1])) else { return nil }
            entries[String(parts[0])] = kind
        }
        self.entries = entries
    }

    /// The kind of `word` (without its final full stop), case-insensitively; `nil` if unknown.
    public func kind(of word: String) -> AbbreviationKind? {
        entries[word.lowercased()]
    }

    /// The built-in English table.
    public static let english: Abbreviations = {
        var entries: [String: AbbreviationKind] = [:]
        for word in englishTitles { entries[word] = .title }
        for word in englishNumeric { entries[word] = .numeric }
        for word in englishLatin { entries[word] = .latin }
        for word in englishTrailing { entries[word] = .trailing }
        return Abbreviations(entries: entries)
    }()

    static let englishTitles = [
        "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "rev", "fr", "hon", "sen", "rep", "gov",
        "pres", "gen", "lt", "col", "maj", "capt", "cpt", "cmdr", "adm", "sgt", "cpl", "pte", "insp", "supt",
        "st", "mt", "ft",
    ]
    static let englishNumeric = [
        "no", "nos", "vol", "vols", "pp", "p", "fig", "figs", "ch", "sec", "ca", "c", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tue", "tues", "thu", "thur", "thurs",
    ]
    static let englishLatin = ["cf", "vs", "v", "approx", "e.g", "i.e", "viz"]
    static let englishTrailing = [
        "inc", "corp", "ltd", "co", "plc", "llc", "llp", "bros", "jr", "sr", "etc", "al", "esp", "dept", "est",
        "ave", "rd", "blvd", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "ph.d", "b.a", "m.a", "d.c", "n.y", "l.a",
    ]
}
