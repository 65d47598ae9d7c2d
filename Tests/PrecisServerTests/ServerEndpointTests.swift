import Foundation
import PrecisTestSupport
import XCTest

/// Every endpoint, answered by a real `precis serve` on a loopback port.
final class ServerEndpointTests: XCTestCase {
    nonisolated(unsafe) static var server: ServerProcess?

    override class func setUp() {
        server = try? ServerProcess([])
    }

    override class func tearDown() {
        server?.signal(SIGTERM)
        _ = server?.waitForExit()
        server = nil
    }

    private func connection() throws -> HTTPConnection {
        guard let server = Self.server else { throw HTTPConnection.Failure(description: "the server did not start") }
        return try server.connect()
    }

    func testHealthAndModels() throws {
        let c = try connection()
        let health = try c.get("/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.json?["status"] as? String, "ok")
        XCTAssertEqual(health.json?["models"] as? Int, 1)

        let models = try c.get("/v1/models")
        XCTAssertEqual(models.status, 200)
        XCTAssertEqual(models.headers["content-type"], "application/json")
        XCTAssertEqual(models.json?["default"] as? String, "default")
        let list = try XCTUnwrap(models.json?["models"] as? [[String: Any]])
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list[0]["name"] as? String, "default")
        XCTAssertEqual(list[0]["classes"] as? [String], ["business", "entertainment", "politics", "sport", "tech"])
        XCTAssertGreaterThan(list[0]["features"] as? Int ?? 0, 1000)
        let training = try XCTUnwrap(list[0]["training"] as? [String: Any])
        XCTAssertGreaterThan(training["documents"] as? Int ?? 0, 1000)
    }

    func testClassifyOneAndMany() throws {
        let c = try connection()
        let one = try c.post("/v1/classify", json: ["text": ServerFixtures.shortTexts[0], "top": 3])
        XCTAssertEqual(one.status, 200, one.text)
        XCTAssertEqual(one.json?["label"] as? String, "sport")
        let p = try XCTUnwrap(one.json?["probabilities"] as? [String: Double])
        XCTAssertEqual(p.count, 3)
        XCTAssertEqual(p.values.max(), p["sport"])

        let many = try c.post("/v1/classify", json: ["texts": ServerFixtures.shortTexts])
        XCTAssertEqual(many.status, 200, many.text)
        let results = try XCTUnwrap(many.jsonValue as? [[String: Any]])
        XCTAssertEqual(results.compactMap { $0["label"] as? String }, ["sport", "business", "tech", "politics", "entertainment"])
        XCTAssertTrue(results.allSatisfy { ($0["probabilities"] as? [String: Double])?.count == 1 })

        // Threshold, explanation and empty documents.
        let strict = try c.post("/v1/classify", json: ["text": "hello there", "threshold": 0.99])
        XCTAssertEqual(strict.status, 200)
        XCTAssertTrue(strict.json?["label"] is NSNull, strict.text)
        let explained = try c.post("/v1/classify", json: ["text": ServerFixtures.shortTexts[0], "explain": true, "explain_terms": 3])
        let terms = try XCTUnwrap(explained.json?["explanation"] as? [[String: Any]])
        XCTAssertEqual(terms.count, 3)
        XCTAssertTrue(terms.allSatisfy { $0["term"] is String && $0["weight"] is Double })
        let empty = try c.post("/v1/classify", json: ["texts": ["  ", "The striker scored"]])
        let emptyResults = try XCTUnwrap(empty.jsonValue as? [[String: Any]])
        XCTAssertEqual(emptyResults[0]["empty"] as? Bool, true)
        XCTAssertTrue(emptyResults[0]["label"] is NSNull)
        XCTAssertNil(emptyResults[1]["empty"])
    }

