import Foundation
import PrecisServer
import PrecisTestSupport
import Testing

/// Replays the seeds and past crashes of the `FuzzServerRequest` libFuzzer target
/// (`Fuzz/Seeds/FuzzServerRequest`, `Fuzz/Regressions/FuzzServerRequest`) through the same
/// call and checks, plus hostile bodies of our own: every body is accepted or refused with a
/// 4xx and a JSON error document, never a trap.
struct ServerRequestFuzzRegressionTests {
    static func inputs() -> [(name: String, bytes: [UInt8])] {
        let fuzz = TestPaths.repositoryRoot.appendingPathComponent("Fuzz")
        var result: [(String, [UInt8])] = []
        for folder in ["Seeds", "Regressions"] {
            let dir = fuzz.appendingPathComponent(folder).appendingPathComponent("FuzzServerRequest")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) {
                    result.append(("\(folder)/\(name)", Array(data)))
                }
            }
        }
        return result
    }

    /// The fuzz target's checks, on one input.
    static func check(_ bytes: [UInt8], _ name: String) {
        guard let first = bytes.first else { return }
        let endpoints = RequestDecoding.Endpoint.allCases
        let endpoint = endpoints[Int(first) % endpoints.count]
        if case .refused(let status, let code, let message, let body) = RequestDecoding.decode(endpoint, body: Array(bytes.dropFirst()), maximumBatch: 16) {
            #expect((400..<500).contains(status), "\(name): \(status) \(code) \(message)")
            #expect(!message.isEmpty && !code.isEmpty, "\(name)")
            #expect(RequestDecoding.isJSONObject(body), "\(name): \(String(decoding: body, as: UTF8.self))")
        }
    }

    @Test("seeds and regressions decode or are refused with a 4xx")
    func seeds() {
        let inputs = Self.inputs()
        #expect(inputs.count >= 4)
        for (name, bytes) in inputs { Self.check(bytes, name) }
    }

    @Test("the seeds include accepted requests of every endpoint")
    func accepted() {
        var seen = Set<String>()
        for (_, bytes) in Self.inputs() {
            guard let first = bytes.first else { continue }
            let endpoint = RequestDecoding.Endpoint.allCases[Int(first) % 4]
            if case .accepted = RequestDecoding.decode(endpoint, body: Array(bytes.dropFirst())) { seen.insert(endpoint.rawValue) }
        }
        #expect(seen == Set(RequestDecoding.Endpoint.allCases.map(\.rawValue)))
    }

    @Test("a body nested 100,000 levels deep is refused, not a stack overflow")
    func deepNesting() {
        for open in ["[", "{\"a\":"] {
            let body = Array(String(repeating: open, count: 100_000).utf8)
            guard case .refused(let status, let code, let message, _) = RequestDecoding.decode(.classify, body: body) else {
                Issue.record("accepted a 100,000-deep body"); return
            }
            #expect(status == 400 && code == "invalid_json")
            #expect(message.contains("nested deeper"), "\(message)")
        }
    }

    @Test("hostile bodies: NUL bytes, lone surrogates, huge numbers, duplicate keys, batch limit")
    func hostileBodies() {
        let cases: [(RequestDecoding.Endpoint, String, String)] = [
            (.classify, "{\"text\": \"a\u{0}b\"}", "invalid_json"),                 // raw control character
            (.classify, #"{"text": "\ud800"}"#, "invalid_json"),                      // lone surrogate
            (.classify, #"{"text": "a", "top": 1e300}"#, "invalid_request"),
            (.classify, #"{"text": "a", "top": -9223372036854775808}"#, "invalid_request"),
            (.classify, #"{"text": "a", "threshold": 1e999}"#, "invalid_json"),
            (.classify, #"{"texts": ["a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a"]}"#, "batch_too_large"),
            (.summarize, #"{"text": "a", "sentences": 2, "words": 3}"#, "invalid_request"),
            (.summarize, #"{"text": "a", "method": "\u001b[31mred"}"#, "invalid_request"),
            (.keywords, #"{"text": "a", "text": 5}"#, "invalid_request"),           // the last duplicate wins
            (.segment, "\u{FEFF}{\"text\": \"a\"}", "invalid_json"),
            (.segment, "", "invalid_json"),
        ]
        for (endpoint, body, expected) in cases {
            guard case .refused(let status, let code, _, let errorBody) = RequestDecoding.decode(endpoint, body: Array(body.utf8), maximumBatch: 16) else {
                Issue.record("accepted \(body.debugDescription)"); continue
            }
            #expect(status == 400 && code == expected, "\(body.debugDescription): \(code)")
            #expect(RequestDecoding.isJSONObject(errorBody))
        }
    }
}
