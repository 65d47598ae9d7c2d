import Foundation
import Precis

/// Any bytes as a TSV data file. Errors are fine; traps, hangs and leaks are not.
/// Every document read must have a non-empty label.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let documents = try? TSVReader.parse(bytes, path: "fuzz.tsv") {
        for document in documents where document.label.isEmpty { fatalError("empty label") }
    }
    return 0
}
