import PrecisCore
/// Everything `precis serve` can be told: where to listen, which models to serve and the
/// limits that protect the server from bad or greedy clients.
///
/// ```swift
/// var configuration = ServerConfiguration(models: [ModelSource(path: "Models/bbc-news.precis")])
/// configuration.port = 0          // any free port; `PrecisServer.run` reports the one it got
/// configuration.maximumBodyBytes = 256 << 10
/// ```
public struct ServerConfiguration: Sendable {
    /// The address to bind (default loopback only).
    public var host: String = "127.0.0.1"
    /// The TCP port; 0 picks a free one.
    public var port: Int = 8080
    /// The classifier models served, by name. The first is the default one.
    public var models: [ModelSource]
    /// A request body larger than this gets `413 Payload Too Large` (default 1 MiB).
    public var maximumBodyBytes: Int = 1 << 20
    /// The most texts one `/v1/classify` request may carry (`400 batch_too_large` above).
    public var maximumBatch: Int = 256
    /// The longest a request may take once its body is read; checked between documents,
    /// so the answer is `503` with code `timeout` (default 30 s).
    public var requestTimeout: Duration = .seconds(30)
    /// A connection idle (or a body arriving) for longer than this is closed (default 60 s).
    public var idleTimeout: Duration = .seconds(60)
    /// How often the model files are checked for changes; `nil` reloads on `SIGHUP` only.
    public var reloadInterval: Duration? = .seconds(2)
    /// Whether every request is logged (at `info`).
    public var accessLog: Bool = true
    /// Whether `SIGHUP` reloads the models and `SIGTERM`/`SIGINT` drain and stop the server.
    /// Turn off to embed the server in a program that handles signals itself.
    public var handleSignals: Bool = true

    /// A configuration serving `models`, with every other setting at its default.
    public init(models: [ModelSource]) {
        self.models = models
    }
}

/// A classifier model to serve: the name clients pass as `"model"`, and its file.
public struct ModelSource: Sendable, Equatable {
    /// The name requests use (`"model": "topics"`).
    public var name: String
    /// The model file (`precis train --model` output).
    public var path: String

    /// A model named `name` (`default` unless given), read from `path`.
    public init(name: String = "default", path: String) {
        self.name = name
        self.path = path
    }

    /// Parses the command line's `NAME=PATH` (or just `PATH`, named `default`).
    ///
    /// ```swift
    /// try ModelSource(argument: "topics=models/topics.precis")   // name "topics"
    /// try ModelSource(argument: "models/topics.precis")          // name "default"
    /// ```
    public init(argument: String) throws {
        if let eq = argument.firstIndex(of: "="), eq != argument.startIndex {
            self.init(name: String(argument[..<eq]), path: String(argument[argument.index(after: eq)...]))
        } else {
            self.init(path: argument)
        }
        guard !path.isEmpty else { throw ServerError("--model \(argument): the path is empty (use NAME=PATH)") }
        guard name.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x22 && $0 != 0x5C && $0 < 0x7F }) else {
            throw ServerError("--model \(argument): a model name is printable ASCII without spaces, quotes or backslashes")
        }
    }
}

/// A server that cannot start: a one-line message (bad option, model that fails to load).
public struct ServerError: PrecisError {
    /// The message.
    public var message: String

    /// Not about one file (a model that fails to load names its file in the message).
    public var path: String? { nil }

    /// An error with `message` as its message.
    public init(_ message: String) { self.message = message }
}
