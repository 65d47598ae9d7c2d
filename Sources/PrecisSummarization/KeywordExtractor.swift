import Foundation
import PrecisText

/// A keyphrase of a document with its TextRank score.
///
/// ```swift
/// let k = KeywordExtractor().keyphrases(in: article, top: 5)
/// print(k[0].text, k[0].score)
/// ```
public struct Keyphrase: Equatable, Sendable, Codable {
    /// The phrase, lowercase.
    public var text: String
    /// The sum of its words' TextRank scores (each word's mean score is 1).
    public var score: Float
    /// How often the phrase occurs in the document.
    public var count: Int
}

/// The hyper-parameters of a ``KeywordExtractor``.
///
/// ```swift
/// var config = KeywordConfiguration()
/// config.window = 2
/// ```
public struct KeywordConfiguration: Sendable {
    /// Two candidate words are linked when they occur within this many candidate positions of each other in a sentence.
    public var window: Int = 3
    /// PageRank damping.
    public var damping: Float = 0.85
    /// PageRank convergence threshold (L1).
    public var tolerance: Float = 1e-6
    /// The longest phrase, in words.
    public var maximumPhraseWords: Int = 3
    /// Words shorter than this (in characters) are never keywords.
    public var minimumWordLength: Int = 3
    /// Words that are never keywords (for English; other languages use their Snowball
    /// stop words, see ``LanguageProfile``, unless this is changed from the default).
    public var stopWords: Set<String> = SummaryStopWords.english
    /// Sentence segmentation (furniture is ignored); its language (detected when `auto`)
    /// chooses the stop words and whether words are Porter-stemmed (English only).
    public var segmenter: SentenceSegmenter = SentenceSegmenter()

    /// The defaults.
    public init() {}
}

/// TextRank keyphrase extraction (Mihalcea & Tarau 2004): candidate words
/// (not stop words, not starting with a digit) form a co-occurrence graph within a small
/// window; PageRank ranks the words; the top third are keywords, and adjacent keywords in the text are
/// joined into phrases scored by the sum of their words' ranks; a phrase whose
/// words all belong to a better phrase is dropped.
///
/// A phrase never crosses punctuation ("Alison Grant, head of ..." gives no "grant head") and,
/// since stop words are never keywords, never starts or ends with a stop word of the text's
/// language. English words are merged by Porter stem ("rate", "rates"), and a phrase is shown in
/// its most frequent surface form. In German, whose nouns are capitalised, only words mostly
/// written capitalised are keywords.
///
/// ```swift
/// let phrases = KeywordExtractor().keyphrases(in: "Interest rates rose. The central bank raised interest rates again.", top: 3)
/// phrases.map(\.text)   // ["interest rates", "central bank", ...]
/// ```
public struct KeywordExtractor: Sendable {
    /// The hyper-parameters.
    public var configuration: KeywordConfiguration

    /// An extractor with the given configuration.
    public init(configuration: KeywordConfiguration = KeywordConfiguration()) {
        self.configuration = configuration
    }

    /// The `top` best keyphrases of `text`, best first.
    public func keyphrases(in text: String, top: Int = 10) -> [Keyphrase] {
        guard top > 0 else { return [] }
        let config = configuration
        let language = config.segmenter.language.resolve(for: text)
        let stopWords = language == .english || config.stopWords != SummaryStopWords.english
            ? config.stopWords : LanguageProfile.of(language).stopWords
        let stemming = language == .english
        // German capitalises every noun: there, keywords are the words mostly written capitalised.
        let nouns = language == .german ? Self.mostlyCapitalised(text) : nil
        let stemmer = PorterStemmer()
        var ids: [String: Int32] = [:]          // stem → vertex
        var stemOf: [String: String] = [:]      // surface → stem (cache)
        // Each sentence as runs of candidate vertices; -1 marks a break (stop word, number or punctuation).
        var sentences: [[Int32]] = []
        var surfaces: [[String]] = []
        for sentence in config.segmenter.sentences(in: text, language: language) where sentence.kind != .furniture {
            var sequence: [Int32] = []
            var words: [String] = []
            for token in Self.tokensWithBreaks(sentence.text) {
                let isNumber = token.utf8.first.map { $0 &- 0x30 < 10 } ?? true
                if token.isEmpty || isNumber || token.count < config.minimumWordLength || stopWords.contains(token)
                    || (nouns.map { !$0.contains(token) } ?? false) {
                    if sequence.last != -1 { sequence.append(-1); words.append("") }
                    continue
                }
                let stem: String
                if let cached = stemOf[token] { stem = cached } else {
                    stem = stemming && token.utf8.allSatisfy({ $0 < 0x80 }) ? stemmer.stem(token) : token
                    stemOf[token] = stem
                }
                let id: Int32
                if let existing = ids[stem] { id = existing } else { id = Int32(ids.count); ids[stem] = id }
                sequence.append(id)
                words.append(token)
            }
            sentences.append(sequence)
            surfaces.append(words)
        }
        let n = ids.count
        guard n > 0 else { return [] }
        // Co-occurrence edges within the window over candidate words of a sentence.
        var neighbours = [[Int32: Float]](repeating: [:], count: n)
        for sequence in sentences {
            let words = sequence.filter { $0 >= 0 }
            for (p, a) in words.enumerated() {
                var q = p + 1
                while q < words.count && q - p < config.window {
                    let b = words[q]
                    if a != b {
                        neighbours[Int(a)][b, default: 0] += 1
                        neighbours[Int(b)][a, default: 0] += 1
                    }
                    q += 1
                }
            }
        }
        let rank = Self.pageRank(neighbours, damping: config.damping, tolerance: config.tolerance)
        // Keywords: the top third of the words (at least 5), as in Mihalcea & Tarau.
        let keep = min(n, max(5, n / 3))
        let order = (0..<n).sorted { (rank[$0], $1) > (rank[$1], $0) }
        var isKeyword = [Bool](repeating: false, count: n)
        for v in order.prefix(keep) { isKeyword[v] = true }
        // Phrases: maximal runs of adjacent, distinct keywords, of at most maximumPhraseWords.
        struct PhraseStats { var count = 0; var surfaces: [String: Int] = [:]; var vertices: [Int32] = [] }
        var phrases: [[Int32]: PhraseStats] = [:]
        for (sequence, words) in zip(sentences, surfaces) {
            var k = 0
            while k < sequence.count {
                guard sequence[k] >= 0, isKeyword[Int(sequence[k])] else { k += 1; continue }
                var e = k
                while e < sequence.count && sequence[e] >= 0 && isKeyword[Int(sequence[e])]
                        && e - k < config.maximumPhraseWords && !sequence[k..<e].contains(sequence[e]) { e += 1 }
                let key = Array(sequence[k..<e])
                let surface = words[k..<e].joined(separator: " ")
                phrases[key, default: PhraseStats(vertices: key)].count += 1
                phrases[key]!.surfaces[surface, default: 0] += 1
                k = e
            }
        }
        var scored: [(key: [Int32], phrase: Keyphrase)] = phrases.map { key, stats in
            let score = key.reduce(Float(0)) { $0 + rank[Int($1)] * Float(n) }
            let surface = stats.surfaces.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            return (key, Keyphrase(text: surface, score: score, count: stats.count))
        }
        scored.sort { ($0.phrase.score, $1.phrase.text) > ($1.phrase.score, $0.phrase.text) }
        var covered = Set<Int32>()
        var result: [Keyphrase] = []
        for (key, phrase) in scored where result.count < top {
            if key.allSatisfy({ covered.contains($0) }) { continue }
            covered.formUnion(key)
            result.append(phrase)
        }
        return result
    }

