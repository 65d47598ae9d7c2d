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
    }

    @Test("non-ASCII letters are word characters, as in Python's \\w")
    func unicode() {
        #expect(tokenizer.tokens(in: "Café STRASSE Straße Москва 東京都 naïve") ==
                ["café", "strasse", "straße", "москва", "東京都", "naïve"])
        // Superscript two and vulgar fractions are numeric (isalnum) in Python.
        #expect(tokenizer.tokens(in: "x² ½½") == ["x²", "½½"])
        // Punctuation from other scripts separates.
        #expect(tokenizer.tokens(in: "hello—world «quoted»") == ["hello", "world", "quoted"])
    }

    @Test("lowercase can be turned off")
    func caseKept() {
        #expect(Tokenizer(lowercase: false).tokens(in: "Hello World") == ["Hello", "World"])
    }
}
