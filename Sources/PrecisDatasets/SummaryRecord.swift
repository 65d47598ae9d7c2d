/// One article with (optionally) its reference summary: a line of a
/// summarisation JSONL file, `{"id": ..., "article": ..., "summary": ...}`.
///
/// ```swift
/// let records = try SummaryRecordReader.read(path: "articles.jsonl")
/// records[0].article
/// ```
public struct SummaryRecord: Equatable, Sendable {
    /// The record's identifier (a JSON string, or a number written as text); the line number if absent.
    public var id: String
    /// The article text.
    public var article: String
    /// The reference summary, if the record has one.
    public var summary: String?
    /// The reference summary's sentences (`summary_sentences`), if given.
    public var summarySentences: [String]?
    /// The `split` field (`train`/`test`), if given.
    public var split: String?
    /// The 1-based line of the file the record came from.
    public var line: Int

    /// A record from its parts.
    public init(id: String, article: String, summary: String? = nil, summarySentences: [String]? = nil,
                split: String? = nil, line: Int = 0) {
        self.id = id
        self.article = article
        self.summary = summary
        self.summarySentences = summarySentences
        self.split = split
        self.line = line
    }
}
