import Foundation
import PrecisLinearAlgebra
import PrecisFeatures
import PrecisText

/// An extractive summariser: it splits a document into sentences, scores the
/// candidates with the configured ``SummaryMethod``, and picks the best ones
/// under a length budget with redundancy control, returning them in
/// document order.
///
/// Redundancy control is maximal marginal relevance (Carbonell & Goldstein
/// 1998) plus a hard similarity cap: each next sentence maximises
/// `λ·score − (1 − λ)·max similarity to the chosen ones`, and a sentence whose
/// cosine similarity to a chosen one reaches ``SummarizerConfiguration/redundancyThreshold``
/// is never chosen, so near-duplicates never appear together.
///
/// ```swift
/// let summarizer = Summarizer()                       // the default method
/// let summary = summarizer.summarize(article, length: .sentences(3))
/// print(summary.text)
/// ```
///
/// Cost: segmentation and vectorisation are linear in the text; the
/// similarity matrix is one `syrk` (O(n² × shared terms)); PageRank is one
/// `gemv` (O(n²)) per step. A 2,000-sentence document takes well under a second.
public struct Summarizer: Sendable {
    /// The hyper-parameters.
    public var configuration: SummarizerConfiguration

    /// A summariser with the given configuration (the defaults if omitted).
    public init(configuration: SummarizerConfiguration = SummarizerConfiguration()) {
        self.configuration = configuration
    }

    /// A summariser using `method` with otherwise default settings.
    public init(method: SummaryMethod) {
        self.configuration = SummarizerConfiguration(method: method)
    }

    /// Summarises `text` (plain text; see ``HtmlText`` for pages) to `length`.
    ///
    /// The language (``SentenceSegmenter/language``, detected when `auto`) decides the
    /// segmentation rules and the stop words ignored when sentences are compared.
    public func summarize(_ text: String, length: SummaryLength = .default) -> Summary {
        let language = configuration.segmenter.language.resolve(for: text)
        let sentences = configuration.segmenter.sentences(in: text, language: language)
        var summarizer = self
        if language != .english && configuration.vectorizer.configuration.stopWords == SummaryStopWords.english {
            summarizer.configuration.vectorizer.configuration.stopWords = LanguageProfile.of(language).stopWords
        }
        var summary = summarizer.summarize(sentences: sentences, length: length)
        summary.language = language
        return summary
    }

    /// Summarises already segmented sentences (only ``Sentence/isCandidate`` ones are chosen, or
    /// headings when the text has no body sentence).
    public func summarize(sentences: [Sentence], length: SummaryLength) -> Summary {
        // Body sentences are the candidates; a text with none (only unpunctuated lines, such as
        // a list or a transcript) falls back to its heading-like lines. Furniture and run-ons never count.
        var candidates = sentences.indices.filter { sentences[$0].isCandidate }
        if candidates.isEmpty { candidates = sentences.indices.filter { sentences[$0].kind == .heading } }
        var allScores = [Float](repeating: 0, count: sentences.count)
        let budget = length.sentenceBudget(candidates: candidates.count)
        var requested: Int? = nil
        if case .sentences(let n) = length { requested = n }
        guard !candidates.isEmpty else {
            return Summary(sentences: [], documentSentences: sentences, scores: allScores, requested: requested)
        }
        let ranked = score(candidates.map { sentences[$0] })
        for (k, i) in candidates.enumerated() { allScores[i] = ranked.scores[k] }
        guard budget > 0 else {
            return Summary(sentences: [], documentSentences: sentences, scores: allScores, requested: requested)
        }
        let words = candidates.map { sentences[$0].wordCount }
        var wordBudget = Int.max
        if case .words(let w) = length { wordBudget = w }
        let selection: (chosen: [Int], firstSkipped: Int?)
        if let similarity = ranked.similarity {
            selection = select(scores: ranked.scores, similarity: similarity, words: words,
                               budget: budget, wordBudget: wordBudget)
        } else {
            selection = selectByRank(scores: ranked.scores, keys: ranked.duplicateKeys, words: words,
                                     budget: budget, wordBudget: wordBudget)
        }
        var result = selection.chosen.map { k in
            ScoredSentence(index: candidates[k], text: sentences[candidates[k]].text, score: ranked.scores[k])
        }
        // --truncate: the best sentence that did not fit fills the rest of the word budget (if at least 4 words).
        var truncated = false
        let used = selection.chosen.reduce(0) { $0 + words[$1] }
        if configuration.truncateToWordBudget, let k = selection.firstSkipped, wordBudget - used >= Self.minimumTruncatedWords {
            let text = Self.truncate(sentences[candidates[k]].text, toWords: wordBudget - used)
            result.append(ScoredSentence(index: candidates[k], text: text, score: ranked.scores[k]))
            truncated = true
        }
        result.sort { $0.index < $1.index }
        return Summary(sentences: result, documentSentences: sentences, scores: allScores,
                       requested: requested, truncated: truncated)
    }

