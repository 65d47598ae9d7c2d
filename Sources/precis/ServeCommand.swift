import ArgumentParser
import Dispatch
import Foundation
import Logging
import Precis
import PrecisServer

/// `precis serve`: the HTTP service (see the PrecisServer module). Only parses options,
/// loads the models and runs the server.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve classification, summaries, sentences and keyphrases over HTTP (JSON).",
        discussion: """
        Endpoints: POST /v1/classify, /v1/summarize, /v1/segment, /v1/keywords; GET /v1/models, /healthz, /metrics (Prometheus), /openapi.json.
        Without --model, the shipped default model is served as 'default'. The first --model is the default one.
        SIGHUP (or a changed model file) reloads the models; SIGTERM or SIGINT finishes the requests in flight and exits 0.
        The access log and errors go to standard error; "listening on http://HOST:PORT" goes to standard output once the server is up.

        Examples:
          precis serve --port 8080
          precis serve --model topics=models/topics.precis --model news=Models/bbc-news.precis
          curl -s localhost:8080/v1/classify -H 'Content-Type: application/json' -d '{"text": "The striker scored twice"}'
        """
    )

    @Option(name: .customLong("model"), help: ArgumentHelp("A model to serve, as NAME=PATH (PATH alone is named 'default'); repeatable.", valueName: "NAME=PATH"))
    var models: [String] = []

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(parsing: .unconditional, help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(name: .customLong("max-body"), parsing: .unconditional, help: ArgumentHelp("Largest request body, in bytes (413 above).", valueName: "BYTES"))
    var maxBody: Int = 1 << 20

    @Option(name: .customLong("max-batch"), parsing: .unconditional, help: ArgumentHelp("Most texts in one /v1/classify request (400 above).", valueName: "N"))
    var maxBatch: Int = 256

    @Option(parsing: .unconditional, help: ArgumentHelp("Request time limit, in seconds (503 above).", valueName: "SECONDS"))
    var timeout: Double = 30

    @Option(name: .customLong("idle-timeout"), parsing: .unconditional, help: ArgumentHelp("Close connections idle this long, in seconds.", valueName: "SECONDS"))
    var idleTimeout: Double = 60

    @Option(name: .customLong("reload-interval"), parsing: .unconditional, help: ArgumentHelp("Check the model files for changes this often, in seconds (0: on SIGHUP only).", valueName: "SECONDS"))
    var reloadInterval: Double = 2

    @Option(name: .customLong("log-level"), help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical.", valueName: "LEVEL"))
    var logLevel: String = "info"

    @Flag(name: .customLong("no-access-log"), help: "Do not log every request.")
    var noAccessLog = false

    func validate() throws {
        if !(timeout > 0) { throw ValidationError("--timeout must be positive, got \(timeout)") }
        if !(idleTimeout > 0) { throw ValidationError("--idle-timeout must be positive, got \(idleTimeout)") }
        if !(reloadInterval >= 0) { throw ValidationError("--reload-interval must be 0 or more, got \(reloadInterval)") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(logLevel)'") }
    }

    func run() throws {
        var sources = try models.map { try ModelSource(argument: $0) }
        if sources.isEmpty { sources = [ModelSource(path: try ShippedModel.path())] }
        var configuration = ServerConfiguration(models: sources)
        configuration.host = host
        configuration.port = port
        configuration.maximumBodyBytes = maxBody
        configuration.maximumBatch = maxBatch
        configuration.requestTimeout = .milliseconds(Int64(timeout * 1000))
        configuration.idleTimeout = .milliseconds(Int64(idleTimeout * 1000))
        configuration.reloadInterval = reloadInterval > 0 ? .milliseconds(Int64(reloadInterval * 1000)) : nil
        configuration.accessLog = !noAccessLog

        LoggingSystem.bootstrap(BufferedLogHandler.init(label:))
        var logger = Logger(label: "precis.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let server = try PrecisServer(configuration: configuration, logger: logger)
        // The command tree is synchronous; the server runs on the concurrency pool while this
        // thread waits for it to drain and stop.
        let done = DispatchSemaphore(value: 0)
        let failure = ServeFailure()
        Task {
            do {
                try await server.run { host, port in
                    // Flushed at once; a failed write is remembered by the sink and reported at exit, never a trap.
                    try? Output.write("precis serve: listening on http://\(host):\(port)\n")
                    try? Output.flush()
                }
            } catch {
                failure.error = error
            }
            done.signal()
        }
        done.wait()
        BufferedLogHandler.flush()
        if let error = failure.error { throw ServerError("cannot serve on \(host):\(port): \(error)") }
    }
}

/// The server's error, handed from its task to the waiting command thread (the semaphore
/// orders the write before the read).
private final class ServeFailure: @unchecked Sendable {
    var error: Error?
}
