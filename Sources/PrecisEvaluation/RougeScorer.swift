/// ROUGE-1, ROUGE-2 and ROUGE-L with the conventions of Google's
/// `rouge-score` 0.1.2 (`RougeScorer(["rouge1","rouge2","rougeL"], use_stemmer=True)`):
/// tokens from ``RougeTokenizer``; ROUGE-N with clipped n-gram counts
/// (precision over candidate n-grams, recall over reference n-grams, each
/// denominator at least 1); ROUGE-L as the LCS of the two whole token
/// sequences (0 when either is empty).
///
/// ```swift
/// let scorer = RougeScorer()
/// let s = scorer.score(reference: "The cat sat on the mat.", candidate: "The cat was on the mat.")
/// s.rouge1.f1     // 0.8333...
/// ```
///
/// Complexity: O(r + c) for ROUGE-N and O(r × c) time, O(c) memory for ROUGE-L.
public struct RougeScorer: Sendable {
    /// The tokenizer (stemming on by default).
    public var tokenizer: RougeTokenizer

    /// A scorer with `rouge-score`'s tokenisation, stemming by default.
    public init(stemming: Bool = true) {
        tokenizer = RougeTokenizer(stemming: stemming)
    }

    /// ROUGE-1/2/L of `candidate` against `reference`.
    public func score(reference: String, candidate: String) -> RougeScores {
        // Map tokens to small integers shared by both texts.
        var ids: [[UInt8]: Int32] = [:]
        func encode(_ text: String) -> [Int32] {
            var out: [Int32] = []
            tokenizer.forEachToken(in: text) { token in
                if let id = ids[token] { out.append(id) } else {
                    let id = Int32(ids.count)
                    ids[token] = id
                    out.append(id)
                }
            }
            return out
        }
        let ref = encode(reference)
        let cand = encode(candidate)
        return Self.score(reference: ref, candidate: cand)
    }

    /// ROUGE-1/2/L of token-id sequences.
    public static func score(reference ref: [Int32], candidate cand: [Int32]) -> RougeScores {
        RougeScores(rouge1: ngramScore(ref, cand, n: 1), rouge2: ngramScore(ref, cand, n: 2),
                    rougeL: lcsScore(ref, cand))
    }

    /// ROUGE-N with clipped counts.
    public static func ngramScore(_ ref: [Int32], _ cand: [Int32], n: Int) -> RougeScore {
        var overlap = 0
        if n <= 2 {
            // Two ids below 2³¹ pack into one Int64 without collisions.
            func grams(_ t: [Int32]) -> [Int64: Int] {
                var counts: [Int64: Int] = [:]
                guard t.count >= n else { return counts }
                for i in 0...(t.count - n) {
                    var key: Int64 = 0
                    for k in 0..<n { key = key << 32 | Int64(t[i + k]) }
                    counts[key, default: 0] += 1
                }
                return counts
            }
            let r = grams(ref), c = grams(cand)
            for (gram, count) in r { overlap += min(count, c[gram] ?? 0) }
        } else {
            func grams(_ t: [Int32]) -> [ArraySlice<Int32>: Int] {
                var counts: [ArraySlice<Int32>: Int] = [:]
                guard t.count >= n else { return counts }
                for i in 0...(t.count - n) { counts[t[i..<(i + n)], default: 0] += 1 }
                return counts
            }
            let r = grams(ref), c = grams(cand)
            for (gram, count) in r { overlap += min(count, c[gram] ?? 0) }
        }
        let refTotal = max(ref.count - n + 1, 0), candTotal = max(cand.count - n + 1, 0)
        return RougeScore(precision: Double(overlap) / Double(max(candTotal, 1)),
                          recall: Double(overlap) / Double(max(refTotal, 1)))
    }

    /// ROUGE-L: LCS length over candidate length (precision) and reference length (recall).
    public static func lcsScore(_ ref: [Int32], _ cand: [Int32]) -> RougeScore {
        guard !ref.isEmpty, !cand.isEmpty else { return .zero }
        let lcs = lcsLength(ref, cand)
        return RougeScore(precision: Double(lcs) / Double(cand.count), recall: Double(lcs) / Double(ref.count))
    }

    /// Length of the longest common subsequence, with one row of memory.
    public static func lcsLength(_ a: [Int32], _ b: [Int32]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var row = [Int32](repeating: 0, count: b.count + 1)
        return row.withUnsafeMutableBufferPointer { row in
            b.withUnsafeBufferPointer { bb in
                for x in a {
                    var diagonal: Int32 = 0      // row[j-1] of the previous row
                    for j in 1...bb.count {
                        let up = row[j]
                        row[j] = x == bb[j - 1] ? diagonal + 1 : max(up, row[j - 1])
                        diagonal = up
                    }
                }
                return Int(row[bb.count])
            }
        }
    }
}
