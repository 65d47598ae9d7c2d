import Foundation
import NIOCore
import Precis

/// The endpoints' work: request value in, JSON out. Holds only read-only state (the model
/// store hands out immutable snapshots), so any number of requests run it at once.
struct API: Sendable {
    let store: ModelStore
    let configuration: ServerConfiguration
    let keywords = KeywordExtractor()
    let segmenter = SentenceSegmenter()

    /// Documents classified between two checks of the request deadline.
    private static let classifyChunk = 64

    // MARK: POST /v1/classify

    func classify(_ body: ByteBuffer, deadline: ContinuousClock.Instant) throws -> JSONWriter {
        let request = try ClassifyRequest(body: body, maximumBatch: configuration.maximumBatch)
        let (texts, single) = (request.texts, request.single)
        let name = request.model ?? store.defaultName
        guard let model = store.model(named: name) else {
            throw APIError(.badRequest, "unknown_model",
                           "no model named '\(name)'; this server has \(store.sources.map { "'\($0.name)'" }.joined(separator: ", "))")
        }
        let classifier = model.classifier
        let (top, explain, explainTerms) = (request.top, request.explain, request.explainTerms)

        var json = JSONWriter(capacity: 96 * texts.count + 32)
        if !single { json.raw("[") }
        var start = 0
        while start < texts.count {
            if start > 0 { try Self.check(deadline) }
            let chunk = Array(texts[start..<min(texts.count, start + Self.classifyChunk)])
            // The same test as the CLI's `"empty": true`: no content word, or no term the model knows.
            let (results, uninformative) = classifier.classifyFlaggingUninformative(chunk, top: top)
            for (offset, (text, result)) in zip(chunk, results).enumerated() {
                if start + offset > 0 { json.raw(",") }
                let empty = uninformative[offset]
                let abstains = empty || (request.threshold.map { Double(result.probabilities[0].probability) < $0 } ?? false)
                try json.encoded(ServedClassification(
                    label: abstains ? nil : result.label,
                    probabilities: empty ? [:] : Dictionary(result.probabilities.map { ($0.label, $0.probability) }, uniquingKeysWith: { a, _ in a }),
                    empty: empty ? true : nil,
                    explanation: explain ? (empty ? [] : classifier.explain(text, label: result.label, top: explainTerms)) : nil))
            }
            start += chunk.count
        }
        if !single { json.raw("]") }
        return json
    }

    // MARK: POST /v1/summarize

    func summarize(_ body: ByteBuffer, deadline: ContinuousClock.Instant) throws -> JSONWriter {
        let request = try SummarizeRequest(body: body)
        let length = request.length
        var configuration = SummarizerConfiguration()
        configuration.method = request.method
        let text = request.document.text
        try Self.check(deadline)
        let summary = Summarizer(configuration: configuration).summarize(text, length: length)
        var json = JSONWriter(capacity: summary.text.utf8.count * 2 + 128)
        // The same object as `precis summarize --json`.
        try json.encoded(ServedSummary(summary: summary, method: configuration.method))
        return json
    }

    // MARK: POST /v1/segment

    func segment(_ body: ByteBuffer, deadline: ContinuousClock.Instant) throws -> JSONWriter {
        let text = try DocumentRequest(body: body).text
        try Self.check(deadline)
        // The library's segmentation: every sentence, Unicode-scalar offsets, the detected language.
        let result = segmenter.segment(text)
        var json = JSONWriter(capacity: text.utf8.count + 64 * result.sentences.count + 32)
        try json.encoded(result)
        return json
    }

    // MARK: POST /v1/keywords

    func keywords(_ body: ByteBuffer, deadline: ContinuousClock.Instant) throws -> JSONWriter {
        let request = try KeywordsRequest(body: body)
        let text = request.document.text
        try Self.check(deadline)
        let phrases = keywords.keyphrases(in: text, top: request.top)
        var json = JSONWriter(capacity: 64 * phrases.count + 32)
        try json.encoded(ServedKeywords(keywords: phrases, language: LanguageDetector.detect(text).rawValue))
        return json
    }

    // MARK: GET /v1/models, /healthz

    func models() throws -> JSONWriter {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var json = JSONWriter(capacity: 1024)
        json.raw("{\"default\":")
        json.string(store.defaultName)
        json.raw(",\"models\":[")
        for (k, model) in store.all().enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{\"name\":")
            json.string(model.name)
            json.raw(",\"path\":")
            json.string(model.path)
            json.raw(",\"classes\":[")
            for (c, label) in model.classifier.labels.enumerated() {
                if c > 0 { json.raw(",") }
                json.string(label)
            }
            json.raw("],\"features\":")
            json.integer(model.classifier.vectorizer.featureCount)
            json.raw(",\"loaded_at\":")
            json.string(model.loadedAt)
            json.raw(",\"training\":")
            json.raw(String(decoding: try encoder.encode(model.classifier.metadata), as: UTF8.self))
            json.raw("}")
        }
        json.raw("]}")
        return json
    }

    func health() -> JSONWriter {
        var json = JSONWriter(capacity: 48)
        json.raw("{\"status\":\"ok\",\"models\":")
        json.integer(store.all().count)
        json.raw("}")
        return json
    }

    // MARK: Helpers

    /// `503 timeout` once the request has used its time.
    static func check(_ deadline: ContinuousClock.Instant) throws {
        if ContinuousClock.now > deadline {
            throw APIError(.serviceUnavailable, "timeout", "the request took longer than the server's time limit")
        }
    }
}

/// One classified document as the server answers it (`label` null when abstaining).
struct ServedClassification: Encodable {
    var label: String?
    var probabilities: [String: Float]
    var empty: Bool?
    var explanation: [TextClassifier.Contribution]?

    private enum CodingKeys: String, CodingKey { case label, probabilities, empty, explanation }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)          // explicit null
        try c.encode(probabilities, forKey: .probabilities)
        try c.encodeIfPresent(empty, forKey: .empty)
        try c.encodeIfPresent(explanation, forKey: .explanation)
    }
}

/// A summary with the method and the length report, as `precis summarize --json` prints it.
struct ServedSummary: Encodable {
    var summary: Summary
    var method: SummaryMethod

    private enum CodingKeys: String, CodingKey { case method, language, requested, returned, truncated }

    func encode(to encoder: Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(method, forKey: .method)
        try c.encode(summary.language.rawValue, forKey: .language)
        try c.encodeIfPresent(summary.requested, forKey: .requested)
        try c.encode(summary.returned, forKey: .returned)
        if summary.truncated { try c.encode(true, forKey: .truncated) }
    }
}

/// Keyphrases and the language whose stop words were used, as `precis keywords --json` prints them.
struct ServedKeywords: Encodable {
    var keywords: [Keyphrase]
    var language: String
}
