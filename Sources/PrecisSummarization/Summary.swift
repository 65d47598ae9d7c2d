import PrecisText

/// A chosen sentence with its position and score.
///
/// ```swift
/// let s = summary.sentences[0]
/// print(s.index, s.score, s.text)
/// ```
public struct ScoredSentence: Equatable, Sendable, Codable {
    /// The sentence's 0-based index among all sentences of the document (``Summary/documentSentences``).
    public var index: Int
    /// The sentence text.
    public var text: String
    /// The method's score for the sentence (higher is more central; comparable within one document).
    public var score: Float
}

/// The result of summarising one document.
///
/// ```swift
/// let summary = Summarizer().summarize(article, length: .sentences(3))
/// print(summary.text)                 // the chosen sentences, in document order
/// summary.sentences.map(\.index)      // e.g. [0, 4, 9]
/// ```
///
/// Encodes as the SPEC's JSON: `summary` (the text) and `sentences` (each
/// `index`, `text`, `score`).
public struct Summary: Equatable, Sendable, Encodable {
    /// The chosen sentences, in document order.
    public var sentences: [ScoredSentence]
    /// Every sentence of the document, furniture included.
    public var documentSentences: [Sentence]
    /// The score of each document sentence (0 for sentences that are not candidates).
    public var scores: [Float]

    /// The number of sentences asked for (`nil` unless the length was ``SummaryLength/sentences(_:)``).
    /// When it exceeds ``returned``, the document had fewer candidates, or near-duplicate removal left fewer.
    public var requested: Int?
    /// Whether the last sentence was cut to fit the word budget (``SummarizerConfiguration/truncateToWordBudget``).
    public var truncated: Bool = false
    /// The language whose rules and stop words were used.
    public var language: Language = .english

    /// The number of sentences in the summary.
    public var returned: Int { sentences.count }

    /// Whether fewer sentences were returned than requested.
    public var isShort: Bool { (requested ?? 0) > sentences.count }

    /// The chosen sentences joined by single spaces.
    public var text: String { sentences.map(\.text).joined(separator: " ") }

    /// Whether nothing was chosen.
    public var isEmpty: Bool { sentences.isEmpty }

    private enum CodingKeys: String, CodingKey { case summary, sentences }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .summary)
        try container.encode(sentences, forKey: .sentences)
    }
}
