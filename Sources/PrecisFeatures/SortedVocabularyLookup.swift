import PrecisText
import PrecisCore

/// Feature counting for a few documents without building a ``FeatureIndex``: each
/// token and n-gram is looked up in the sorted vocabulary (``TermSearching``: binary
/// search in its UTF-8 bytes, or in a model file's front-coded records). Building the index of a large vocabulary (hundreds of thousands
/// of terms) costs far more than looking up the terms of one document, so
/// ``TfidfModel/transform(_:)`` takes this path for small inputs (a `classify` of
/// one file) and gives the same matrix: the same tokens are dropped as stop words,
/// n-grams are made of the same consecutive remaining tokens, and a term counts
/// only when it is a feature.
///
/// ```swift
/// let lookup = SortedVocabularyLookup(terms: SortedTermArray(bytes: termBytes, offsets: offsets), configuration: config)
/// lookup.count("one small document", scratch: scratch)   // scratch.pairs: column << 32 | count
/// ```
struct SortedVocabularyLookup<Terms: TermSearching> {
    /// The vocabulary, searched term by term.
    let terms: Terms
    let configuration: TfidfConfiguration
    /// The stop words, or nil when there are none.
    let stopWords: TermTable?

    init(terms: Terms, configuration: TfidfConfiguration) {
        self.terms = terms
        self.configuration = configuration
        stopWords = configuration.stopWords.isEmpty ? nil : TermTable(words: configuration.stopWords)
    }

    /// Scratch memory for ``count(_:scratch:)``.
    final class Scratch {
        let buffer = TokenBuffer(capacity: 1 << 12)
        /// The document's remaining tokens, back to back, and where each ends.
        let tokenBytes = GrowableBuffer<UInt8>(capacity: 1 << 12)
        let tokenEnds = GrowableBuffer<Int>(capacity: 256)
        /// One n-gram's bytes (tokens joined by single spaces).
        let key = GrowableBuffer<UInt8>(capacity: 256)
        let columns = GrowableBuffer<UInt64>(capacity: 256)
        let pairs = GrowableBuffer<UInt64>(capacity: 256)
    }

    /// Fills `scratch.pairs` with `column << 32 | count` for each feature of `text`,
    /// as ``FeatureIndex/count(_:configuration:scratch:)`` does.
    func count(_ text: String, scratch: Scratch) {
        let tokenBytes = scratch.tokenBytes, ends = scratch.tokenEnds, columns = scratch.columns
        tokenBytes.removeAll()
        ends.removeAll()
        columns.removeAll()
        configuration.tokenizer.forEachToken(in: text, buffer: scratch.buffer) { token in
            if let stopWords, stopWords.find(token) >= 0 { return }
            for byte in token { tokenBytes.append(byte) }
            ends.append(tokenBytes.count)
        }
        let n = ends.count
        let minN = configuration.ngramRange.lowerBound, maxN = configuration.ngramRange.upperBound
        let key = scratch.key
        for s in 0..<n {
            key.removeAll()
            var length = 0
            while length < maxN && s + length < n {
                let start = s + length == 0 ? 0 : ends[s + length - 1]
                if length > 0 { key.append(0x20) }
                for b in start..<ends[s + length] { key.append(tokenBytes[b]) }
                length += 1
                guard length >= minN else { continue }
                let c = terms.column(of: UnsafeBufferPointer(start: key.base, count: key.count))
                if c >= 0 { columns.append(UInt64(c)) }
            }
        }
        FeatureIndex.countColumns(columns, into: scratch.pairs)
    }
}
