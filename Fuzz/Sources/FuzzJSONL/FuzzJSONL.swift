import Foundation
import Precis

/// Any bytes as a labelled JSONL data file, and as texts only.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let documents = try? JSONLReader.parse(bytes, path: "fuzz.jsonl") {
        for document in documents where document.label.isEmpty { fatalError("empty label") }
    }
    _ = try? JSONLReader.parseTexts(bytes, path: "fuzz.jsonl")
    return 0
}
