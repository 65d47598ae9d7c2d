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
            let results = classifier.classify(chunk, top: top)
            for (offset, (text, result)) in zip(chunk, results).enumerated() {
                if start + offset > 0 { json.raw(",") }
                let empty = text.allSatisfy(\.isWhitespace)
                json.raw("{\"label\":")
                if empty || (request.threshold.map { Double(result.probabilities[0].probability) < $0 } ?? false) {
                    json.raw("null")
                } else {
                    json.string(result.label)
                }
                json.raw(",\"probabilities\":{")
                if !empty {
                    for (k, p) in result.probabilities.enumerated() {
                        if k > 0 { json.raw(",") }
                        json.string(p.label)
                        json.raw(":")
                        json.number(Double(p.probability))
                    }
                }
                json.raw("}")
                if empty { json.raw(",\"empty\":true") }
                if explain {
                    json.raw(",\"explanation\":[")
                    let terms = empty ? [] : classifier.explain(text, label: result.label, top: explainTerms)
                    for (k, term) in terms.enumerated() {
                        if k > 0 { json.raw(",") }
                        json.raw("{\"term\":")
                        json.string(term.term)
                        json.raw(",\"weight\":")
                        json.number(Double(term.weight))
                        json.raw("}")
                    }
                    json.raw("]")
                }
                json.raw("}")
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
        json.raw("{\"summary\":")
        json.string(summary.text)
        json.raw(",\"sentences\":[")
        for (k, s) in summary.sentences.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{\"index\":")
            json.integer(s.index)
            json.raw(",\"text\":")
            json.string(s.text)
            json.raw(",\"score\":")
            json.number(s.score)
            json.raw("}")
        }
        json.raw("],\"method\":")
        json.string(configuration.method.rawValue)
        json.raw("}")
        return json
    }

    // MARK: POST /v1/segment

    func segment(_ body: ByteBuffer, deadline: ContinuousClock.Instant) throws -> JSONWriter {
        let text = try DocumentRequest(body: body).text
        try Self.check(deadline)
        let sentences = segmenter.sentences(in: text)
        var json = JSONWriter(capacity: text.utf8.count + 64 * sentences.count + 32)
        json.raw("{\"sentences\":[")
        for (k, s) in sentences.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{\"text\":")
            json.string(s.text)
            json.raw(",\"start\":")
            json.integer(s.byteRange.lowerBound)
            json.raw(",\"end\":")
            json.integer(s.byteRange.upperBound)
            json.raw("}")
        }
        json.raw("],\"language\":\"en\"}")
        return json
    }

    // MARK: POST /v1/keywords

    func keywords(_ body: ByteBuffer, deadline: ContinuousClock.Instant) throws -> JSONWriter {
        let request = try KeywordsRequest(body: body)
        let text = request.document.text
        try Self.check(deadline)
        let phrases = keywords.keyphrases(in: text, top: request.top)
        var json = JSONWriter(capacity: 64 * phrases.count + 32)
        json.raw("{\"keywords\":[")
        for (k, p) in phrases.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{\"text\":")
            json.string(p.text)
            json.raw(",\"score\":")
            json.number(p.score)
            json.raw(",\"count\":")
            json.integer(p.count)
            json.raw("}")
        }
        json.raw("]}")
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
