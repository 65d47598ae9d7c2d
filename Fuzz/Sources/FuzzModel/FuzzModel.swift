import Foundation
import Precis

/// Any bytes as a model file. The checksum is recomputed first, so the fuzzer
/// reaches the sections instead of stopping at the checksum test (a forged
/// checksum is one of the attacks the loader must survive). A model that loads
/// must then classify and describe itself without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    ModelFile.forgeChecksum(&bytes)
    let loaded = bytes.withUnsafeBytes { try? ModelFile.decode($0, path: "fuzz.precis") }
    guard let classifier = loaded else { return 0 }
    let texts = ["the market rallied as shares rose sharply in early trading", "a b c", ""]
    _ = classifier.classify(texts, top: 3)
    if let label = classifier.labels.first { _ = classifier.explain(texts[0], label: label, top: 5) }
    _ = classifier.topTerms(per: 3)
    _ = Dictionary(uniqueKeysWithValues: classifier.labels.map { ($0, 1) })
    _ = Set(classifier.vectorizer.vocabulary).count
    return 0
}
