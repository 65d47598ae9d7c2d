import Foundation
import PrecisLinearAlgebra
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
    public func summarize(_ text: String, length: SummaryLength = .default) -> Summary {
        let sentences = configuration.segmenter.sentences(in: text)
        return summarize(sentences: sentences, length: length)
    }

    /// Summarises already segmented sentences (only ``Sentence/isCandidate`` ones are chosen).
    public func summarize(sentences: [Sentence], length: SummaryLength) -> Summary {
        let candidates = sentences.indices.filter { sentences[$0].isCandidate }
        var allScores = [Float](repeating: 0, count: sentences.count)
        let budget = length.sentenceBudget(candidates: candidates.count)
        guard !candidates.isEmpty else {
            return Summary(sentences: [], documentSentences: sentences, scores: allScores)
        }
        let ranked = score(candidates.map { sentences[$0] })
        for (k, i) in candidates.enumerated() { allScores[i] = ranked.scores[k] }
        guard budget > 0 else {
            return Summary(sentences: [], documentSentences: sentences, scores: allScores)
        }
        let words = candidates.map { sentences[$0].wordCount }
        var wordBudget = Int.max
        if case .words(let w) = length { wordBudget = w }
        let chosen = select(scores: ranked.scores, similarity: ranked.similarity, words: words,
                            budget: budget, wordBudget: wordBudget)
        let result = chosen.sorted().map { k in
            ScoredSentence(index: candidates[k], text: sentences[candidates[k]].text, score: ranked.scores[k])
        }
        return Summary(sentences: result, documentSentences: sentences, scores: allScores)
    }

    /// The scores of candidate sentences (in order) and, for graph methods, their similarity matrix.
    public func score(_ candidates: [Sentence]) -> (scores: [Float], similarity: Matrix?) {
        let n = candidates.count
        let config = configuration
        if config.method == .lead {
            return ((0..<n).map { 1 / Float($0 + 1) }, nil)
        }
        let vectors = config.vectorizer.vectorize(candidates.map(\.text))
        let similarity = SentenceSimilarity.matrix(vectors)
        var weights = similarity
        weights.storage.withUnsafeMutableBufferPointer { w in
            for i in 0..<n {
                for j in 0..<n {
                    let k = i * n + j
                    if i == j { w[k] = 0 }
                    else if config.method == .lexRank { w[k] = w[k] >= config.lexRankThreshold ? 1 : 0 }
                    else if w[k] < 0 { w[k] = 0 }
                }
            }
        }
        var personalization: [Float]? = nil
        if config.method == .positional {
            personalization = (0..<n).map { 1 / Float(pow(Double($0 + 1), Double(config.positionExponent))) }
        }
        let pageRank = PageRank(damping: config.damping, tolerance: config.tolerance,
                                maximumIterations: config.maximumIterations)
        var scores = pageRank.scores(weights, personalization: personalization)
        // Mean score 1, then the optional length factor.
        let meanWords = Float(candidates.reduce(0) { $0 + $1.wordCount }) / Float(max(n, 1))
        for i in 0..<n {
            scores[i] *= Float(n)
            if config.lengthExponent != 0 && meanWords > 0 {
                scores[i] *= Float(pow(Double(Float(candidates[i].wordCount) / meanWords), Double(config.lengthExponent)))
            }
        }
        return (scores, similarity)
    }

    /// Maximal-marginal-relevance selection under sentence and word budgets.
    func select(scores: [Float], similarity: Matrix?, words: [Int], budget: Int, wordBudget: Int) -> [Int] {
        let n = scores.count
        let top = scores.max() ?? 1
        let scale: Float = top > 0 ? 1 / top : 1
        let lambda = configuration.mmrLambda
        let cap = configuration.redundancyThreshold
        var maxSimilarity = [Float](repeating: 0, count: n)
        var available = [Bool](repeating: true, count: n)
        var chosen: [Int] = []
        var usedWords = 0
        while chosen.count < budget {
            var best = -1
            var bestValue = -Float.infinity
            for i in 0..<n where available[i] {
                let value = similarity == nil
                    ? scores[i]
                    : lambda * scores[i] * scale - (1 - lambda) * maxSimilarity[i]
                if value > bestValue { bestValue = value; best = i }
            }
            guard best >= 0 else { break }
            available[best] = false
            if usedWords + words[best] > wordBudget && !chosen.isEmpty { continue }
            chosen.append(best)
            usedWords += words[best]
            if let similarity {
                for i in 0..<n where available[i] {
                    let s = similarity[best, i]
                    if s > maxSimilarity[i] { maxSimilarity[i] = s }
                    if s >= cap { available[i] = false }
                }
            }
        }
        return chosen
    }
}
