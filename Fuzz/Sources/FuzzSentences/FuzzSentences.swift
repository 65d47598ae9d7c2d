import Precis

/// Any bytes through the sentence segmenter; every sentence must be non-empty
/// and valid text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSentences(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let segmenter = SentenceSegmenter()
    for sentence in segmenter.sentences(in: text) where sentence.text.isEmpty {
        fatalError("empty sentence")
    }
    _ = segmenter.bodySentences(in: text)
    return 0
}
