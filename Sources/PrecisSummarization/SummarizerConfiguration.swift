import PrecisCore
import PrecisText

/// The hyper-parameters of a ``Summarizer``: everything that decides which
/// sentences are chosen, separate from any document.
///
/// ```swift
/// var config = SummarizerConfiguration()
/// config.method = .lexRank
/// config.redundancyThreshold = 0.5
/// let summary = Summarizer(configuration: config).summarize(text, length: .sentences(3))
/// ```
public struct SummarizerConfiguration: Sendable {
    /// How sentences are scored.
    public var method: SummaryMethod = .default
    /// LexRank: pairs with cosine similarity at or above this are linked.
    public var lexRankThreshold: Float = 0.1
    /// Documents with more candidate sentences than this are not turned into a dense graph
    /// (its n² similarities would not fit in memory); their sentences are scored by degree
    /// centrality, `xᵢ·Σⱼxⱼ − ‖xᵢ‖²` (the sum of cosine similarities to all other sentences),
    /// in O(non-zeros), and only exact repeats are filtered out.
    public var maximumGraphSentences: Int = 3000
    /// The ranking of the graph's sentences: its damping (also the jump weight of degree
    /// centrality) and when power iteration stops.
    public var pageRank = PageRank()
    /// Position prior strength: the jump probability to sentence i (0-based) is ∝ 1 / (i + 1)^exponent.
    public var positionExponent: Float = 0.25
    /// Exponent of the length factor `(words / mean words)^lengthExponent` that multiplies
    /// graph scores (0 turns it off). Longer sentences carry more facts; the mild default
    /// (0.25) was chosen on the BBC training split, where it raised mean ROUGE F1 over both
    /// summary lengths by a point (0.5 scored about the same, 0.75 and 1 lower).
    public var lengthExponent: Float = 0.25
    /// Multiplier for sentences that open with a pronoun referring back ("He added ...",
    /// "Its backers ..."), which read poorly without the sentence before them (1 turns it off).
    public var danglingPronounFactor: Float = 1
    /// Maximal marginal relevance trade-off: 1 ranks by score alone, lower values
    /// penalise similarity to already chosen sentences.
    public var mmrLambda: Float = 0.85
    /// A sentence whose cosine similarity to a chosen one reaches this is never chosen (near-duplicates).
    public var redundancyThreshold: Float = 0.6
    /// With a word budget (``SummaryLength/words(_:)``), whether the best sentence that does not
    /// fit may be cut at a word boundary (ending in `…`) to fill the budget. Off: only whole
    /// sentences that fit are chosen, so the summary may be empty.
    public var truncateToWordBudget: Bool = false
    /// TF-IDF options and stemming of the sentence vectors.
    public var vectorizer: SentenceVectorizer = SentenceVectorizer()
    /// Sentence segmentation and page-furniture rules; its language (detected when `auto`) also
    /// chooses the stop words of the sentence vectors for languages other than English.
    public var segmenter: SentenceSegmenter = SentenceSegmenter()

    /// The defaults (the measured best settings).
    public init() {}

    /// The defaults with another method.
    public init(method: SummaryMethod) {
        self.method = method
    }

    /// Checks the values against their ranges.
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` naming the property.
    ///
    /// ```swift
    /// var config = SummarizerConfiguration()
    /// config.pageRank.damping = 1
    /// try config.validate()    // "damping must be in (0, 1), got 1.0"
    /// ```
    public func validate() throws {
        try pageRank.validate()
        try ConfigurationError.check(mmrLambda >= 0 && mmrLambda <= 1, "mmrLambda", mmrLambda, "in [0, 1]")
        try ConfigurationError.check(lexRankThreshold.isFinite, "lexRankThreshold", lexRankThreshold, "a number")
        try ConfigurationError.check(redundancyThreshold.isFinite, "redundancyThreshold", redundancyThreshold, "a number")
        try ConfigurationError.check(positionExponent.isFinite && lengthExponent.isFinite, "positionExponent",
                  positionExponent.isFinite ? lengthExponent : positionExponent, "a finite number")
        try ConfigurationError.check(danglingPronounFactor >= 0 && danglingPronounFactor.isFinite, "danglingPronounFactor", danglingPronounFactor, "a non-negative number")
    }
}
