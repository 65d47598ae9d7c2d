import Testing
import Foundation
import PrecisText
import PrecisTestSupport

/// Every code point against Python (`Data/fixtures/tfidf/unicode-python.json`,
/// produced by the peers' Python 3.11 with Unicode 14.0): `\w` membership and
/// `str.lower()`. Code points Unicode 14 had not assigned are skipped: the
/// toolchain's newer Unicode data classifies them, Python 3.11 cannot.
struct TokenizerUnicodeParityTests {
    struct Fixture: Decodable {
        var python: String
        var unicode: String
        var assigned: [[UInt32]]
        var word: [[UInt32]]
        var lower: [String: [UInt32]]
    }

    static func fixture() throws -> Fixture {
        let url = TestPaths.projectData.appendingPathComponent("fixtures/tfidf/unicode-python.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func contains(_ ranges: [[UInt32]], _ v: UInt32) -> Bool {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid][1] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo][0] <= v
    }

    @Test("word characters equal Python's \\w on every code point Unicode 14 assigned")
    func wordCharacters() throws {
        let f = try Self.fixture()
        var mismatches: [String] = []
        for range in f.assigned {
            for v in range[0]...range[1] {
                guard let scalar = Unicode.Scalar(v) else { continue }
                if WordCharacters.isWord(scalar) != Self.contains(f.word, v) {
                    mismatches.append(String(v, radix: 16))
                }
            }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.prefix(20).joined(separator: " U+")) (\(mismatches.count) in all)")
    }

    @Test("lowercasing equals Python's str.lower() on every code point Unicode 14 assigned")
    func lowercase() throws {
        let f = try Self.fixture()
        let buffer = TokenBuffer()
        var mismatches: [String] = []
        for range in f.assigned {
            for v in range[0]...range[1] {
                guard let scalar = Unicode.Scalar(v), v != 0x3A3 else { continue }   // Σ: context-dependent, tested below
                let expected = f.lower[String(v)] ?? [v]
                let utf8 = Array(String(Character(scalar)).utf8)
                utf8.withUnsafeBufferPointer { UnicodeLowercasing.lowercase($0, into: buffer) }
                let got = String(decoding: buffer.bytes, as: UTF8.self).unicodeScalars.map(\.value)
                if got != expected { mismatches.append(String(v, radix: 16)) }
            }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.prefix(20).joined(separator: " U+")) (\(mismatches.count) in all)")
        // Σ alone (no cased letter before) is σ in Python; at the end of a word it is ς.
        #expect(Tokenizer(minimumLength: 1).tokens(in: "Σ ΑΣ ΑΣΑ") == ["σ", "ας", "ασα"])
    }
}
