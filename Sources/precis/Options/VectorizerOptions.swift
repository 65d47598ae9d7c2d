import ArgumentParser
import Precis

/// The vectoriser options shared by `vectorize`, `train` and `cross-validate`:
/// scikit-learn's `TfidfVectorizer` parameter names in kebab case.
///
/// Every option is optional so that each command can start from its own
/// defaults (``configuration(defaults:)``) and the user overrides only what
/// they name; the library's `validate()` checks the result.
struct VectorizerOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Word n-gram lengths, as MIN,MAX (e.g. 1,2); a single N means 1,N (all lengths up to N).", valueName: "A,B"))
    var ngramRange: NGramRange?

    @Option(parsing: .unconditional, help: ArgumentHelp("Drop terms in fewer documents: an integer count, or a fraction in [0,1].", valueName: "X"))
    var minDF: DocumentFrequency?

    @Option(parsing: .unconditional, help: ArgumentHelp("Drop terms in more documents: an integer count, or a fraction in [0,1].", valueName: "X"))
    var maxDF: DocumentFrequency?

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep only the N most frequent terms.", valueName: "N"))
    var maxFeatures: Int?

    @Option(help: ArgumentHelp("english (scikit-learn's list), none, a language (da de es fi fr hu it nl no pt ru sv: Snowball's list), or a file with one word a line.", valueName: "english|none|LANG|PATH"))
    var stopWords: String?

    @Flag(inversion: .prefixedNo, help: "Use 1 + log(tf) instead of raw term counts.")
    var sublinearTF: Bool?

    @Option(help: ArgumentHelp("Row normalisation (default: l2)."))
    var norm: Norm?

    @Flag(inversion: .prefixedNo, help: "Add one to document frequencies (default on).")
    var smoothIDF: Bool?

    @Flag(inversion: .prefixedNo, help: "Weight terms by inverse document frequency (default on).")
    var useIDF: Bool?

    @Flag(inversion: .prefixedNo, help: "Lowercase text before tokenising (default on).")
    var lowercase: Bool?

    /// `defaults` with every option the user gave applied, validated by the library.
    func configuration(defaults: TfidfConfiguration) throws -> TfidfConfiguration {
        var config = defaults
        config.ngramRange = ngramRange?.range ?? config.ngramRange
        config.minDF = minDF ?? config.minDF
        config.maxDF = maxDF ?? config.maxDF
        config.maxFeatures = maxFeatures ?? config.maxFeatures
        config.sublinearTF = sublinearTF ?? config.sublinearTF
        config.norm = norm ?? config.norm
        config.smoothIDF = smoothIDF ?? config.smoothIDF
        config.useIDF = useIDF ?? config.useIDF
        config.tokenizer.lowercase = lowercase ?? config.tokenizer.lowercase
        switch stopWords {
        case nil: break
        case "english", "en": config.stopWords = StopWords.english
        case "none": config.stopWords = []
        case let name?:
            if let language = Language(code: name) {
                config.stopWords = LanguageProfile.of(language).stopWords      // Snowball's list
            } else {
                config.stopWords = try StopWords.read(path: name)
            }
        }
        try OptionFlags.validated { try config.validate() }
        return config
    }
}

/// `--ngram-range A,B`, or a single `N` meaning `1,N` (every length up to N, as
/// fastText's `-wordNgrams N`): a range of n-gram lengths. Its bounds are checked
/// by the library.
struct NGramRange: ExpressibleByArgument {
    var range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(parts.count), let first = parts.first ?? nil, let high = parts.last ?? nil else { return nil }
        let low = parts.count == 1 ? min(1, high) : first
        guard low <= high else { return nil }
        range = low...high
    }
}
