import Foundation
import PrecisTestSupport
import Testing

/// Every endpoint, answered by a real `precis serve` on a loopback port.
@Suite(.tags(.slow), .notInQuickRuns) struct ServerEndpointTests {
    /// A server of its own for each test (killed when the test's instance goes away).
    let server: ServerProcess

    init() throws {
        server = try ServerProcess([])
    }

    private func connection() throws -> HTTPConnection {
        try server.connect()
    }

    @Test func healthAndModels() throws {
        let c = try connection()
        let health = try c.get("/healthz")
        #expect(health.status == 200)
        #expect(health.json?["status"] as? String == "ok")
        #expect(health.json?["models"] as? Int == 1)

        let models = try c.get("/v1/models")
        #expect(models.status == 200)
        #expect(models.headers["content-type"] == "application/json")
        #expect(models.json?["default"] as? String == "default")
        let list = try #require(models.json?["models"] as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list[0]["name"] as? String == "default")
        #expect(list[0]["classes"] as? [String] == ["business", "entertainment", "politics", "sport", "tech"])
        #expect(list[0]["features"] as? Int ?? 0 > 1000)
        let training = try #require(list[0]["training"] as? [String: Any])
        #expect(training["documents"] as? Int ?? 0 > 1000)
    }

    @Test func classifyOneAndMany() throws {
        let c = try connection()
        let one = try c.post("/v1/classify", json: ["text": ServerFixtures.shortTexts[0], "top": 3])
        #expect(one.status == 200, "\(one.text)")
        #expect(one.json?["label"] as? String == "sport")
        let p = try #require(one.json?["probabilities"] as? [String: Double])
        #expect(p.count == 3)
        #expect(p.values.max() == p["sport"])

        let many = try c.post("/v1/classify", json: ["texts": ServerFixtures.shortTexts])
        #expect(many.status == 200, "\(many.text)")
        let results = try #require(many.jsonValue as? [[String: Any]])
        #expect(results.compactMap { $0["label"] as? String } == ["sport", "business", "tech", "politics", "entertainment"])
        #expect(results.allSatisfy { ($0["probabilities"] as? [String: Double])?.count == 1 })

        // Threshold, explanation and empty documents.
        let strict = try c.post("/v1/classify", json: ["text": "hello there", "threshold": 0.99])
        #expect(strict.status == 200)
        #expect(strict.json?["label"] is NSNull, "\(strict.text)")
        let explained = try c.post("/v1/classify", json: ["text": ServerFixtures.shortTexts[0], "explain": true, "explain_terms": 3])
        let terms = try #require(explained.json?["explanation"] as? [[String: Any]])
        #expect(terms.count == 3)
        #expect(terms.allSatisfy { $0["term"] is String && $0["weight"] is Double })
        let empty = try c.post("/v1/classify", json: ["texts": ["  ", "The striker scored"]])
        let emptyResults = try #require(empty.jsonValue as? [[String: Any]])
        #expect(emptyResults[0]["empty"] as? Bool == true)
        #expect(emptyResults[0]["label"] is NSNull)
        #expect(emptyResults[1]["empty"] == nil)
        // Stop words only: the same "empty" as `precis classify --json`.
        let stopWords = try c.post("/v1/classify", json: ["text": "the and of it"])
        let stopResult = try #require(stopWords.jsonValue as? [String: Any])
        #expect(stopResult["empty"] as? Bool == true)
        #expect(stopResult["label"] is NSNull)
    }

    @Test func summarizeSegmentKeywords() throws {
        let c = try connection()
        let summary = try c.post("/v1/summarize", json: ["text": ServerFixtures.article, "sentences": 2])
        #expect(summary.status == 200, "\(summary.text)")
        let sentences = try #require(summary.json?["sentences"] as? [[String: Any]])
        #expect(sentences.count == 2)
        #expect(summary.json?["summary"] as? String == sentences.compactMap { $0["text"] as? String }.joined(separator: " "))
        #expect(summary.json?["method"] as? String == "positional")

        let html = try c.post("/v1/summarize", json: ["html": ServerFixtures.htmlArticle, "words": 40, "method": "textrank"])
        #expect(html.status == 200, "\(html.text)")
        let htmlSummary = html.json?["summary"] as? String ?? "<"
        #expect(!htmlSummary.contains("<"))
        #expect(html.json?["method"] as? String == "textrank")

        let segment = try c.post("/v1/segment", json: ["text": "Shares in Acme Inc. rose 3.5%. \"It is good,\" he said."])
        #expect(segment.status == 200, "\(segment.text)")
        let parts = try #require(segment.json?["sentences"] as? [[String: Any]])
        #expect(parts.compactMap { $0["text"] as? String } == ["Shares in Acme Inc. rose 3.5%.", "\"It is good,\" he said."])
        #expect(parts.compactMap { $0["start"] as? Int } == [0, 31])
        #expect(segment.json?["language"] as? String == "en")

        let keywords = try c.post("/v1/keywords", json: ["text": ServerFixtures.article, "top": 4])
        #expect(keywords.status == 200, "\(keywords.text)")
        let phrases = try #require(keywords.json?["keywords"] as? [[String: Any]])
        #expect(phrases.count == 4)
        #expect(phrases.allSatisfy { $0["text"] is String && $0["score"] is Double && $0["count"] is Int })
    }

    @Test func metricsCountRequestsByEndpointAndStatus() throws {
        let c = try connection()
        _ = try c.post("/v1/classify", json: ["text": "The match ended in a draw"])
        _ = try c.post("/v1/classify", json: ["nothing": true])
        let metrics = try c.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") ?? false)
        let text = metrics.text
        #expect(text.contains("# TYPE precis_http_requests_total counter"), "\(text)")
        #expect(text.contains(#"precis_http_requests_total{endpoint="/v1/classify",status="200"}"#), "\(text)")
        #expect(text.contains(#"precis_http_requests_total{endpoint="/v1/classify",status="400"}"#), "\(text)")
        #expect(text.contains("# TYPE precis_http_request_duration_seconds histogram"), "\(text)")
        #expect(text.contains(#"precis_http_request_duration_seconds_bucket{endpoint="/v1/classify",le="0.01"}"#), "\(text)")
        #expect(text.contains(#"precis_http_request_duration_seconds_count{endpoint="/v1/classify"}"#), "\(text)")
    }

    /// The server answers exactly what the CLI prints with `--json` (minus the CLI's `source`).
    @Test func answersEqualTheCLI() throws {
        let c = try connection()
        let text = ServerFixtures.shortTexts[1]
        let cli = try PrecisRunner.run(["classify", "--json", "--top", "3", "--explain", "--model", ServerFixtures.shippedModel], stdin: Data(text.utf8))
        #expect(cli.status == 0, "\(cli.stderr)")
        var cliObject = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        cliObject.removeValue(forKey: "source")
        let served = try c.post("/v1/classify", json: ["text": text, "top": 3, "explain": true])
        #expect(served.json.map { NSDictionary(dictionary: $0) } == NSDictionary(dictionary: cliObject))
        // Byte-equal probabilities: the same number formatting.
        let probabilities = try #require(cli.stdout.range(of: #""probabilities":\{[^}]*\}"#, options: .regularExpression))
        #expect(served.text.contains(cli.stdout[probabilities]), "\(served.text)")

        let article = ServerFixtures.samples.appendingPathComponent("school-meals.txt").path
        let summary = try PrecisRunner.run(["summarize", article, "--sentences", "3", "--json"])
        #expect(summary.status == 0, "\(summary.stderr)")
        let servedSummary = try c.post("/v1/summarize", json: ["text": try String(contentsOfFile: article, encoding: .utf8), "sentences": 3])
        #expect(servedSummary.text == summary.stdout.trimmingCharacters(in: .newlines))

        let html = ServerFixtures.samples.appendingPathComponent("harbour-festival.html").path
        let keywords = try PrecisRunner.run(["keywords", html, "--top", "5", "--json"])
        #expect(keywords.status == 0, "\(keywords.stderr)")
        let servedKeywords = try c.post("/v1/keywords", json: ["html": try String(contentsOfFile: html, encoding: .utf8), "top": 5])
        #expect(servedKeywords.text == keywords.stdout.trimmingCharacters(in: .newlines))
    }
}
