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

    /// Like ``forEachToken(in:buffer:_:)``, then calls `afterLast` once
    /// while every token buffer handed to `body` is still valid, so a
    /// caller can collect the tokens first and process them as a batch.
    ///
    /// ```swift
    /// var lengths: [Int] = []
    /// tokenizer.forEachToken(in: "one two", buffer: TokenBuffer(), { lengths.append($0.count) }, afterLast: {
    ///     print(lengths)      // [3, 3]
    /// })
    /// ```
    @inlinable
    public func forEachToken(in text: String, buffer: TokenBuffer, _ body: (UnsafeBufferPointer<UInt8>) -> Void,
                             afterLast: () -> Void) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ bytes in
            forEachToken(inUTF8: bytes, buffer: buffer, body)
            afterLast()
        }) {
            return done
        }
        var copy = text
        copy.withUTF8 {
            forEachToken(inUTF8: $0, buffer: buffer, body)
            afterLast()
        }
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
    @inlinable
    public func forEachToken(inUTF8 bytes: UnsafeBufferPointer<UInt8>, buffer: TokenBuffer,
                             _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let ascii = Self.isASCII(base, bytes.count)
        if lowercase {
            if ascii {
                buffer.reserve(bytes.count)
                let out = buffer.storage
                buffer.count = bytes.count
                scanASCIIWords(base, bytes.count, lowercaseInto: out, body)
            } else {
                UnicodeLowercasing.lowercase(bytes, into: buffer)
                scan(UnsafeBufferPointer(start: buffer.storage, count: buffer.count), body)
            }
        } else if ascii {
            scanASCIIWords(base, bytes.count, lowercaseInto: nil, body)
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
    @inlinable @inline(__always)
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

    /// Scans ASCII text for runs of word characters eight bytes at a time
    /// (SWAR): each 64-byte block yields a 64-bit mask of word bytes, and
    /// tokens are read off the mask's 0→1 and 1→0 transitions. When `out`
    /// is given, the lowercased text is written there in the same pass and
    /// the tokens point into it; otherwise they point into `base`.
    @inlinable @inline(__always)
    func scanASCIIWords(_ base: UnsafePointer<UInt8>, _ n: Int, lowercaseInto out: UnsafeMutablePointer<UInt8>?,
                        _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let tokens = UnsafePointer(out) ?? base
        let minimum = minimumLength
        var start = 0           // start of the current run (valid while inRun)
        var inRun = false
        var carry: UInt64 = 0   // the previous block's last bit
        // The word mask of the 64 bytes at `p`, lowercased into `o` when given.
        @inline(__always)
        func blockMask(_ p: UnsafeRawPointer, _ o: UnsafeMutableRawPointer?) -> UInt64 {
            var mask: UInt64 = 0
            for k in 0..<8 {
                let (word, lowered) = Self.classify(p.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self))
                o?.storeBytes(of: lowered, toByteOffset: 8 * k, as: UInt64.self)
                mask |= ((word &* 0x0002_0408_1020_4081) >> 56) << UInt64(8 * k)
            }
            return mask
        }
        // Emits the tokens ending in the block at `blockStart` (bit i of
        // `edges`: a run starts or ends at byte blockStart + i).
        @inline(__always)
        func emit(_ mask: UInt64, _ blockStart: Int) {
            var edges = mask ^ (mask << 1 | carry)
            carry = mask >> 63
            while edges != 0 {
                let position = blockStart + edges.trailingZeroBitCount
                edges &= edges &- 1
                if inRun {
                    if position - start >= minimum { body(UnsafeBufferPointer(start: tokens + start, count: position - start)) }
                } else {
                    start = position
                }
                inRun.toggle()
            }
        }
        var blockStart = 0
        while blockStart + 64 <= n {
            emit(blockMask(UnsafeRawPointer(base + blockStart), out.map { UnsafeMutableRawPointer($0 + blockStart) }), blockStart)
            blockStart += 64
        }
        if blockStart < n {
            // The last partial block through a zero-padded copy (a zero byte is no word character).
            var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            let rest = n - blockStart
            withUnsafeMutableBytes(of: &tail) { t in
                let p = t.baseAddress!
                p.copyMemory(from: base + blockStart, byteCount: rest)
                let mask = blockMask(UnsafeRawPointer(p), out == nil ? nil : p)
                if let out { UnsafeMutableRawPointer(out + blockStart).copyMemory(from: p, byteCount: rest) }
                emit(mask, blockStart)
            }
        }
        if inRun && n - start >= minimum { body(UnsafeBufferPointer(start: tokens + start, count: n - start)) }
    }

    /// For eight ASCII bytes: the high bit of each byte that is a word
    /// character `[A-Za-z0-9_]`, and the bytes lowercased.
    @inlinable @inline(__always)
    static func classify(_ x: UInt64) -> (word: UInt64, lowered: UInt64) {
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let set = x | high
        // High bit of each byte set when that byte is >= c (bytes below 0x80, c <= 0x80).
        @inline(__always) func atLeast(_ c: UInt64) -> UInt64 { (set &- ones &* c) & high }
        let upper = atLeast(0x41) & ~atLeast(0x5B)
        let lower = atLeast(0x61) & ~atLeast(0x7B)
        let digit = atLeast(0x30) & ~atLeast(0x3A)
        let underscore = atLeast(0x5F) & ~atLeast(0x60)
        return (upper | lower | digit | underscore, x | upper >> 2)
    }

    /// Scans (already lowercased) UTF-8 for runs of word characters.
    @usableFromInline
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
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
