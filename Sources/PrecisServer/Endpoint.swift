import HTTPTypes

/// The server's routes: one case per path, with the one method it answers.
/// `other` stands for every unknown path (one metrics label for all of them).
enum Endpoint: Int, CaseIterable, Sendable {
    case classify, summarize, segment, keywords, models, healthz, metrics, openapi, other

    /// The routes the server answers (every case but `other`).
    static let routes: [Endpoint] = allCases.filter { $0 != .other }

    init(path: String) {
        switch path {
        case "/v1/classify": self = .classify
        case "/v1/summarize": self = .summarize
        case "/v1/segment": self = .segment
        case "/v1/keywords": self = .keywords
        case "/v1/models": self = .models
        case "/healthz": self = .healthz
        case "/metrics": self = .metrics
        case "/openapi.json": self = .openapi
        default: self = .other
        }
    }

    /// The URL path.
    var path: String {
        switch self {
        case .classify: return "/v1/classify"
        case .summarize: return "/v1/summarize"
        case .segment: return "/v1/segment"
        case .keywords: return "/v1/keywords"
        case .models: return "/v1/models"
        case .healthz: return "/healthz"
        case .metrics: return "/metrics"
        case .openapi: return "/openapi.json"
        case .other: return "other"
        }
    }

    /// The HTTP method the route answers.
    var method: HTTPRequest.Method {
        switch self {
        case .classify, .summarize, .segment, .keywords: return .post
        default: return .get
        }
    }

    /// Whether the route takes a JSON body.
    var takesBody: Bool { method == .post }
}
