import Precis

/// Any bytes as a word (String entry point) and as lowercased bytes (byte entry point).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStemmer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let stemmer = PorterStemmer()
    _ = stemmer.stem(String(decoding: bytes, as: UTF8.self))
    var word = Array(bytes)
    stemmer.stem(bytes: &word)
    if word.count > size { fatalError("stem longer than the word") }
    return 0
}
