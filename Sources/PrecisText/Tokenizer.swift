/// Splits text into word tokens the way scikit-learn's `TfidfVectorizer` does
/// by default: the text is lowercased (full Unicode case mapping, like
/// Python's `str.lower`) and a token is a run of two or more word characters
/// (`(?u)\b\w\w+\b`): letters, digits and the underscore, in any script.
///
/// Tokens are produced as UTF-8 byte slices so that callers can hash or
/// count them without allocating a `String` per token.
///
/// ```swift
/// let tokenizer = Tokenizer()
/// tokenizer.tokens(in: "Café au lait, 2 cups!")   // ["café", "au", "lait", "cups"]
/// ```
///
/// Complexity: O(n) in the UTF-8 length of the text. Pure-ASCII text is
/// lowercased and scanned byte by byte; other text is lowercased through
/// the standard library first and then scanned scalar by scalar.
public struct Tokenizer: Sendable, Equatable, Codable {
    /// Whether text is lowercased before tokenising (scikit-learn's `lowercase`).
    public var lowercase: Bool
    /// The shortest token kept, in word characters (scikit-learn's pattern keeps 2 or more).
    public var minimumLength: Int

    /// A tokenizer with scikit-learn's defaults.
    public init(lowercase: Bool = true, minimumLength: Int = 2) {
        self.lowercase = lowercase
        self.minimumLength = max(1, minimumLength)
    }

    /// Calls `body` once per token of `text`, in order, with the token's UTF-8 bytes.
    ///
    /// The buffer is only valid during the call.
    public func forEachToken(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        if lowercase {
            let ascii = text.utf8.allSatisfy { $0 < 0x80 }
            if !ascii { text = text.lowercased() }
            text.withUTF8 { bytes in
                if ascii {
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
                        for i in 0..<bytes.count {
                            let b = bytes[i]
                            scratch[i] = (b &- 0x41) < 26 ? b | 0x20 : b
                        }
                        scan(UnsafeBufferPointer(scratch), body)
                    }
                } else {
                    scan(bytes, body)
                }
            }
        } else {
            text.withUTF8 { scan($0, body) }
        }
    }

    /// The tokens of `text` as strings (convenient, allocates one `String` per token).
    public func tokens(in text: String) -> [String] {
        var result: [String] = []
        forEachToken(in: text) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// Scans already-lowercased UTF-8 for runs of word characters.
    @inline(__always)
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return }
        var i = 0
        var start = -1      // start of the current run, or -1
        var length = 0      // word characters in the current run
        while i < n {
            let b = bytes[i]
            var width = 1
            let isWord: Bool
            if b < 0x80 {
                isWord = WordCharacters.isASCIIWord(b)
            } else {
                let (scalar, w) = UTF8Decoding.decode(bytes, at: i)
                width = w
                isWord = scalar.map(WordCharacters.isWord) ?? false
            }
            if isWord {
                if start < 0 { start = i; length = 0 }
                length += 1
            } else if start >= 0 {
                if length >= minimumLength { body(UnsafeBufferPointer(start: base + start, count: i - start)) }
                start = -1
            }
            i += width
        }
        if start >= 0 && length >= minimumLength {
            body(UnsafeBufferPointer(start: base + start, count: n - start))
        }
    }
}