    /// A cut sentence keeps at least this many words (fewer would say nothing).
    public static let minimumTruncatedWords = 4

    /// The first `limit` words of `text` (words as ``Sentence/wordCount`` counts them: white-space
    /// separated, holding a letter or digit), without trailing punctuation, then `…`.
    ///
    /// ```swift
    /// Summarizer.truncate("The board, which met on Monday, agreed.", toWords: 2)   // "The board…"
    /// ```
    public static func truncate(_ text: String, toWords limit: Int) -> String {
        guard limit > 0 else { return "" }
        var kept: [Substring] = []
        var counted = 0
        for piece in text.split(whereSeparator: { $0.isWhitespace }) {
            if counted == limit { break }
            kept.append(piece)
            if piece.contains(where: { $0.isLetter || $0.isNumber }) { counted += 1 }
        }
        var out = kept.joined(separator: " ")
        while let last = out.unicodeScalars.last, !(last.properties.isAlphabetic || last.properties.numericType != nil) {
            out.unicodeScalars.removeLast()
        }
        return out + "…"
    }

    /// The scores of candidate sentences (in order) and, for graph methods on documents of at
    /// most ``SummarizerConfiguration/maximumGraphSentences`` candidates, their similarity matrix.
    public func score(_ candidates: [Sentence]) -> (scores: [Float], similarity: Matrix?, duplicateKeys: [Int]) {
        let n = candidates.count
        let config = configuration
        if config.method == .lead {
            return ((0..<n).map { 1 / Float($0 + 1) }, nil, Array(0..<n))
        }
        let vectors = config.vectorizer.vectorize(candidates.map(\.text))
        var personalization = [Float](repeating: 1 / Float(n), count: n)
        if config.method == .positional {
            personalization = (0..<n).map { 1 / Float(pow(Double($0 + 1), Double(config.positionExponent))) }
            let total = personalization.reduce(0, +)
            for i in 0..<n { personalization[i] /= total }
        }
        var scores: [Float]
        var similarity: Matrix? = nil
        var keys = Array(0..<n)
        if n > config.maximumGraphSentences {
            scores = Self.degreeCentrality(vectors.matrix)
            let mean = scores.reduce(0, +) / Float(n)
            let d = config.pageRank.damping
            for i in 0..<n {
                scores[i] = (1 - d) * personalization[i] + d * (mean > 0 ? scores[i] / mean : 1) / Float(n)
            }
            // Exact repeats share a key: the first sentence with the same terms.
            var first: [[Int32]: Int] = [:]
            for i in 0..<n {
                if let earlier = first[vectors.sequences[i]] { keys[i] = earlier } else { first[vectors.sequences[i]] = i }
            }
        } else {
            let s = SentenceSimilarity.matrix(vectors)
            var weights = s
            weights.withUnsafeMutableStorage { w in
                for i in 0..<n {
                    for j in 0..<n {
                        let k = i * n + j
                        if i == j { w[k] = 0 }
                        else if config.method == .lexRank { w[k] = w[k] >= config.lexRankThreshold ? 1 : 0 }
                        else if w[k] < 0 { w[k] = 0 }
                    }
                }
            }
            scores = config.pageRank.scores(weights, personalization: personalization)
            similarity = s
        }
        // Mean score 1, then the optional length factor.
        let meanWords = Float(candidates.reduce(0) { $0 + $1.wordCount }) / Float(max(n, 1))
        for i in 0..<n {
            scores[i] *= Float(n)
            if config.danglingPronounFactor != 1 && Self.opensWithPronoun(candidates[i].text) {
                scores[i] *= config.danglingPronounFactor
            }
            if config.lengthExponent != 0 && meanWords > 0 {
                scores[i] *= Float(pow(Double(Float(candidates[i].wordCount) / meanWords), Double(config.lengthExponent)))
            }
        }
        return (scores, similarity, keys)
    }

