import Testing
import PrecisTestSupport
import PrecisText
import PrecisFeatures

/// The ASCII fast path (eight bytes at a time, 64-byte blocks) and the
/// token hashing (overlapping tail loads) against plain reference code, on
/// lengths that cross every word and block boundary.
struct TokenScanTests {
    /// Reference: lowercase, then runs of `[a-z0-9_]` of at least `minimum` bytes.
    static func reference(_ text: [UInt8], lowercase: Bool, minimum: Int) -> [String] {
        var out: [String] = []
        var run: [UInt8] = []
        func isWord(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
        }
        for b in text + [0x20] {
            if isWord(b) {
                run.append(lowercase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            } else {
                if run.count >= minimum { out.append(String(decoding: run, as: UTF8.self)) }
                run.removeAll()
            }
        }
        return out
    }

    @Test("ASCII tokens equal the reference across block boundaries and tails")
    func asciiScan() {
        var rng = SeededGenerator(seed: 7)
        let alphabet = Array("aZz_09AbM .,-!@[`{\t\n/:~".utf8)
        let buffer = TokenBuffer(capacity: 16)
        for length in 0..<300 {
            for _ in 0..<3 {
                let text = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                for lowercase in [true, false] {
                    for minimum in [1, 2, 3] {
                        let tokenizer = Tokenizer(lowercase: lowercase, minimumLength: minimum)
                        var got: [String] = []
                        text.withUnsafeBufferPointer { bytes in
                            tokenizer.forEachToken(inUTF8: bytes, buffer: buffer) { got.append(String(decoding: $0, as: UTF8.self)) }
                        }
                        #expect(got == Self.reference(text, lowercase: lowercase, minimum: minimum))
                    }
                }
            }
        }
    }

    @Test("Terms sharing prefixes and tails of every length stay distinct")
    func hashingTails() throws {
        // Words of 2…24 bytes that differ only in their last byte or only in length.
        var documents: [String] = []
        var expected = Set<String>()
        for n in 2...24 {
            let stem = String(repeating: "q", count: n - 1)
            let words = [stem + "a", stem + "b", stem + "ab", "x" + stem]
            expected.formUnion(words)
            documents.append(words.joined(separator: " "))
        }
        let model = try TfidfVectorizer().fit(documents)
        #expect(model.vocabulary == expected.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }
}
