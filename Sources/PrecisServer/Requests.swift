import Foundation
import NIOCore
import Precis

/// The body of `POST /v1/classify`.
struct ClassifyRequest: Decodable {
    var text: String?
    var texts: [String]?
    var model: String?
    var top: Int?
    var explain: Bool?
    var explainTerms: Int?
    var threshold: Double?

    enum CodingKeys: String, CodingKey {
        case text, texts, model, top, explain, threshold
        case explainTerms = "explain_terms"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.optional(String.self, .text)
        texts = try c.optional([String].self, .texts)
        model = try c.optional(String.self, .model)
        top = try c.optional(Int.self, .top)
        explain = try c.optional(Bool.self, .explain)
        explainTerms = try c.optional(Int.self, .explainTerms)
        threshold = try c.optional(Double.self, .threshold)
    }

    /// The documents, and whether the answer is one object (`text`) or a list (`texts`).
    func documents(maximumBatch: Int) throws -> (texts: [String], single: Bool) {
        switch (text, texts) {
        case (let text?, nil): return ([text], true)
        case (nil, let texts?):
            guard !texts.isEmpty else { throw APIError.invalid("field 'texts' must hold at least one text") }
            guard texts.count <= maximumBatch else {
                throw APIError(.badRequest, "batch_too_large",
                               "field 'texts' holds \(texts.count) texts; the most one request may carry is \(maximumBatch)")
            }
            return (texts, false)
        case (nil, nil): throw APIError.invalid("give the document as 'text' (a string) or 'texts' (a list of strings)")
        case (.some, .some): throw APIError.invalid("give either 'text' or 'texts', not both")
        }
    }

    func validate() throws {
        if let top, !(1...OpenAPIDocument.maximumTop).contains(top) {
            throw APIError.invalid("field 'top' must be in 1...\(OpenAPIDocument.maximumTop), got \(top)")
        }
        if let explainTerms, !(1...1000).contains(explainTerms) {
            throw APIError.invalid("field 'explain_terms' must be in 1...1000, got \(explainTerms)")
        }
        if let threshold, !(threshold >= 0 && threshold <= 1) {
            throw APIError.invalid("field 'threshold' must be in [0, 1], got \(threshold)")
        }
    }
}

/// A document given as `text` (HTML is detected, as the CLI does) or `html`.
struct DocumentFields: Decodable {
    var text: String?
    var html: String?

    enum CodingKeys: String, CodingKey { case text, html }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.optional(String.self, .text)
        html = try c.optional(String.self, .html)
    }

    /// The plain text to work on.
    func plainText() throws -> String {
        switch (text, html) {
        case (let text?, nil): return HtmlText.looksLikeHTML(text) ? HtmlText.plainText(fromHTML: text) : text
        case (nil, let html?): return HtmlText.plainText(fromHTML: html)
        case (nil, nil): throw APIError.invalid("give the document as 'text' or 'html' (a string)")
        case (.some, .some): throw APIError.invalid("give either 'text' or 'html', not both")
        }
    }
}

/// The body of `POST /v1/summarize`.
struct SummarizeRequest: Decodable {
    var document: DocumentFields
    var sentences: Int?
    var words: Int?
    var ratio: Double?
    var method: String?

    enum CodingKeys: String, CodingKey { case sentences, words, ratio, method }

    init(from decoder: Decoder) throws {
        document = try DocumentFields(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sentences = try c.optional(Int.self, .sentences)
        words = try c.optional(Int.self, .words)
        ratio = try c.optional(Double.self, .ratio)
        method = try c.optional(String.self, .method)
    }

    /// The summary length, with the CLI's rules (one of the three; default 3 sentences).
    func length() throws -> SummaryLength {
        let given = [sentences != nil, ratio != nil, words != nil].filter { $0 }.count
        if given > 1 { throw APIError.invalid("give only one of 'sentences', 'ratio' and 'words'") }
        if let sentences {
            guard (0...OpenAPIDocument.maximumSentences).contains(sentences) else {
                throw APIError.invalid("field 'sentences' must be in 0...\(OpenAPIDocument.maximumSentences), got \(sentences)")
            }
            return .sentences(sentences)
        }
        if let ratio {
            guard ratio > 0 && ratio <= 1 else { throw APIError.invalid("field 'ratio' must be in (0, 1], got \(ratio)") }
            return .ratio(ratio)
        }
        if let words {
            guard (0...OpenAPIDocument.maximumWords).contains(words) else {
                throw APIError.invalid("field 'words' must be in 0...\(OpenAPIDocument.maximumWords), got \(words)")
            }
            return .words(words)
        }
        return .default
    }

    /// The scoring method (default: the CLI's default).
    func summaryMethod() throws -> SummaryMethod {
        guard let method else { return .default }
        guard let m = SummaryMethod(rawValue: method.lowercased()) else {
            throw APIError.invalid("field 'method' must be one of \(SummaryMethod.names.joined(separator: ", ")), got '\(method)'")
        }
        return m
    }
}

/// The body of `POST /v1/keywords`.
struct KeywordsRequest: Decodable {
    var document: DocumentFields
    var top: Int

    enum CodingKeys: String, CodingKey { case top }

    init(from decoder: Decoder) throws {
        document = try DocumentFields(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        top = try c.optional(Int.self, .top) ?? 10
        guard (0...OpenAPIDocument.maximumTop).contains(top) else {
            throw APIError.invalid("field 'top' must be in 0...\(OpenAPIDocument.maximumTop), got \(top)")
        }
    }
}

extension KeyedDecodingContainer {
    /// An optional field: absent is `nil`, but an explicit `null` is refused (the schema in
    /// /openapi.json has no nullable request fields).
    func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) {
            throw APIError.invalid("field '\(key.stringValue)' must not be null (leave it out instead)")
        }
        return try decode(type, forKey: key)
    }
}

/// Turns a request body into a request value, with a message that names the faulty field.
enum RequestDecoding {
    private static let decoder = JSONDecoder()

    static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer) throws -> T {
        guard body.readableBytes > 0 else {
            throw APIError(.badRequest, "invalid_json", "the request body is empty; send a JSON object")
        }
        do {
            return try body.withUnsafeReadableBytes { raw in
                try decoder.decode(T.self, from: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress!),
                                                      count: raw.count, deallocator: .none))
            }
        } catch let error as APIError {
            throw error
        } catch let DecodingError.typeMismatch(expected, context) {
            if context.codingPath.isEmpty { throw APIError.invalid("the request body must be a JSON object") }
            throw APIError.invalid("field '\(path(context.codingPath))' must be \(describe(expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIError.invalid("field '\(path(context.codingPath))' must be \(describe(expected)), not null")
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.invalid("field '\(path(context.codingPath + [key]))' is missing")
        } catch let DecodingError.dataCorrupted(context) {
            if context.codingPath.isEmpty {
                throw APIError(.badRequest, "invalid_json", "the request body is not valid JSON")
            }
            throw APIError.invalid("field '\(path(context.codingPath))' has an invalid value")
        } catch {
            throw APIError(.badRequest, "invalid_json", "the request body is not valid JSON")
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [String].Type: return "a list of strings"
        default: return "of type \(type)"
        }
    }
}
