import Precis

/// Any bytes, decoded leniently, through both tokenizer entry points (String and
/// raw UTF-8) with the first byte choosing the settings; the two must agree. Then
/// through the TF-IDF and hashing vectorisers (1–3-grams), which tokenize the same
/// text their own way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let settings = bytes.first ?? 0
    let tokenizer = Tokenizer(lowercase: settings & 1 == 0, minimumLength: Int(settings >> 1 & 7))
    var text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let tokens = tokenizer.tokens(in: text)
    let buffer = TokenBuffer()
    var count = 0
    text.withUTF8 { utf8 in
        tokenizer.forEachToken(inUTF8: utf8, buffer: buffer) { _ in count += 1 }
    }
    if count != tokens.count { fatalError("tokenizer entry points disagree: \(count) vs \(tokens.count)") }
    var configuration = TfidfConfiguration()
    configuration.ngramRange = 1...3
    configuration.tokenizer = tokenizer
    if let fitted = try? TfidfVectorizer(configuration: configuration).fitTransform([text, "x " + text]) {
        _ = fitted.model.transform([text])
    }
    _ = try? HashingVectorizer(featureCount: 64, alternateSign: false, configuration: configuration).fitTransform([text])
    return 0
}
