/// What a segment of text is, for a summariser: a real sentence, or something
/// that must never be a summary candidate.
public enum SentenceKind: String, Sendable, Codable {
    /// An ordinary sentence: a summary candidate.
    case body
    /// A line without final punctuation standing on its own (a headline or sub-heading).
    case heading
    /// Page furniture: dates, bylines, share buttons, captions, one- or two-word lines.
    case furniture
    /// Longer than any plausible sentence (text without punctuation); not a candidate.
    case runOn
}

/// One sentence of a document, with where it came from.
///
/// ```swift
/// let s = SentenceSegmenter().sentences(in: "Mr. Smith left. He was tired.")
/// s[0].text        // "Mr. Smith left."
/// s[1].byteRange   // 16..<29 (UTF-8 offsets in the input)
/// ```
public struct Sentence: Equatable, Sendable {
    /// The sentence text, trimmed of surrounding white space (a line break inside it, with the
    /// white space around it, reads as one space).
    public var text: String
    /// The sentence's UTF-8 byte offsets in the segmented text.
    public var byteRange: Range<Int>
    /// The 0-based paragraph the sentence is in: with one paragraph per line (news feeds,
    /// ``LineBreakMode/sentence``) the non-blank line; with joined lines, the block of lines.
    public var paragraph: Int
    /// Whether this is a body sentence, a heading, furniture, or a run-on.
    public var kind: SentenceKind
    /// Number of white-space separated words that contain a letter or digit.
    public var wordCount: Int

    /// A sentence from its parts.
    public init(text: String, byteRange: Range<Int>, paragraph: Int, kind: SentenceKind, wordCount: Int) {
        self.text = text
        self.byteRange = byteRange
        self.paragraph = paragraph
        self.kind = kind
        self.wordCount = wordCount
    }

    /// Whether the sentence may appear in a summary (only ``SentenceKind/body`` sentences may).
    public var isCandidate: Bool { kind == .body }
}
