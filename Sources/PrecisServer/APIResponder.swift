import Hummingbird
import Logging
import NIOCore

/// Routes a request to its endpoint, turns every failure into a JSON error answer, and
/// records metrics and the access log. A flat switch over the fixed route table: no
/// per-request routing structures, and a wrong method on a known path is a `405` with `Allow`.
struct APIResponder: HTTPResponder {
    typealias Context = ServerRequestContext

    let api: API
    let metrics: ServerMetrics
    let logger: Logger
    let openAPI: ByteBuffer

    private var configuration: ServerConfiguration { api.configuration }

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        metrics.started()
        let endpoint = Endpoint(path: request.uri.path)
        var response: Response
        do {
            response = try await answer(request, endpoint: endpoint, deadline: start + configuration.requestTimeout)
        } catch let error as APIError {
            response = Self.errorResponse(error)
        } catch {
            logger.error("\(request.method) \(request.uri.path): internal error: \(error)")
            response = Self.errorResponse(APIError(.internalServerError, "internal", "the server failed to answer this request"))
        }
        let elapsed = ContinuousClock.now - start
        let status = response.status.code
        metrics.finished(endpoint, status: status, duration: elapsed)
        if configuration.accessLog {
            let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
            logger.info("\(context.client) \(request.method.rawValue) \(request.uri.path) \(status) \(response.body.contentLength ?? 0)B \(micros)us")
        }
        return response
    }

    private func answer(_ request: Request, endpoint: Endpoint, deadline: ContinuousClock.Instant) async throws -> Response {
        guard endpoint != .other else {
            throw APIError(.notFound, "not_found", "no route \(request.uri.path); the API is described at /openapi.json")
        }
        guard request.method == endpoint.method else {
            throw APIError(.methodNotAllowed, "method_not_allowed",
                           "\(endpoint.path) answers \(endpoint.method.rawValue) only, not \(request.method.rawValue)",
                           headers: [.allow: endpoint.method.rawValue])
        }
        if endpoint.takesBody {
            let body = try await readBody(request)
            let json: JSONWriter
            switch endpoint {
            case .classify: json = try api.classify(body, deadline: deadline)
            case .summarize: json = try api.summarize(body, deadline: deadline)
            case .segment: json = try api.segment(body, deadline: deadline)
            case .keywords: json = try api.keywords(body, deadline: deadline)
            default: throw APIError(.internalServerError, "internal", "no handler for \(endpoint.path)")
            }
            return Self.jsonResponse(json.buffer)
        }
        switch endpoint {
        case .models: return Self.jsonResponse(try api.models().buffer)
        case .healthz: return Self.jsonResponse(api.health().buffer)
        case .openapi: return Self.jsonResponse(openAPI)
        case .metrics:
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        default: throw APIError(.notFound, "not_found", "no route \(request.uri.path)")
        }
    }

    /// The body, after checking its media type and size.
    private func readBody(_ request: Request) async throws -> ByteBuffer {
        let mediaType = request.headers[.contentType]?.split(separator: ";", maxSplits: 1).first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard mediaType == "application/json" else {
            throw APIError(.unsupportedMediaType, "unsupported_media_type",
                           "send the body as JSON with 'Content-Type: application/json'"
                           + (mediaType.map { ", not '\($0)'" } ?? " (the header is missing)"))
        }
        let limit = configuration.maximumBodyBytes
        let tooLarge = APIError(.contentTooLarge, "payload_too_large", "the request body is larger than the server's limit of \(limit) bytes")
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit { throw tooLarge }
        var request = request
        do {
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        } catch {
            throw APIError(.badRequest, "bad_body", "the request body could not be read: \(error)")
        }
    }

    static func jsonResponse(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }

    static func errorResponse(_ error: APIError) -> Response {
        var response = jsonResponse(error.body.buffer, status: error.status)
        response.headers.append(contentsOf: error.headers)
        return response
    }
}
