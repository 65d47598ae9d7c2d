/// Splits text into word tokens the way scikit-learn's `TfidfVectorizer` does
/// by default: the text is lowercased (full Unicode case mapping, like
/// Python's `str.lower`, including the final-sigma rule) and a token is a
/// run of two or more word characters (`(?u)\b\w\w+\b`): letters, digits and
/// the underscore, in any script.
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
/// lowercased and scanned byte by byte through a table; other text is
/// lowercased scalar by scalar (``UnicodeLowercasing``) and then scanned
/// with Python's definition of a word character (``WordCharacters``).
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
        forEachToken(in: text, buffer: TokenBuffer(capacity: text.utf8.count), body)
    }

    /// Like ``forEachToken(in:_:)``, reusing `buffer` for the lowercased copy
    /// (no allocation once the buffer is large enough).
    public func forEachToken(in text: String, buffer: TokenBuffer, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ bytes in
            forEachToken(inUTF8: bytes, buffer: buffer, body)
        }) {
            return done
        }
        var copy = text
        copy.withUTF8 { forEachToken(inUTF8: $0, buffer: buffer, body) }
    }

    /// Calls `body` once per token of the UTF-8 text `bytes`, in order.
    ///
    /// Invalid UTF-8 sequences are treated as separators. The token buffers
    /// point into `buffer` (or into `bytes` when not lowercasing) and are
    /// valid only during the call.
    ///
    /// ```swift
    /// let buffer = TokenBuffer()
    /// Array("Hello, World".utf8).withUnsafeBufferPointer { bytes in
    ///     Tokenizer().forEachToken(inUTF8: bytes, buffer: buffer) { print(String(decoding: $0, as: UTF8.self)) }
    /// }
    /// ```
    public func forEachToken(inUTF8 bytes: UnsafeBufferPointer<UInt8>, buffer: TokenBuffer,
                             _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let ascii = Self.isASCII(base, bytes.count)
        if lowercase {
            if ascii {
                buffer.reserve(bytes.count)
                let out = buffer.storage
                for i in 0..<bytes.count {
                    let b = base[i]
                    out[i] = (b &- 0x41) < 26 ? b | 0x20 : b
                }
                buffer.count = bytes.count
                scanASCII(UnsafeBufferPointer(start: out, count: bytes.count), body)
            } else {
                UnicodeLowercasing.lowercase(bytes, into: buffer)
                scan(UnsafeBufferPointer(start: buffer.storage, count: buffer.count), body)
            }
        } else if ascii {
            scanASCII(bytes, body)
        } else {
            scan(bytes, body)
        }
    }

    /// The tokens of `text` as strings (convenient, allocates one `String` per token).
    public func tokens(in text: String) -> [String] {
        var result: [String] = []
        forEachToken(in: text) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    @inline(__always)
    static func isASCII(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let raw = UnsafeRawPointer(p)
        var i = 0
        var acc: UInt64 = 0
        while i + 8 <= n {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n { acc |= UInt64(p[i]); i += 1 }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    /// Scans ASCII text for runs of word characters.
    @inline(__always)
    private func scanASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        let minimum = minimumLength
        var i = 0
        while i < n {
            while i < n && !WordCharacters.isASCIIWord(base[i]) { i += 1 }
            let start = i
            while i < n && WordCharacters.isASCIIWord(base[i]) { i += 1 }
            if i - start >= minimum { body(UnsafeBufferPointer(start: base + start, count: i - start)) }
        }
    }

    /// Scans (already lowercased) UTF-8 for runs of word characters.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return }
        var i = 0
        var start = -1      // start of the current run, or -1
        var length = 0      // word characters in the current run
        while i < n {
            let b = base[i]
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