    /// Pronouns that point back to an earlier sentence when they open one.
    static let backReferences: Set<String> = [
        "he", "she", "it", "its", "they", "their", "them", "his", "her", "this", "these", "those", "that",
        "such", "there", "here", "both", "also", "however", "but", "and",
    ]

    /// Whether `text` opens (after quotes) with one of ``backReferences``.
    static func opensWithPronoun(_ text: String) -> Bool {
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "'" || scalar == "\u{201C}" || scalar == "\u{2018}" { if word.isEmpty { continue } else { break } }
            guard scalar.properties.isAlphabetic, word.unicodeScalars.count < 10 else { break }
            word.unicodeScalars.append(scalar)
        }
        return backReferences.contains(word.lowercased())
    }

    /// `xᵢ·Σⱼxⱼ − xᵢ·xᵢ` for each row of `x`: the sum of its dot products with every other row. O(non-zeros).
    static func degreeCentrality(_ x: SparseMatrix) -> [Float] {
        var total = [Float](repeating: 0, count: x.columns)
        for k in 0..<x.nonZeroCount { total[Int(x.columnIndices[k])] += x.values[k] }
        return (0..<x.rows).map { i in
            var dot: Float = 0
            for k in x.rowOffsets[i]..<x.rowOffsets[i + 1] {
                let v = x.values[k]
                dot += v * (total[Int(x.columnIndices[k])] - v)
            }
            return max(dot, 0)
        }
    }

    /// Selection by score alone, skipping exact repeats (for documents too large for a graph).
    /// Returns the chosen candidates and the best one left out because it did not fit the word budget.
    func selectByRank(scores: [Float], keys: [Int], words: [Int], budget: Int, wordBudget: Int) -> (chosen: [Int], firstSkipped: Int?) {
        let order = scores.indices.sorted { (scores[$0], $1) > (scores[$1], $0) }
        var seen = Set<Int>()
        var chosen: [Int] = []
        var skipped: Int? = nil
        var usedWords = 0
        for i in order where chosen.count < budget {
            guard !seen.contains(keys[i]) else { continue }
            if usedWords + words[i] > wordBudget {
                if skipped == nil { skipped = i }
                continue
            }
            seen.insert(keys[i])
            chosen.append(i)
            usedWords += words[i]
        }
        return (chosen, skipped)
    }

    /// Maximal-marginal-relevance selection under sentence and word budgets.
    /// Returns the chosen candidates and the best one left out because it did not fit the word budget.
    func select(scores: [Float], similarity: Matrix, words: [Int], budget: Int, wordBudget: Int) -> (chosen: [Int], firstSkipped: Int?) {
        let n = scores.count
        let top = scores.max() ?? 1
        let scale: Float = top > 0 ? 1 / top : 1
        let lambda = configuration.mmrLambda
        let cap = configuration.redundancyThreshold
        var maxSimilarity = [Float](repeating: 0, count: n)
        var available = [Bool](repeating: true, count: n)
        var chosen: [Int] = []
        var skipped: Int? = nil
        var usedWords = 0
        while chosen.count < budget {
            var best = -1
            var bestValue = -Float.infinity
            for i in 0..<n where available[i] {
                let value = lambda * scores[i] * scale - (1 - lambda) * maxSimilarity[i]
                if value > bestValue { bestValue = value; best = i }
            }
            guard best >= 0 else { break }
            available[best] = false
            if usedWords + words[best] > wordBudget {
                if skipped == nil { skipped = best }
                continue
            }
            chosen.append(best)
            usedWords += words[best]
            for i in 0..<n where available[i] {
                let s = similarity[best, i]
                if s > maxSimilarity[i] { maxSimilarity[i] = s }
                if s >= cap { available[i] = false }
            }
        }
        return (chosen, skipped)
    }
}
