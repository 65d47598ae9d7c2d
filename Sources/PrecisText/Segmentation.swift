/// One sentence of a ``Segmentation``: its text and where it is in the input.
///
/// `start` and `end` count Unicode scalars from the start of the input (as Python's
/// string indices do), so `input[start..<end]` is the sentence; `text` is that slice with
/// any line break inside it (and the white space around it) replaced by one space.
public struct SegmentedSentence: Codable, Equatable, Sendable {
    /// The sentence.
    public var text: String
    /// Offset of its first Unicode scalar in the input.
    public var start: Int
    /// Offset just past its last Unicode scalar in the input.
    public var end: Int
}

/// Every sentence of a text (no furniture filter, no duplicate removal) and the language
/// whose rules were used: what `precis segment --json` prints.
///
/// ```swift
/// let result = SentenceSegmenter().segment("Hello World. My name is Jonas.")
/// result.sentences.map(\.text)   // ["Hello World.", "My name is Jonas."]
/// result.sentences[1].start      // 13
/// result.language                // "en"
/// ```
public struct Segmentation: Codable, Equatable, Sendable {
    /// The sentences, in order.
    public var sentences: [SegmentedSentence]
    /// The ISO 639-1 code of the language used (detected when the segmenter's language is `auto`).
    public var language: String
}

extension SentenceSegmenter {
    /// Every sentence of `text` with Unicode-scalar offsets, and the language used.
    public func segment(_ text: String) -> Segmentation {
        let language = self.language.resolve(for: text)
        var text = text
        return text.withUTF8 { bytes in
            let sentences = self.sentences(inUTF8: bytes, language: language)
            return Segmentation(sentences: Self.withScalarOffsets(sentences, in: bytes), language: language.rawValue)
        }
    }

    /// `sentences` (in input order) with their byte ranges turned into Unicode-scalar offsets in `bytes`. O(n).
    public static func withScalarOffsets(_ sentences: [Sentence], in bytes: UnsafeBufferPointer<UInt8>) -> [SegmentedSentence] {
        var out: [SegmentedSentence] = []
        out.reserveCapacity(sentences.count)
        var position = 0, scalars = 0
        func advance(to target: Int) -> Int {
            while position < target {
                if bytes[position] & 0xC0 != 0x80 { scalars += 1 }
                position += 1
            }
            return scalars
        }
        for sentence in sentences {
            let start = advance(to: sentence.byteRange.lowerBound)
            let end = advance(to: sentence.byteRange.upperBound)
            out.append(SegmentedSentence(text: sentence.text, start: start, end: end))
        }
        return out
    }
}
