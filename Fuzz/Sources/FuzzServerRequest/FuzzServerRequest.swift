import PrecisServer

/// Any bytes as the JSON body of a `POST` request, decoded as the server does
/// (`RequestDecoding`, no server started). The first byte picks the endpoint. A refused
/// body must get a 4xx answer whose body is a JSON object with a non-empty message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServerRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let endpoints = RequestDecoding.Endpoint.allCases
    let endpoint = endpoints[Int(data[0]) % endpoints.count]
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch RequestDecoding.decode(endpoint, body: body, maximumBatch: 16) {
    case .accepted:
        break
    case .refused(let status, let code, let message, let errorBody):
        if !(400..<500).contains(status) { fatalError("status \(status) (\(code)) for a bad body: \(message)") }
        if message.isEmpty || code.isEmpty { fatalError("empty error code or message") }
        if !RequestDecoding.isJSONObject(errorBody) { fatalError("the error body is not a JSON object") }
    }
    return 0
}
