import Dispatch
import Foundation
import Hummingbird
import Logging
import Precis

/// The HTTP service behind `precis serve`: classification, summaries, sentences and
/// keyphrases as JSON over HTTP/1.1, on Hummingbird.
///
/// Models are loaded once and shared read-only by every request. `SIGHUP`, or a change
/// of a model file (checked every ``ServerConfiguration/reloadInterval``), reloads them:
/// each new model is loaded in full and then swapped in, so requests in flight finish on
/// the old one, and a file that fails to load leaves the old model serving (with an error
/// in the log). `SIGTERM` or `SIGINT` stops accepting connections, lets the requests in
/// flight finish, and returns from ``run(onListening:)``.
///
/// ```swift
/// var configuration = ServerConfiguration(models: [ModelSource(path: "Models/bbc-news.precis")])
/// configuration.port = 8080
/// let server = try PrecisServer(configuration: configuration)
/// try await server.run { host, port in print("listening on http://\(host):\(port)") }
/// ```
public final class PrecisServer: Sendable {
    /// The settings the server was made with.
    public let configuration: ServerConfiguration
    let store: ModelStore
    let metrics = ServerMetrics()
    let logger: Logger

    /// Loads the models (throwing a one-line ``ServerError`` naming a file that fails) and
    /// prepares the server; nothing listens until ``run(onListening:)``.
    public init(configuration: ServerConfiguration, logger: Logger = Logger(label: "precis.serve")) throws {
        guard configuration.maximumBodyBytes > 0 else { throw ServerError("--max-body must be at least 1 byte") }
        guard configuration.maximumBatch > 0 else { throw ServerError("--max-batch must be at least 1") }
        guard (0...65535).contains(configuration.port) else { throw ServerError("--port must be in 0...65535, got \(configuration.port)") }
        guard configuration.requestTimeout > .zero else { throw ServerError("--timeout must be positive") }
        self.configuration = configuration
        self.logger = logger
        BLASThreads.useOneThreadPerCaller()     // one request per core already: no BLAS threads inside a request
        store = try ModelStore(sources: configuration.models)
        warmUp()
    }

    /// Runs each kind of work once, so one-time set-up (tables, BLAS start-up) is not paid
    /// by the first client.
    private func warmUp() {
        let text = "The council approved the plan on Monday. Work on the new bridge starts in May."
        for model in store.all() { _ = model.classifier.classify([text], top: 1) }
        _ = Summarizer().summarize(text, length: .sentences(1))
        _ = KeywordExtractor().keyphrases(in: text, top: 3)
    }

    /// Reloads every model now (only those whose file changed, with `onlyChanged`), as
    /// `SIGHUP` does. Returns the names reloaded and the names that failed (still serving
    /// their previous model).
    @discardableResult
    public func reloadModels(onlyChanged: Bool = false) -> (reloaded: [String], failed: [String]) {
        let report = store.reload(onlyChanged: onlyChanged, logger: logger)
        metrics.recordReload(report)
        return (report.reloaded, report.failed)
    }

    /// Serves until `SIGTERM`/`SIGINT` (or until the calling task is cancelled), then drains
    /// the requests in flight and returns. `onListening` gets the bound host and port (the
    /// real one when ``ServerConfiguration/port`` is 0).
    public func run(onListening: @escaping @Sendable (_ host: String, _ port: Int) -> Void = { _, _ in }) async throws {
        let responder = APIResponder(api: API(store: store, configuration: configuration), metrics: metrics,
                                     logger: logger, openAPI: ByteBuffer(string: OpenAPIDocument.json(models: store.sources.map(\.name), maximumBatch: configuration.maximumBatch)))
        let host = configuration.host
        let port = configuration.port
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Self.nanoseconds(configuration.idleTimeout)))),
            configuration: .init(address: .hostname(host, port: port), serverName: "precis/\(precisVersion)"),
            onServerRunning: { channel in onListening(host, channel.localAddress?.port ?? port) },
            logger: logger
        )
        let triggers = reloadTriggers()
        defer { triggers.forEach { $0.cancel() } }
        if configuration.handleSignals {
            try await app.runService()      // SIGTERM and SIGINT: graceful shutdown
        } else {
            try await app.runService(gracefulShutdownSignals: [])
        }
        logger.info("stopped: requests in flight have been answered")
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }

    /// The `SIGHUP` handler and the file-change timer, both on one serial queue (so two
    /// reloads never overlap) and off the request threads.
    private func reloadTriggers() -> [any DispatchSourceProtocol] {
        let queue = DispatchQueue(label: "precis.serve.reload")
        var sources: [any DispatchSourceProtocol] = []
        if configuration.handleSignals {
            signal(SIGHUP, SIG_IGN)
            let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
            hangup.setEventHandler { [self] in
                logger.info("SIGHUP: reloading the models")
                reloadModels(onlyChanged: false)
            }
            hangup.resume()
            sources.append(hangup)
        }
        if let interval = configuration.reloadInterval, interval > .zero {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            let nanoseconds = Int(Self.nanoseconds(interval))
            timer.schedule(deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds))
            timer.setEventHandler { [self] in reloadModels(onlyChanged: true) }
            timer.resume()
            sources.append(timer)
        }
        return sources
    }
}
