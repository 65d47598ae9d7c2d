import Hummingbird
import NIOCore

/// Hummingbird's per-request context, plus the client's address for the access log.
struct ServerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The peer's IP address (or `-` when unknown, e.g. a Unix socket).
    let client: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "-"
    }
}
