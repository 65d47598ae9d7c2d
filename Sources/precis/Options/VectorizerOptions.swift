import ArgumentParser
import Precis

/// The vectoriser options shared by `vectorize`, `train` and `cross-validate`:
/// scikit-learn's `TfidfVectorizer` parameter names in kebab case.
///
/// Every option is optional so that each command can start from its own
/// defaults (``configuration(defaults:)``) and the user overrides only what
/// they name.
struct VectorizerOptions: ParsableArguments {
    @Option(name: .customLong("ngram-range"), parsing: .unconditional, help: ArgumentHelp("Word n-gram lengths, as MIN,MAX (e.g. 1,2).", valueName: "A,B"))
    var ngramRange: String?

    @Option(name: .customLong("min-df"), parsing: .unconditional, help: ArgumentHelp("Drop terms in fewer documents: an integer count, or a fraction in [0,1].", valueName: "X"))
    var minDF: String?

    @Option(name: .customLong("max-df"), parsing: .unconditional, help: ArgumentHelp("Drop terms in more documents: an integer count, or a fraction in [0,1].", valueName: "X"))
    var maxDF: String?

    @Option(name: .customLong("max-features"), parsing: .unconditional, help: ArgumentHelp("Keep only the N most frequent terms.", valueName: "N"))
    var maxFeatures: Int?

    @Option(name: .customLong("stop-words"), help: ArgumentHelp("english, none, or a file with one word a line.", valueName: "english|none|PATH"))
    var stopWords: String?

    @Flag(name: .customLong("sublinear-tf"), inversion: .prefixedNo, help: "Use 1 + log(tf) instead of raw term counts.")
    var sublinearTF: Bool?

    @Option(help: ArgumentHelp("Row normalisation: l2 (default), l1 or none.", valueName: "l2|l1|none"))
    var norm: String?

    @Flag(name: .customLong("smooth-idf"), inversion: .prefixedNo, help: "Add one to document frequencies (default on).")
    var smoothIDF: Bool?

    @Flag(name: .customLong("use-idf"), inversion: .prefixedNo, help: "Weight terms by inverse document frequency (default on).")
    var useIDF: Bool?

    @Flag(name: .customLong("lowercase"), inversion: .prefixedNo, help: "Lowercase text before tokenising (default on).")
    var lowercase: Bool?

    /// `defaults` with every option the user gave applied.
    func configuration(defaults: TfidfConfiguration) throws -> TfidfConfiguration {
        var config = defaults
        if let ngramRange { config.ngramRange = try Self.parseRange(ngramRange) }
        if let minDF { config.minDF = try Self.parseFrequency(minDF, option: "--min-df") }
        if let maxDF { config.maxDF = try Self.parseFrequency(maxDF, option: "--max-df") }
        if let maxFeatures {
            guard maxFeatures > 0 else { throw ValidationError("--max-features must be a positive integer, got \(maxFeatures)") }
            config.maxFeatures = maxFeatures
        }
        if let stopWords {
            switch stopWords {
            case "english": config.stopWords = StopWords.english
            case "none": config.stopWords = []
            default: config.stopWords = try StopWords.read(path: stopWords)
            }
        }
        if let sublinearTF { config.sublinearTF = sublinearTF }
        if let norm {
            guard let value = Norm(rawValue: norm) else {
                throw ValidationError("--norm takes l2, l1 or none, got '\(norm)'")
            }
            config.norm = value
        }
        if let smoothIDF { config.smoothIDF = smoothIDF }
        if let useIDF { config.useIDF = useIDF }
        if let lowercase { config.tokenizer.lowercase = lowercase }
        return config
    }

    /// Parses `A,B` (or a single `A`) into `A...B` with `1 <= A <= B`.
    static func parseRange(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(parts.count), let low = parts.first ?? nil, let high = parts.last ?? nil,
              low >= 1, low <= high, high <= 9 else {
            throw ValidationError("--ngram-range takes MIN,MAX with 1 <= MIN <= MAX <= 9, got '\(text)'")
        }
        return low...high
    }

    /// Parses a document-frequency bound: an integer is a count, a number with a point a proportion.
    static func parseFrequency(_ text: String, option: String) throws -> DocumentFrequency {
        if let n = Int(text), n >= 0 { return .count(n) }
        if text.contains("."), let p = Double(text), p >= 0, p <= 1 { return .proportion(p) }
        throw ValidationError("\(option) takes an integer count or a fraction in [0,1], got '\(text)'")
    }
}