    /// The lowercase word tokens of `text` (runs of letters, digits and `_`, as the vectoriser
    /// reads them), with an empty string wherever punctuation separates two words (anything but
    /// white space, an apostrophe or a hyphen between letters).
    ///
    /// ```swift
    /// KeywordExtractor.tokensWithBreaks("Alison Grant, head of fish-farming")
    /// // ["alison", "grant", "", "head", "of", "fish", "farming"]
    /// ```
    public static func tokensWithBreaks(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        var pendingBreak = false
        func flush() {
            guard !word.isEmpty else { return }
            if word.unicodeScalars.count >= 2 {
                if pendingBreak && !tokens.isEmpty && tokens.last != "" { tokens.append("") }
                tokens.append(word)
                pendingBreak = false
            }
            word = ""
        }
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil || scalar == "_" {
                if p.isUppercase { word.unicodeScalars.append(contentsOf: p.lowercaseMapping.unicodeScalars) } else { word.unicodeScalars.append(scalar) }
                continue
            }
            let insideWord = !word.isEmpty && (scalar == "'" || scalar == "\u{2019}" || scalar == "-" || scalar == "\u{2010}")
            flush()
            if p.isWhitespace || insideWord { continue }
            pendingBreak = true
        }
        flush()
        return tokens
    }

    /// The lowercased words of `text` written capitalised in most of their occurrences that do not
    /// open a sentence (German nouns and names; verbs and adjectives are lowercase there).
    ///
    /// ```swift
    /// KeywordExtractor.mostlyCapitalised("Die Stadt feiert. Die Stadt lacht.")   // ["stadt", "die"]
    /// ```
    public static func mostlyCapitalised(_ text: String) -> Set<String> {
        var counts: [String: (capitalised: Int, total: Int)] = [:]
        var word = ""
        var first: Unicode.Scalar? = nil
        var sentenceStart = true
        func flush() {
            guard let f = first else { return }
            let key = word.lowercased()
            var c = counts[key] ?? (0, 0)
            if !sentenceStart || c.total == 0 {
                c.total += 1
                if f.properties.isUppercase { c.capitalised += 1 }
            }
            counts[key] = c
            word = ""
            first = nil
            sentenceStart = false
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic {
                if first == nil { first = scalar }
                word.unicodeScalars.append(scalar)
                continue
            }
            flush()
            if scalar == "." || scalar == "!" || scalar == "?" || scalar == "\n" || scalar == ":" { sentenceStart = true }
        }
        flush()
        return Set(counts.compactMap { $0.value.capitalised * 2 > $0.value.total ? $0.key : nil })
    }

    /// Weighted PageRank on a sparse undirected graph (sums to 1).
    static func pageRank(_ neighbours: [[Int32: Float]], damping d: Float, tolerance: Float) -> [Float] {
        let n = neighbours.count
        let edges = neighbours.map { $0.sorted { $0.key < $1.key } }
        let strength = neighbours.map { $0.values.reduce(0, +) }
        var p = [Float](repeating: 1 / Float(n), count: n)
        var next = [Float](repeating: 0, count: n)
        for _ in 0..<200 {
            var dangling: Float = 0
            for i in 0..<n where strength[i] == 0 { dangling += p[i] }
            for i in 0..<n {
                var sum: Float = 0
                for (j, w) in edges[i] { sum += w * p[Int(j)] / strength[Int(j)] }
                next[i] = (1 - d) / Float(n) + d * (sum + dangling / Float(n))
            }
            var change: Float = 0
            for i in 0..<n { change += abs(next[i] - p[i]) }
            swap(&p, &next)
            if change < tolerance { break }
        }
        return p
    }
}