    func testSummarizeSegmentKeywords() throws {
        let c = try connection()
        let summary = try c.post("/v1/summarize", json: ["text": ServerFixtures.article, "sentences": 2])
        XCTAssertEqual(summary.status, 200, summary.text)
        let sentences = try XCTUnwrap(summary.json?["sentences"] as? [[String: Any]])
        XCTAssertEqual(sentences.count, 2)
        XCTAssertEqual(summary.json?["summary"] as? String, sentences.compactMap { $0["text"] as? String }.joined(separator: " "))
        XCTAssertEqual(summary.json?["method"] as? String, "positional")

        let html = try c.post("/v1/summarize", json: ["html": ServerFixtures.htmlArticle, "words": 40, "method": "textrank"])
        XCTAssertEqual(html.status, 200, html.text)
        XCTAssertFalse((html.json?["summary"] as? String ?? "<").contains("<"))
        XCTAssertEqual(html.json?["method"] as? String, "textrank")

        let segment = try c.post("/v1/segment", json: ["text": "Shares in Acme Inc. rose 3.5%. \"It is good,\" he said."])
        XCTAssertEqual(segment.status, 200, segment.text)
        let parts = try XCTUnwrap(segment.json?["sentences"] as? [[String: Any]])
        XCTAssertEqual(parts.compactMap { $0["text"] as? String }, ["Shares in Acme Inc. rose 3.5%.", "\"It is good,\" he said."])
        XCTAssertEqual(parts.compactMap { $0["start"] as? Int }, [0, 31])
        XCTAssertEqual(segment.json?["language"] as? String, "en")

        let keywords = try c.post("/v1/keywords", json: ["text": ServerFixtures.article, "top": 4])
        XCTAssertEqual(keywords.status, 200, keywords.text)
        let phrases = try XCTUnwrap(keywords.json?["keywords"] as? [[String: Any]])
        XCTAssertEqual(phrases.count, 4)
        XCTAssertTrue(phrases.allSatisfy { $0["text"] is String && $0["score"] is Double && $0["count"] is Int })
    }

    func testMetricsCountRequestsByEndpointAndStatus() throws {
        let c = try connection()
        _ = try c.post("/v1/classify", json: ["text": "The match ended in a draw"])
        _ = try c.post("/v1/classify", json: ["nothing": true])
        let metrics = try c.get("/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.headers["content-type"]?.hasPrefix("text/plain") ?? false)
        let text = metrics.text
        XCTAssertTrue(text.contains("# TYPE precis_http_requests_total counter"), text)
        XCTAssertTrue(text.contains(#"precis_http_requests_total{endpoint="/v1/classify",status="200"}"#), text)
        XCTAssertTrue(text.contains(#"precis_http_requests_total{endpoint="/v1/classify",status="400"}"#), text)
        XCTAssertTrue(text.contains("# TYPE precis_http_request_duration_seconds histogram"), text)
        XCTAssertTrue(text.contains(#"precis_http_request_duration_seconds_bucket{endpoint="/v1/classify",le="0.01"}"#), text)
        XCTAssertTrue(text.contains(#"precis_http_request_duration_seconds_count{endpoint="/v1/classify"}"#), text)
    }

    /// The server answers exactly what the CLI prints with `--json` (minus the CLI's `source`).
    func testAnswersEqualTheCLI() throws {
        let c = try connection()
        let text = ServerFixtures.shortTexts[1]
        let cli = try PrecisRunner.run(["classify", "--json", "--top", "3", "--explain", "--model", ServerFixtures.shippedModel], stdin: Data(text.utf8))
        XCTAssertEqual(cli.status, 0, cli.stderr)
        var cliObject = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        cliObject.removeValue(forKey: "source")
        let served = try c.post("/v1/classify", json: ["text": text, "top": 3, "explain": true])
        XCTAssertEqual(served.json.map { NSDictionary(dictionary: $0) }, NSDictionary(dictionary: cliObject))
        // Byte-equal probabilities: the same number formatting.
        let probabilities = try XCTUnwrap(cli.stdout.range(of: #""probabilities":\{[^}]*\}"#, options: .regularExpression))
        XCTAssertTrue(served.text.contains(cli.stdout[probabilities]), served.text)

        let article = ServerFixtures.samples.appendingPathComponent("school-meals.txt").path
        let summary = try PrecisRunner.run(["summarize", article, "--sentences", "3", "--json"])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        let servedSummary = try c.post("/v1/summarize", json: ["text": try String(contentsOfFile: article, encoding: .utf8), "sentences": 3])
        XCTAssertEqual(servedSummary.text, summary.stdout.trimmingCharacters(in: .newlines))

        let html = ServerFixtures.samples.appendingPathComponent("harbour-festival.html").path
        let keywords = try PrecisRunner.run(["keywords", html, "--top", "5", "--json"])
        XCTAssertEqual(keywords.status, 0, keywords.stderr)
        let servedKeywords = try c.post("/v1/keywords", json: ["html": try String(contentsOfFile: html, encoding: .utf8), "top": 5])
        XCTAssertEqual(servedKeywords.text, keywords.stdout.trimmingCharacters(in: .newlines))
    }
}
