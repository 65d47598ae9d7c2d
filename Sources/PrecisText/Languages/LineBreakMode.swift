/// What a single line break means to the ``SentenceSegmenter`` (a blank line
/// always ends a paragraph and a sentence).
///
/// ```swift
/// SentenceSegmenter(lineBreaks: .paragraph).sentences(in: "It was\nlate.").count   // 1
/// SentenceSegmenter(lineBreaks: .sentence).sentences(in: "It was\nlate.").count    // 2
/// ```
public enum LineBreakMode: String, CaseIterable, Sendable, Codable {
    /// Every line break ends a sentence (one paragraph or sentence per line, e.g. news feeds).
    case sentence
    /// Lines are joined into paragraphs; a single line break ends a sentence only where the
    /// text says so: the previous line ends a sentence, or the lines are list items, headings
    /// or captions (hard-wrapped e-mail, plain-text exports, PDF text).
    case paragraph
    /// ``paragraph`` when the text looks hard-wrapped (many line breaks fall inside a sentence
    /// running on in lowercase, and no line is long); otherwise every line break ends a sentence
    /// except where one visibly runs on (no final punctuation, and the next line goes on in lowercase).
    case auto
}
