import Testing
import PrecisText

struct TokenizerTests {
    let tokenizer = Tokenizer()

    @Test("ASCII: lowercase, two or more word characters, underscore and digits kept")
    func ascii() {
        #expect(tokenizer.tokens(in: "The QUICK brown_fox, a 42 x9 I!") == ["the", "quick", "brown_fox", "42", "x9"])
        #expect(tokenizer.tokens(in: "") == [])
        #expect(tokenizer.tokens(in: "a b c") == [])
        #expect(tokenizer.tokens(in: "don't stop-me") == ["don", "stop", "me"])
        #expect(tokenizer.tokens(in: "3.14 1e10 __init__ x\ty\nzz") == ["14", "1e10", "__init__", "zz"])
    }

    @Test("non-ASCII letters are word characters, as in Python's \\w")
    func unicode() {
        #expect(tokenizer.tokens(in: "Café STRASSE Straße Москва 東京都 naïve") ==
                ["café", "strasse", "straße", "москва", "東京都", "naïve"])
        // Superscript two and vulgar fractions are numeric (isalnum) in Python.
        #expect(tokenizer.tokens(in: "x² ½½") == ["x²", "½½"])
        // Punctuation from other scripts separates.
        #expect(tokenizer.tokens(in: "hello—world «quoted»") == ["hello", "world", "quoted"])
        // A combining mark is not a word character: decomposed é splits the word, as in Python.
        #expect(tokenizer.tokens(in: "cafe\u{301}s resume\u{301}") == ["cafe", "resume"])
    }

    @Test("lowercasing follows Python's str.lower: full mappings and the final sigma")
    func pythonLowercase() {
        #expect(tokenizer.tokens(in: "ΟΔΟΣ ΣΟΦΟΣ ΣΣ") == ["οδος", "σοφος", "σς"])
        #expect(tokenizer.tokens(in: "ΟΔΟΣ")[0].unicodeScalars.last == "\u{3C2}")
        // İ lowers to i + combining dot above, which then splits the token.
        #expect(tokenizer.tokens(in: "İstanbul") == ["stanbul"])
        #expect(tokenizer.tokens(in: "ÀÉÎÕÜ ǅUNGLA") == ["àéîõü", "ǆungla"])
    }

    @Test("lowercase can be turned off; minimum length is configurable")
    func options() {
        #expect(Tokenizer(lowercase: false).tokens(in: "Hello World Ωmega") == ["Hello", "World", "Ωmega"])
        #expect(Tokenizer(minimumLength: 1).tokens(in: "a b cd") == ["a", "b", "cd"])
        #expect(Tokenizer(minimumLength: 3).tokens(in: "ab abc 東京 東京都") == ["abc", "東京都"])
    }

    @Test("a reused buffer gives the same tokens as a fresh one, for long and short texts")
    func reusedBuffer() {
        let buffer = TokenBuffer(capacity: 4)
        let texts = ["Short one", String(repeating: "Longer TEXT with Ünïcödé ", count: 500), "ab", ""]
        for text in texts {
            var tokens: [String] = []
            tokenizer.forEachToken(in: text, buffer: buffer) { tokens.append(String(decoding: $0, as: UTF8.self)) }
            #expect(tokens == tokenizer.tokens(in: text))
        }
    }

    @Test("invalid UTF-8 bytes separate tokens instead of trapping")
    func invalidBytes() {
        let bytes: [UInt8] = Array("good".utf8) + [0xFF, 0xC3] + Array("WORD".utf8) + [0xE2, 0x82]
        var tokens: [String] = []
        bytes.withUnsafeBufferPointer { p in
            tokenizer.forEachToken(inUTF8: p, buffer: TokenBuffer()) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        }
        #expect(tokens == ["good", "word"])
    }
}
