/// The sentence-scoring methods of the ``Summarizer``.
///
/// ```swift
/// SummaryMethod(rawValue: "lexrank")   // .lexRank
/// SummaryMethod.default                // the method chosen by measurement
/// ```
public enum SummaryMethod: String, CaseIterable, Sendable, Codable {
    /// The first sentences of the article (the classic news baseline).
    case lead
    /// TextRank (Mihalcea & Tarau 2004): PageRank over the cosine-similarity graph of TF-IDF sentence vectors.
    case textRank = "textrank"
    /// LexRank (Erkan & Radev 2004): PageRank over the graph of sentence pairs whose similarity passes a threshold.
    case lexRank = "lexrank"
    /// Position-aware TextRank: PageRank whose random jumps favour early sentences
    /// (news puts key facts first), so centrality and position both count.
    case positional

    /// The method used when none is given, chosen by measurement (see the README).
    public static let `default` = SummaryMethod.positional

    /// The names accepted on the command line.
    public static var names: [String] { allCases.map(\.rawValue) }
}
