import Foundation
import PrecisTestSupport
import Testing

/// `/openapi.json` describes exactly the routes the server answers, and each documented
/// operation answers as documented.
@Suite(.serialized, .tags(.slow), .notInQuickRuns) struct ServerOpenAPITests {
    @Test func everyRouteMatchesTheDocument() throws {
        let server = try ServerProcess([])
        defer { server.signal(SIGTERM); _ = server.waitForExit() }
        let c = try server.connect()
        let response = try c.get("/openapi.json")
        #expect(response.status == 200)
        let document = try #require(response.json)
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])

        // The documented routes are the server's routes.
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(documented == [
            "POST /v1/classify", "POST /v1/summarize", "POST /v1/segment", "POST /v1/keywords",
            "GET /v1/models", "GET /healthz", "GET /metrics", "GET /openapi.json",
        ])

        func resolve(_ schema: Any?) -> [String: Any] {
            guard var s = schema as? [String: Any] else { return [:] }
            if let ref = s["$ref"] as? String { s = schemas[String(ref.split(separator: "/").last!)] as? [String: Any] ?? [:] }
            return s
        }
        /// Checks `value` against the parts of `schema` the document uses.
        func check(_ value: Any, _ schema: Any?, _ where_: String) {
            let s = resolve(schema)
            if let alternatives = s["oneOf"] as? [Any], s["type"] == nil {
                let object = resolve(alternatives.first)
                if value is [Any] { check(value, alternatives.last, where_) } else { check(value, object, where_) }
                return
            }
            let types: [String] = (s["type"] as? [String]) ?? ((s["type"] as? String).map { [$0] } ?? [])
            if !types.isEmpty {
                let ok = types.contains { type in
                    switch type {
                    case "object": return value is [String: Any]
                    case "array": return value is [Any]
                    case "string": return value is String
                    case "integer": return (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
                    case "number": return value is NSNumber
                    case "boolean": return value is Bool
                    case "null": return value is NSNull
                    default: return false
                    }
                }
                #expect(ok, "\("\(where_): \(value) is not \(types)")")
            }
            if let object = value as? [String: Any] {
                for key in s["required"] as? [String] ?? [] { #expect(object[key] != nil, "\("\(where_): '\(key)' missing")") }
                let properties = s["properties"] as? [String: Any] ?? [:]
                for (key, sub) in object {
                    if let p = properties[key] { check(sub, p, "\(where_).\(key)") }
                    else if let extra = s["additionalProperties"] as? [String: Any] { check(sub, extra, "\(where_).\(key)") }
                }
            }
            if let array = value as? [Any], let items = s["items"] {
                for (i, item) in array.enumerated() { check(item, items, "\(where_)[\(i)]") }
            }
        }

        for (path, operations) in paths {
            for (method, operationAny) in operations {
                let operation = try #require(operationAny as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: Any])
                let answer: HTTPConnection.Response
                if let body = operation["requestBody"] as? [String: Any] {
                    let media = try #require((body["content"] as? [String: Any])?["application/json"] as? [String: Any])
                    let example = try #require(media["example"], "\("\(path) has no example")")
                    check(example, media["schema"], "\(path) example")
                    answer = try c.post(path, json: example)
                    // Every bad-request status the server can give is documented.
                    for status in ["400", "413", "415", "503"] { #expect(responses[status] != nil, "\("\(path) \(status)")") }
                    let bad = try c.post(path, json: ["unexpected": 1])
                    #expect(responses[String(bad.status)] != nil, "\("\(path): \(bad.status) undocumented")")
                    check(try #require(bad.json), (responses[String(bad.status)] as? [String: Any]).flatMap {
                        (($0["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] }, "\(path) error")
                } else {
                    answer = try c.request(method.uppercased(), path)
                }
                #expect(answer.status == 200, "\("\(method) \(path): \(answer.text)")")
                let ok = try #require(responses["200"] as? [String: Any])
                let content = try #require(ok["content"] as? [String: Any])
                let (mediaType, media) = try #require(content.first)
                #expect(answer.headers["content-type"]?.hasPrefix(mediaType) ?? false, "\("\(path): \(answer.headers)")")
                if mediaType == "application/json" {
                    check(try #require(answer.jsonValue, "\("\(path) answered no JSON")"), (media as? [String: Any])?["schema"], path)
                }
                // Methods the document does not list are refused with 405.
                let other = method == "get" ? "POST" : "GET"
                #expect(try c.request(other, path, body: other == "POST" ? Data("{}".utf8) : nil).status == 405, "\(path)")
            }
        }
    }
}
