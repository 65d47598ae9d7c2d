import Foundation
import Precis

/// Any bytes as a CSV data file (header row, `label` and `text` columns).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let documents = try? CSVReader.parse(bytes, path: "fuzz.csv") {
        for document in documents where document.label.isEmpty { fatalError("empty label") }
    }
    return 0
}
