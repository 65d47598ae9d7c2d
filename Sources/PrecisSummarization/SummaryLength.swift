import PrecisCore

/// How long a summary should be.
///
/// ```swift
/// let three = SummaryLength.sentences(3)
/// let tenth = SummaryLength.ratio(0.1)        // 10% of the candidate sentences, at least one
/// let short = SummaryLength.words(60)         // the top sentences that fit in 60 words (a hard limit)
/// three.sentenceBudget(candidates: 20)        // 3
/// ```
public enum SummaryLength: Equatable, Sendable {
    /// A number of sentences (0 gives an empty summary).
    case sentences(Int)
    /// A fraction of the candidate sentences, rounded, at least one when the fraction is positive.
    case ratio(Double)
    /// A word budget, a hard limit: the best sentences that fit, in rank order (none when no sentence fits,
    /// unless ``SummarizerConfiguration/truncateToWordBudget`` allows cutting one).
    case words(Int)

    /// The default: three sentences.
    public static let `default` = SummaryLength.sentences(3)

    /// The largest number of sentences this length allows among `candidates` sentences.
    public func sentenceBudget(candidates: Int) -> Int {
        switch self {
        case .sentences(let n): return max(0, min(n, candidates))
        case .ratio(let r):
            guard r > 0, r.isFinite else { return 0 }
            return min(candidates, max(1, Int((r * Double(candidates)).rounded())))
        case .words(let w): return w > 0 ? candidates : 0
        }
    }

    /// Checks the value: a count or budget of 0 or more, a ratio in (0, 1].
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` naming `sentences`, `ratio` or `words`.
    ///
    /// ```swift
    /// try SummaryLength.ratio(1.5).validate()   // "ratio must be in (0, 1], got 1.5"
    /// ```
    public func validate() throws {
        switch self {
        case .sentences(let n) where n < 0: throw ConfigurationError("sentences", n, allowed: "0 or more")
        case .ratio(let r) where !(r > 0 && r <= 1): throw ConfigurationError("ratio", r, allowed: "in (0, 1]")
        case .words(let w) where w < 0: throw ConfigurationError("words", w, allowed: "0 or more")
        default: break
        }
    }
}
