import PrecisText

/// Tokenises text exactly as Google's `rouge-score` (0.1.2) `DefaultTokenizer`:
/// lowercase (Unicode), every character outside `[a-z0-9]` separates tokens,
/// and with stemming on, tokens longer than three characters are Porter-stemmed
/// (NLTK's `PorterStemmer()`, see ``PorterStemmer``).
///
/// ```swift
/// RougeTokenizer(stemming: true).tokens(in: "The cats' running-shoes!")
/// // ["the", "cat", "run", "shoe"]
/// ```
public struct RougeTokenizer: Sendable {
    /// Whether tokens longer than three characters are stemmed.
    public var stemming: Bool
    private let stemmer = PorterStemmer()

    /// A tokenizer, stemming by default (as `precis evaluate-summaries`).
    public init(stemming: Bool = true) {
        self.stemming = stemming
    }

    /// The tokens of `text`.
    public func tokens(in text: String) -> [String] {
        var result: [String] = []
        forEachToken(in: text) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// Calls `body` with each token's bytes, in order.
    public func forEachToken(in text: String, _ body: ([UInt8]) -> Void) {
        var text = text
        if !text.utf8.allSatisfy({ $0 < 0x80 }) { text = text.lowercased() }
        var token: [UInt8] = []
        token.reserveCapacity(32)
        text.withUTF8 { bytes in
            for c in bytes {
                let lower = c &- 0x41 < 26 ? c | 0x20 : c
                if lower &- 0x61 < 26 || lower &- 0x30 < 10 {
                    token.append(lower)
                } else if !token.isEmpty {
                    emit(&token, body)
                }
            }
            if !token.isEmpty { emit(&token, body) }
        }
    }

    private func emit(_ token: inout [UInt8], _ body: ([UInt8]) -> Void) {
        if stemming && token.count > 3 { stemmer.stem(bytes: &token) }
        if !token.isEmpty { body(token) }
        token.removeAll(keepingCapacity: true)
    }
}
