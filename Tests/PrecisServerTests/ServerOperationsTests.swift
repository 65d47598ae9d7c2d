import Foundation
import PrecisTestSupport
import Testing

/// Many clients at once, model reloads under load, and a draining stop.
@Suite(.serialized, .tags(.slow), .notInQuickRuns) struct ServerOperationsTests {
    /// Runs `body(client)` on `clients` threads at once and waits (bounded) for all of them.
    private func concurrently(_ clients: Int, timeout: Double = 120, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for k in 0..<clients {
            group.enter()
            Thread.detachNewThread {
                body(k)
                group.leave()
            }
        }
        #expect(group.wait(timeout: .now() + timeout) == .success, "\("clients did not finish in \(timeout) s")")
    }

    @Test func manyConcurrentClients() throws {
        let server = try ServerProcess(["--no-access-log"])
        defer { server.signal(SIGTERM); _ = server.waitForExit() }
        let expected = ["sport", "business", "tech", "politics", "entertainment"]
        let article = ServerFixtures.article
        let reference = try server.connect().post("/v1/summarize", json: ["text": article]).text
        let failures = Counter()
        let port = server.port
        concurrently(24) { k in
            do {
                let c = try HTTPConnection(port: port)
                for i in 0..<40 {
                    let t = (k + i) % expected.count
                    if i % 10 == 9 {
                        let r = try c.post("/v1/summarize", json: ["text": article])
                        if r.status != 200 || r.text != reference { failures.add("summary \(r.status)") }
                    } else {
                        let r = try c.post("/v1/classify", json: ["text": ServerFixtures.shortTexts[t]])
                        if r.status != 200 || r.json?["label"] as? String != expected[t] { failures.add("classify \(r.status) \(r.text)") }
                    }
                }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.values == [])
        let metrics = try server.connect().get("/metrics").text
        #expect(metrics.contains(#"precis_http_requests_total{endpoint="/v1/classify",status="200"} 864"#), "\(metrics)")
    }

    /// SIGHUP with a broken file keeps the old model; with a new valid file swaps it in;
    /// a changed file is noticed without a signal. Clients under load never see an error.
    @Test func reloadUnderLoad() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let small = try ServerFixtures.trainSmallModel(in: dir)
        let served = dir.appendingPathComponent("served.precis").path
        try FileManager.default.copyItem(atPath: ServerFixtures.shippedModel, toPath: served)
        let server = try ServerProcess(["--model", "news=\(served)", "--reload-interval", "0.2"])
        defer { server.signal(SIGTERM); _ = server.waitForExit() }
        let port = server.port

        let stop = Flag()
        let failures = Counter()
        let labels = Counter()
        let load = DispatchGroup()
        for _ in 0..<6 {
            load.enter()
            Thread.detachNewThread {
                defer { load.leave() }
                do {
                    let c = try HTTPConnection(port: port)
                    while !stop.isSet {
                        let r = try c.post("/v1/classify", json: ["text": "The striker scored twice in the cup match."])
                        if r.status != 200 { failures.add("\(r.status) \(r.text)") }
                        if let label = r.json?["label"] as? String { labels.add(label) }
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        func replace(with bytes: Data) throws {
            let temporary = served + ".new"
            try bytes.write(to: URL(fileURLWithPath: temporary))
            #expect(rename(temporary, served) == 0)
        }
        func classes() throws -> [String] {
            let models = try server.connect().get("/v1/models").json?["models"] as? [[String: Any]]
            return models?.first?["classes"] as? [String] ?? []
        }
        usleep(300_000)

        // A truncated file: the reload fails, the old model keeps serving.
        let original = try Data(contentsOf: URL(fileURLWithPath: served))
        try replace(with: original.prefix(original.count / 2))
        server.signal(SIGHUP)
        #expect(server.waitForLog("reload of model 'news' failed"), "\(server.log)")
        #expect(try classes() == ["business", "entertainment", "politics", "sport", "tech"])
        usleep(300_000)

        // A valid new model, noticed by the file check (no signal).
        try replace(with: try Data(contentsOf: URL(fileURLWithPath: small)))
        #expect(server.waitForLog("reloaded model 'news'"), "\(server.log)")
        #expect(try classes() == ["computing", "cooking", "sport"])
        usleep(300_000)

        // SIGHUP reloads even an unchanged file.
        server.signal(SIGHUP)
        let deadline = Date().addingTimeInterval(20)
        while server.log.components(separatedBy: "reloaded model 'news'").count < 3 && Date() < deadline { usleep(50_000) }
        #expect(server.log.components(separatedBy: "reloaded model 'news'").count == 3, "\(server.log)")

        stop.set()
        #expect(load.wait(timeout: .now() + 30) == .success)
        #expect(failures.values == [])
        #expect(labels.values.contains("sport"))
        #expect(labels.values.count > 50)
        let metrics = try server.connect().get("/metrics").text
        #expect(metrics.contains(#"precis_model_reloads_total{result="failure"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"precis_model_reloads_total{result="success"} 2"#), "\(metrics)")
    }

    /// SIGTERM: requests in flight are answered, then the process exits 0.
    @Test func sigtermDrainsAndExitsZero() throws {
        // Large batches (a bigger body limit than the default) so each request takes a while.
        let server = try ServerProcess(["--max-body", "16000000", "--max-batch", "4096"])
        let port = server.port
        let texts = Array(repeating: String(repeating: "The striker scored twice in the cup final. Shares fell. ", count: 40), count: 4096)
        let body = try JSONSerialization.data(withJSONObject: ["texts": texts, "top": 5])
        let head = "POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        let request = Array(head.utf8) + Array(body)

        let results = Counter()
        let finished = Counter()
        let sent = DispatchGroup()
        let inFlight = DispatchGroup()
        for _ in 0..<4 {
            sent.enter()
            inFlight.enter()
            Thread.detachNewThread {
                defer { inFlight.leave() }
                do {
                    let c = try HTTPConnection(port: port, timeout: 60)
                    try c.send(request)
                    sent.leave()
                    let r = try c.readResponse()
                    finished.add("\(Date().timeIntervalSince1970)")
                    results.add("\(r.status) \((r.jsonValue as? [Any])?.count ?? -1)")
                } catch {
                    sent.leave()
                    results.add("\(error)")
                }
            }
        }
        // Every request has been sent (and, after a moment, read by the server) before the signal.
        #expect(sent.wait(timeout: .now() + 30) == .success)
        usleep(150_000)
        let signalled = Date().timeIntervalSince1970
        server.signal(SIGTERM)
        #expect(inFlight.wait(timeout: .now() + 120) == .success)
        #expect(results.values == Array(repeating: "200 4096", count: 4), "\(server.log)")
        // At least one request was still being worked on when the signal came.
        #expect(finished.values.compactMap(Double.init).max() ?? 0 > signalled)
        #expect(server.waitForExit(timeout: 30) == 0, "\(server.log)")
        #expect(throws: (any Error).self) { try HTTPConnection(port: port).get("/healthz") }
    }
}

/// Strings gathered from many threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

/// A stop flag shared by threads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
