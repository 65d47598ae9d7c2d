import Foundation
import PrecisTestSupport
import Testing

/// Bad requests get a 4xx with `{"error": {"code", "message"}}`, and the server keeps serving.
@Suite(.tags(.slow), .notInQuickRuns) struct ServerBadRequestTests {
    /// A server of its own for each test (killed when the test's instance goes away).
    let server: ServerProcess

    init() throws {
        server = try ServerProcess(["--max-body", "65536", "--max-batch", "8"])
    }

    private func connection() throws -> HTTPConnection {
        try server.connect()
    }

    private func assertError(_ response: HTTPConnection.Response, _ status: Int, _ code: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        let error = response.json?["error"] as? [String: Any]
        #expect(error?["code"] as? String == code, "\(response.text)", sourceLocation: sourceLocation)
        let message = error?["message"] as? String ?? ""
        #expect(!message.isEmpty, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers["content-type"] == "application/json", sourceLocation: sourceLocation)
    }

    @Test func malformedBodies() throws {
        let c = try connection()
        assertError(try c.request("POST", "/v1/classify", body: Data("{\"text\": ".utf8)), 400, "invalid_json")
        assertError(try c.request("POST", "/v1/classify", body: Data()), 400, "invalid_json")
        assertError(try c.request("POST", "/v1/classify", body: Data([0xFF, 0xFE, 0x7B])), 400, "invalid_json")
        assertError(try c.request("POST", "/v1/summarize", body: Data("[1, 2]".utf8)), 400, "invalid_request")
        assertError(try c.request("POST", "/v1/segment", body: Data("\"text\"".utf8)), 400, "invalid_request")
    }

    /// The body parser follows RFC 8259 strictly and names where a body goes wrong.
    @Test func jsonEdgeCases() throws {
        let c = try connection()
        let invalid = [
            #"{"text":"x",}"#, #"{"text":"x","top":01}"#, #"{"text":"\ud800"}"#, #"{"text":"x"} x"#,
            String(repeating: "[", count: 200), #"{"text":"x","top":1e400}"#, "{\"text\":\"a\u{01}b\"}", #"{'text':'x'}"#,
            #"{"text":"x" "top":1}"#, #"{"text":tru}"#, "",
        ]
        for body in invalid {
            let response = try c.request("POST", "/v1/classify", body: Data(body.utf8))
            assertError(response, 400, "invalid_json")
        }
        // Escapes, surrogate pairs, integral numbers written as decimals, repeated keys (the last wins).
        let escaped = try c.request("POST", "/v1/segment", body: Data(#"{"text":"Caf\u00e9 \ud83d\ude00 \"ok\".\nNext line \/ here."}"#.utf8))
        #expect(escaped.status == 200, "\(escaped.text)")
        let sentences = (escaped.json?["sentences"] as? [[String: Any]])?.compactMap { $0["text"] as? String }
        #expect(sentences == ["Café 😀 \"ok\".", "Next line / here."])
        let decimal = try c.request("POST", "/v1/classify", body: Data(#"{"text":"goal","top":2.0}"#.utf8))
        #expect((decimal.json?["probabilities"] as? [String: Any])?.count == 2, "\(decimal.text)")
        let repeated = try c.request("POST", "/v1/classify", body: Data(#"{"text":"x","text":"The striker scored twice"}"#.utf8))
        #expect(repeated.json?["label"] as? String == "sport")
    }

    @Test func wrongTypesMissingAndOutOfRangeFields() throws {
        let c = try connection()
        let cases: [(String, Any, String)] = [
            ("/v1/classify", ["text": 42], "text"),
            ("/v1/classify", ["texts": "one"], "texts"),
            ("/v1/classify", ["texts": ["ok", 3]], "texts[1]"),
            ("/v1/classify", ["text": "x", "top": "3"], "top"),
            ("/v1/classify", ["text": "x", "top": 0], "top"),
            ("/v1/classify", ["text": "x", "threshold": 2], "threshold"),
            ("/v1/classify", ["text": "x", "explain": "yes"], "explain"),
            ("/v1/classify", [String: Any](), "text"),
            ("/v1/classify", ["text": "x", "texts": ["y"]], "texts"),
            ("/v1/classify", ["texts": [String]()], "texts"),
            ("/v1/classify", ["text": NSNull()], "text"),
            ("/v1/summarize", ["sentences": 2], "text"),
            ("/v1/summarize", ["text": "A. B.", "sentences": -1], "sentences"),
            ("/v1/summarize", ["text": "A. B.", "sentences": 2, "words": 5], "words"),
            ("/v1/summarize", ["text": "A. B.", "ratio": 1.5], "ratio"),
            ("/v1/summarize", ["text": "A. B.", "method": "magic"], "method"),
            ("/v1/summarize", ["text": "A.", "html": "<p>B.</p>"], "html"),
            ("/v1/keywords", ["text": "x", "top": -2], "top"),
            ("/v1/segment", ["html": ["<p>"]], "html"),
        ]
        for (path, body, field) in cases {
            let response = try c.post(path, json: body)
            assertError(response, 400, "invalid_request")
            let message = (response.json?["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains(field), "\("\(path) \(body): \(message)")")
        }
    }

    @Test func unknownModelRouteMethodAndMediaType() throws {
        let c = try connection()
        assertError(try c.post("/v1/classify", json: ["text": "x", "model": "nope"]), 400, "unknown_model")
        assertError(try c.get("/v1/nothing"), 404, "not_found")
        let wrongMethod = try c.get("/v1/classify")
        assertError(wrongMethod, 405, "method_not_allowed")
        #expect(wrongMethod.headers["allow"] == "POST")
        let deleteModels = try c.request("DELETE", "/v1/models")
        assertError(deleteModels, 405, "method_not_allowed")
        #expect(deleteModels.headers["allow"] == "GET")
        assertError(try c.request("POST", "/v1/classify", body: Data("text=hello".utf8), contentType: "application/x-www-form-urlencoded"),
                    415, "unsupported_media_type")
        assertError(try c.request("POST", "/v1/classify", body: Data("{\"text\":\"x\"}".utf8), contentType: nil), 415, "unsupported_media_type")
        // Parameters on the media type are fine.
        #expect(try c.request("POST", "/v1/classify", body: Data("{\"text\":\"x\"}".utf8),
                                     contentType: "application/json; charset=utf-8").status == 200)
    }

    @Test func limits() throws {
        let big = String(repeating: "The markets rallied today. ", count: 4000)   // ~108 KB > 64 KiB
        assertError(try connection().post("/v1/summarize", json: ["text": big]), 413, "payload_too_large")
        // Without a Content-Length (chunked): the limit still holds.
        let c = try connection()
        var raw = Array("POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let body = Array("{\"text\":\"\(big)\"}".utf8)
        for start in stride(from: 0, to: body.count, by: 16384) {
            let chunk = body[start..<min(body.count, start + 16384)]
            raw += Array(String(chunk.count, radix: 16).utf8) + [13, 10] + chunk + [13, 10]
        }
        raw += Array("0\r\n\r\n".utf8)
        try c.send(raw)
        assertError(try c.readResponse(), 413, "payload_too_large")

        assertError(try connection().post("/v1/classify", json: ["texts": Array(repeating: "goal", count: 9)]), 400, "batch_too_large")
        #expect(try connection().post("/v1/classify", json: ["texts": Array(repeating: "goal", count: 8)]).status == 200)
    }

    /// After every kind of bad request the server still answers, on old and new connections.
    @Test func serverKeepsServing() throws {
        let c = try connection()
        for _ in 0..<3 {
            _ = try c.request("POST", "/v1/classify", body: Data("{{{".utf8))
            _ = try c.post("/v1/classify", json: ["text": 1])
            _ = try c.get("/v1/classify")
            _ = try? connection().post("/v1/summarize", json: ["text": String(repeating: "x", count: 70000)])
            // Garbage that is not HTTP at all, on its own connection.
            let garbage = try connection()
            try garbage.send(Array("\u{01}\u{02} NOT HTTP\r\n\r\n".utf8))
            _ = try? garbage.readResponse()
        }
        let ok = try c.post("/v1/classify", json: ["text": "The striker scored twice"])
        #expect(ok.status == 200)
        #expect(ok.json?["label"] as? String == "sport")
        #expect(try connection().get("/healthz").status == 200)
    }

    @Test func requestTimeout() throws {
        let server = try ServerProcess(["--timeout", "0.001"])
        defer { server.signal(SIGTERM); _ = server.waitForExit() }
        let c = try server.connect()
        let texts = Array(repeating: String(repeating: "The striker scored twice in the cup final. ", count: 70), count: 256)
        assertError(try c.post("/v1/classify", json: ["texts": texts]), 503, "timeout")
        #expect(try c.get("/healthz").status == 200)
    }
}
