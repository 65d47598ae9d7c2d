import Foundation
import Testing
import PrecisCore

/// The CLI's JSON writer: Foundation's output with sorted keys, as one line.
struct JSONLineEncoderTests {
    struct Sample: Encodable {
        var name = "a/\"b\"\n\u{1}é"
        var count = 3
        var ratio = 0.25
        var whole = 2.0
        var small: Float = 1e-6
        var missing: Int? = nil
        var nested = ["zeta": [1, 2], "alpha": []]
        var flags = [true, false]
    }

    @Test("the same bytes as JSONEncoder with sorted keys and unescaped slashes")
    func matchesFoundation() throws {
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(try JSONLineEncoder().encode(Sample()) == Array(try foundation.encode(Sample())))
    }

    @Test("non-finite numbers are strings; extra keys in a second container are merged")
    func edgeCases() throws {
        struct Merged: Encodable {
            enum K: String, CodingKey { case b, a }
            func encode(to encoder: Encoder) throws {
                var first = encoder.container(keyedBy: K.self)
                try first.encode(Double.infinity, forKey: .b)
                var second = encoder.container(keyedBy: K.self)
                try second.encode(Float.nan, forKey: .a)
            }
        }
        #expect(String(decoding: try JSONLineEncoder().encode(Merged()), as: UTF8.self) == #"{"a":"nan","b":"inf"}"#)
    }
}
