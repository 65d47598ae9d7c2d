import ArgumentParser
import Precis

/// `--sentences N | --ratio R | --words W`.
struct SummaryLengthOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Number of sentences in the summary (default 3; at least 1).")
    var sentences: Int?

    @Option(name: .long, parsing: .unconditional, help: "Fraction of the article's sentences to keep, in (0, 1].")
    var ratio: Double?

    @Option(name: .long, parsing: .unconditional, help: "Word budget: the best sentences that fit in W words.")
    var words: Int?

    func validate() throws {
        let given = [sentences != nil, ratio != nil, words != nil].filter { $0 }.count
        if given > 1 { throw ValidationError("give only one of --sentences, --ratio and --words") }
        // An empty summary is never what a user asks for: 0 is an error, not silence.
        if let sentences, sentences < 1 { throw ValidationError("--sentences must be at least 1, got \(sentences)") }
        try OptionFlags.validated { try length.validate() }
    }

    var length: SummaryLength {
        if let ratio { return .ratio(ratio) }
        if let words { return .words(words) }
        return .sentences(sentences ?? 3)
    }
}

/// `--method` and the summariser's hyper-parameters.
struct SummarizerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Scoring method.", valueName: "name"))
    var method: SummaryMethod = .default

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("PageRank damping factor (default 0.85).", visibility: .hidden))
    var damping: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("Positional method: jump weight of sentence i is 1/(i+1)^x.", visibility: .hidden))
    var positionExponent: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("Multiply scores by (words/mean words)^x.", visibility: .hidden))
    var lengthExponent: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("Multiply scores of sentences opening with a back-referring pronoun.", visibility: .hidden))
    var pronounFactor: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("Redundancy trade-off in [0, 1]; 1 ranks by score alone.", visibility: .hidden))
    var mmrLambda: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("Never pick two sentences at least this similar (cosine).", visibility: .hidden))
    var redundancyThreshold: Float?

    @Option(name: .customLong("lexrank-threshold"), parsing: .unconditional, help: ArgumentHelp("LexRank similarity threshold.", visibility: .hidden))
    var lexRankThreshold: Float?

    @Flag(help: ArgumentHelp("Porter-stem words before comparing sentences.", visibility: .hidden))
    var sentenceStemming = false

    func validate() throws {
        try OptionFlags.validated { try configuration.validate() }
    }

    var configuration: SummarizerConfiguration {
        var config = SummarizerConfiguration()
        config.method = method
        if let damping { config.pageRank.damping = damping }
        if let positionExponent { config.positionExponent = positionExponent }
        if let lengthExponent { config.lengthExponent = lengthExponent }
        if let mmrLambda { config.mmrLambda = mmrLambda }
        if let pronounFactor { config.danglingPronounFactor = pronounFactor }
        if let redundancyThreshold { config.redundancyThreshold = redundancyThreshold }
        if let lexRankThreshold { config.lexRankThreshold = lexRankThreshold }
        if sentenceStemming { config.vectorizer.stemming = true }
        return config
    }
}
