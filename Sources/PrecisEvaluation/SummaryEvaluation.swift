import Foundation
import PrecisDatasets
import PrecisSummarization
import PrecisText

/// How long the summaries scored by ``Summarizer/evaluate(on:length:scorer:path:)`` are.
///
/// ```swift
/// let three = ReferenceLength.fixed(.sentences(3))
/// let matched = ReferenceLength.matchReference
/// ```
public enum ReferenceLength: Equatable, Sendable {
    /// The same length for every document.
    case fixed(SummaryLength)
    /// As many sentences as each reference summary has (its `summary_sentences`,
    /// else its `summary` split by the summariser's segmenter).
    case matchReference
}

/// Mean ROUGE of a summariser against reference summaries, with the throughput:
/// what `precis evaluate-summaries` reports. Encodes to the SPEC's JSON keys
/// (`n`, `rouge1`, `rouge2`, `rougeL` with `precision`, `recall`, `f1` ×100,
/// `seconds`, `documents_per_second`), plus `method` and `length`.
///
/// ```swift
/// let records = try SummaryRecordReader.read(path: "bbc_summary.jsonl")
/// let result = try Summarizer().evaluate(on: records, length: .fixed(.sentences(3)))
/// result.mean.rouge1.f1     // a fraction; the JSON shows it ×100
/// ```
public struct SummaryEvaluation: Equatable, Sendable, Codable {
    /// Documents scored.
    public var n: Int
    /// Mean precision, recall and F1 of each measure, as fractions.
    public var mean: RougeScores
    /// Wall-clock time of summarising and scoring.
    public var seconds: Double
    /// The summarising method (nil when the summaries were read from a predictions file).
    public var method: SummaryMethod?
    /// The summary length, in words: "3 sentences" or "match-reference".
    public var length: String
    /// How many documents were summarised in each language (detected or forced), by language code.
    public var languages: [String: Int] = [:]

    /// Documents summarised and scored per second.
    public var documentsPerSecond: Double { Double(n) / max(seconds, 1e-9) }

    enum CodingKeys: String, RougeCodingKey {
        case n, rouge1, rouge2, rougeL, seconds, method, length, languages
        case documentsPerSecond = "documents_per_second"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(n, forKey: .n)
        try c.encodePercent(mean)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(documentsPerSecond, forKey: .documentsPerSecond)
        try c.encodeIfPresent(method, forKey: .method)
        try c.encode(length, forKey: .length)
        try c.encode(languages, forKey: .languages)
    }
}

extension SummaryEvaluation {
    /// Reads the JSON written by ``encode(to:)`` (percentages back to fractions).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        n = try c.decode(Int.self, forKey: .n)
        mean = try c.decodePercent()
        seconds = try c.decode(Double.self, forKey: .seconds)
        method = try c.decodeIfPresent(SummaryMethod.self, forKey: .method)
        length = try c.decode(String.self, forKey: .length)
        languages = try c.decodeIfPresent([String: Int].self, forKey: .languages) ?? [:]
    }
}

extension Summarizer {
    /// Summarises every record's article (on all cores) and scores it against the
    /// record's reference `summary` with ROUGE-1, ROUGE-2 and ROUGE-L.
    ///
    /// ```swift
    /// let test = try SummaryRecordReader.read(path: "bbc_summary.jsonl").filter { $0.split == "test" }
    /// let result = try Summarizer(method: .lead).evaluate(on: test, length: .matchReference)
    /// print(result.mean.rougeL.f1)
    /// ```
    ///
    /// - Parameters:
    ///   - scorer: the ROUGE conventions (stemming on by default, as rouge-score).
    ///   - path: the file the records came from, named in errors.
    /// - Throws: ``PrecisDatasets/DatasetError`` at the line of a record without a reference summary.
    public func evaluate(on records: [SummaryRecord], length: ReferenceLength, scorer: RougeScorer = RougeScorer(),
                         path: String = "-") throws -> SummaryEvaluation {
        try evaluateDocuments(on: records, length: length, scorer: scorer, path: path).result
    }

    /// ``evaluate(on:length:scorer:path:)`` plus each document's scores, chosen
    /// sentences and reference (for `--per-document` files and reports), in record order.
    ///
    /// ```swift
    /// let (result, documents) = try Summarizer().evaluateDocuments(on: records, length: .fixed(.sentences(3)))
    /// ```
    ///
    /// `progress` is told after each block of records how many are scored of all.
    public func evaluateDocuments(on records: [SummaryRecord], length: ReferenceLength, scorer: RougeScorer = RougeScorer(),
                                  path: String = "-", progress: WorkProgress? = nil)
        throws -> (result: SummaryEvaluation, documents: [SummaryDocumentScore]) {
        let start = Date()
        if let record = records.first(where: { $0.summary == nil }) {
            throw DatasetError(path: path, line: record.line, "record has no \"summary\" to compare with")
        }
        let segmenter = configuration.segmenter
        var results: [(SummaryDocumentScore, Language)] = []
        results.reserveCapacity(records.count)
        for block in WorkBlocks.ranges(records.count, size: WorkBlocks.summaries) {
            results += try Self.inParallel(Array(records[block]), chunk: 8) { record in
                let reference = record.summary ?? ""
                var documentLength = SummaryLength.default
                switch length {
                case .fixed(let fixed): documentLength = fixed
                case .matchReference:
                    documentLength = .sentences(record.summarySentences?.count ?? segmenter.sentences(in: reference).count)
                }
                let summary = summarize(HtmlText.plainTextIfHTML(record.article), length: documentLength)
                let candidate = summary.text
                let document = SummaryDocumentScore(id: record.id, scores: scorer.score(reference: reference, candidate: candidate),
                                                    articleSentences: summary.documentSentences.map(\.text),
                                                    selected: summary.sentences.map(\.index),
                                                    candidate: candidate, reference: reference)
                return (document, summary.language)
            }
            progress?(block.upperBound, records.count)
        }
        var languages: [String: Int] = [:]
        for (_, language) in results { languages[language.rawValue, default: 0] += 1 }
        let documents = results.map(\.0)
        var total = RougeSummary()
        for d in documents { total.add(d.scores) }
        let lengthName: String
        switch length {
        case .matchReference: lengthName = "match-reference"
        case .fixed(.sentences(let n)): lengthName = "\(n) sentences"
        case .fixed(.ratio(let r)): lengthName = "ratio \(r)"
        case .fixed(.words(let w)): lengthName = "\(w) words"
        }
        let result = SummaryEvaluation(n: records.count, mean: total.mean, seconds: Date().timeIntervalSince(start),
                                       method: configuration.method, length: lengthName, languages: languages)
        return (result, documents)
    }
}
