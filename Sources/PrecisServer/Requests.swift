import NIOCore
import Precis

/// The fields of a request body, read with the types and bounds /openapi.json gives. Every
/// problem is a `400 invalid_request` whose message names the field.
struct RequestFields {
    let members: [(key: String, value: JSONValue)]

    /// The body's object; `invalid_json` when it does not parse, `invalid_request` when it is
    /// not an object.
    init(body: ByteBuffer) throws {
        guard body.readableBytes > 0 else {
            throw APIError(.badRequest, "invalid_json", "the request body is empty; send a JSON object")
        }
        let parsed = body.withUnsafeReadableBytes { raw in Result { () throws(JSONParser.Failure) -> JSONValue in try JSONParser.parse(raw) } }
        switch parsed {
        case .failure(let failure):
            throw APIError(.badRequest, "invalid_json", "the request body is not valid JSON: \(failure.reason) at byte \(failure.offset)")
        case .success(.object(let members)):
            self.members = members
        case .success:
            throw APIError.invalid("the request body must be a JSON object")
        }
    }

    /// The value of `key` unless absent; an explicit `null` is refused (no request field is nullable).
    private func present(_ key: String) throws -> JSONValue? {
        guard let value = members.last(where: { $0.key == key })?.value else { return nil }
        if value == .null { throw APIError.invalid("field '\(key)' must not be null (leave it out instead)") }
        return value
    }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    func string(_ key: String) throws -> String? {
        guard let value = try present(key) else { return nil }
        guard case .string(let s) = value else { throw APIError.invalid("field '\(key)' must be a string") }
        return s
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = try present(key) else { return nil }
        guard case .array(let items) = value else { throw APIError.invalid("field '\(key)' must be a list of strings") }
        return try items.enumerated().map { k, item in
            guard case .string(let s) = item else { throw APIError.invalid("field '\(key)[\(k)]' must be a string") }
            return s
        }
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try present(key) else { return nil }
        guard case .number(let x) = value, x == x.rounded(), abs(x) < 9.0e15 else {
            throw APIError.invalid("field '\(key)' must be an integer")
        }
        guard range.contains(Int(x)) else { throw APIError.invalid("field '\(key)' must be in \(range), got \(Int(x))") }
        return Int(x)
    }

    func number(_ key: String) throws -> Double? {
        guard let value = try present(key) else { return nil }
        guard case .number(let x) = value else { throw APIError.invalid("field '\(key)' must be a number") }
        return x
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = try present(key) else { return nil }
        guard case .bool(let b) = value else { throw APIError.invalid("field '\(key)' must be true or false") }
        return b
    }
}

/// The body of `POST /v1/classify`.
struct ClassifyRequest {
    var texts: [String]
    /// `text` was given: the answer is one object, not a list.
    var single: Bool
    var model: String?
    var top: Int
    var explain: Bool
    var explainTerms: Int
    var threshold: Double?

    init(body: ByteBuffer, maximumBatch: Int) throws {
        let f = try RequestFields(body: body)
        switch (try f.string("text"), try f.strings("texts")) {
        case (let text?, nil):
            texts = [text]
            single = true
        case (nil, let list?):
            guard !list.isEmpty else { throw APIError.invalid("field 'texts' must hold at least one text") }
            guard list.count <= maximumBatch else {
                throw APIError(.badRequest, "batch_too_large",
                               "field 'texts' holds \(list.count) texts; the most one request may carry is \(maximumBatch)")
            }
            texts = list
            single = false
        case (nil, nil): throw APIError.invalid("give the document as 'text' (a string) or 'texts' (a list of strings)")
        case (.some, .some): throw APIError.invalid("give either 'text' or 'texts', not both")
        }
        model = try f.string("model")
        top = try f.integer("top", in: 1...OpenAPIDocument.maximumTop) ?? 1
        explain = try f.bool("explain") ?? false
        explainTerms = try f.integer("explain_terms", in: 1...1000) ?? 8
        threshold = try f.number("threshold")
        if let threshold, !(threshold >= 0 && threshold <= 1) {
            throw APIError.invalid("field 'threshold' must be in [0, 1], got \(threshold)")
        }
    }
}

/// A document given as `text` (HTML is detected, as the CLI does) or `html`.
struct DocumentRequest {
    /// The plain text to work on (HTML stripped, no byte-order mark).
    var text: String

    init(_ f: RequestFields) throws {
        let plain: String
        switch (try f.string("text"), try f.string("html")) {
        case (let text?, nil): plain = HtmlText.looksLikeHTML(text) ? HtmlText.plainText(fromHTML: text) : text
        case (nil, let html?): plain = HtmlText.plainText(fromHTML: html)
        case (nil, nil): throw APIError.invalid("give the document as 'text' or 'html' (a string)")
        case (.some, .some): throw APIError.invalid("give either 'text' or 'html', not both")
        }
        text = plain.hasPrefix("\u{FEFF}") ? String(plain.dropFirst()) : plain
    }

    init(body: ByteBuffer) throws {
        try self.init(try RequestFields(body: body))
    }
}

/// The body of `POST /v1/summarize`.
struct SummarizeRequest {
    var document: DocumentRequest
    /// The summary length, with the CLI's rules (one of the three; default 3 sentences).
    var length: SummaryLength
    /// The scoring method (default: the CLI's default).
    var method: SummaryMethod

    init(body: ByteBuffer) throws {
        let f = try RequestFields(body: body)
        document = try DocumentRequest(f)
        let sentences = try f.integer("sentences", in: 0...OpenAPIDocument.maximumSentences)
        let words = try f.integer("words", in: 0...OpenAPIDocument.maximumWords)
        let ratio = try f.number("ratio")
        if [sentences != nil, ratio != nil, words != nil].filter({ $0 }).count > 1 {
            throw APIError.invalid("give only one of 'sentences', 'ratio' and 'words'")
        }
        if let ratio {
            guard ratio > 0 && ratio <= 1 else { throw APIError.invalid("field 'ratio' must be in (0, 1], got \(ratio)") }
            length = .ratio(ratio)
        } else if let words {
            length = .words(words)
        } else {
            length = sentences.map { .sentences($0) } ?? .default
        }
        if let name = try f.string("method") {
            guard let m = SummaryMethod(rawValue: name.lowercased()) else {
                throw APIError.invalid("field 'method' must be one of \(SummaryMethod.names.joined(separator: ", ")), got '\(name)'")
            }
            method = m
        } else {
            method = .default
        }
    }
}

/// The body of `POST /v1/keywords`.
struct KeywordsRequest {
    var document: DocumentRequest
    var top: Int

    init(body: ByteBuffer) throws {
        let f = try RequestFields(body: body)
        document = try DocumentRequest(f)
        top = try f.integer("top", in: 0...OpenAPIDocument.maximumTop) ?? 10
    }
}
