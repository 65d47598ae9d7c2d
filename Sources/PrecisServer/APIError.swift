import HTTPTypes

/// A request the server refuses, answered as `{"error": {"code", "message"}}` with a 4xx
/// (or 5xx) status. `code` is a stable machine-readable word; `message` is for people.
///
/// ```swift
/// throw APIError(.badRequest, "invalid_request", "field 'top' must be at least 1")
/// ```
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    /// Extra response headers (e.g. `Allow` with a 405).
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The JSON body.
    var body: JSONWriter {
        var json = JSONWriter(capacity: 64 + message.utf8.count)
        json.raw("{\"error\":{\"code\":")
        json.string(code)
        json.raw(",\"message\":")
        json.string(message)
        json.raw("}}")
        return json
    }

    static func invalid(_ message: String) -> APIError {
        APIError(.badRequest, "invalid_request", message)
    }
}
