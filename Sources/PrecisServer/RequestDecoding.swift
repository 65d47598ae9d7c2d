import NIOCore

/// The server's request decoding on its own, without a server: the bytes of a `POST` body
/// in, the request value (or the `4xx` answer) out. The libFuzzer target `FuzzServerRequest`
/// (Fuzz/) and the fuzz regression tests drive it; the endpoints call the same decoders.
///
/// ```swift
/// let outcome = RequestDecoding.decode(.classify, body: Array(#"{"text": "shares rose"}"#.utf8))
/// // .accepted("classify 1 text(s), top 1")
/// ```
public enum RequestDecoding {
    /// The endpoints that take a JSON body.
    public enum Endpoint: String, CaseIterable, Sendable {
        case classify, summarize, segment, keywords
    }

    /// What the server makes of a body.
    public enum Outcome: Equatable, Sendable {
        /// The body is a valid request (a short description of the value decoded).
        case accepted(String)
        /// The body is refused with `status`, a stable `code` and the message sent, and
        /// `body` is the JSON error document the client receives.
        case refused(status: Int, code: String, message: String, body: [UInt8])
    }

    /// Decodes `body` as the request of `endpoint`, as the server does (with a batch limit of
    /// `maximumBatch` texts for `classify`).
    public static func decode(_ endpoint: Endpoint, body: [UInt8], maximumBatch: Int = 256) -> Outcome {
        var buffer = ByteBufferAllocator().buffer(capacity: body.count)
        buffer.writeBytes(body)
        do {
            switch endpoint {
            case .classify:
                let r = try ClassifyRequest(body: buffer, maximumBatch: maximumBatch)
                return .accepted("classify \(r.texts.count) text(s), top \(r.top)\(r.explain ? ", explain \(r.explainTerms)" : "")")
            case .summarize:
                let r = try SummarizeRequest(body: buffer)
                return .accepted("summarize \(r.document.text.utf8.count) bytes, \(r.length), \(r.method.rawValue)")
            case .segment:
                return .accepted("segment \(try DocumentRequest(body: buffer).text.utf8.count) bytes")
            case .keywords:
                let r = try KeywordsRequest(body: buffer)
                return .accepted("keywords \(r.document.text.utf8.count) bytes, top \(r.top)")
            }
        } catch let error as APIError {
            return .refused(status: Int(error.status.code), code: error.code, message: error.message, body: Array(error.body.buffer.readableBytesView))
        } catch {
            return .refused(status: 500, code: "internal", message: "\(error)", body: [])
        }
    }

    /// Whether `bytes` parse as JSON with the server's parser (for checking error bodies).
    public static func isJSONObject(_ bytes: [UInt8]) -> Bool {
        guard case .object? = try? JSONParser.parse(bytes) else { return false }
        return true
    }
}
