import Foundation

/// ROUGE of one document's summary, with what a report needs to show it: the
/// article's sentences, which of them the summary chose, and the reference.
/// Encodes as one `--per-document` JSONL record: `id`, `rouge1`, `rouge2`, `rougeL`
/// (precision, recall, f1 ×100, as the aggregate) and `selected` (sentence indices,
/// when the summary was made here).
///
/// ```swift
/// let (result, documents) = try Summarizer().evaluateDocuments(on: records, length: .matchReference)
/// let worst = documents.min { $0.scores.rougeL.f1 < $1.scores.rougeL.f1 }
/// ```
public struct SummaryDocumentScore: Equatable, Sendable, Encodable {
    /// The record's id.
    public var id: String
    /// ROUGE-1, ROUGE-2 and ROUGE-L as fractions.
    public var scores: RougeScores
    /// The article's sentences (empty when only the summary text is known).
    public var articleSentences: [String] = []
    /// Indices into ``articleSentences`` of the sentences the summary chose.
    public var selected: [Int] = []
    /// The scored summary's text.
    public var candidate: String
    /// The reference summary.
    public var reference: String

    enum CodingKeys: String, RougeCodingKey { case id, rouge1, rouge2, rougeL, selected }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodePercent(scores)
        if !articleSentences.isEmpty { try c.encode(selected, forKey: .selected) }
    }
}
