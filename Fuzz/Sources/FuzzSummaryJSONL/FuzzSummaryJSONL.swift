import Foundation
import Precis

/// Any bytes as a summarisation JSONL file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSummaryJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    _ = try? SummaryRecordReader.parse(bytes, path: "fuzz.jsonl")
    return 0
}
