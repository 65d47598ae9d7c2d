/// Coding keys of a JSON output that holds the three ROUGE measures: the one
/// place that writes (and reads back) ``RougeScores`` the way the SPEC's outputs
/// show them, as percentages under `rouge1`, `rouge2` and `rougeL`.
protocol RougeCodingKey: CodingKey {
    static var rouge1: Self { get }
    static var rouge2: Self { get }
    static var rougeL: Self { get }
}

extension RougeScore {
    /// The three values ×100, as the JSON outputs show them.
    var percent: RougeScore {
        RougeScore(precision: precision * 100, recall: recall * 100, f1: f1 * 100)
    }

    /// The score whose ``percent`` is `percent` (fractions again).
    init(percent: RougeScore) {
        self.init(precision: percent.precision / 100, recall: percent.recall / 100, f1: percent.f1 / 100)
    }
}

extension KeyedEncodingContainer where Key: RougeCodingKey {
    /// Writes `scores` as percentages under `rouge1`, `rouge2` and `rougeL`.
    mutating func encodePercent(_ scores: RougeScores) throws {
        try encode(scores.rouge1.percent, forKey: .rouge1)
        try encode(scores.rouge2.percent, forKey: .rouge2)
        try encode(scores.rougeL.percent, forKey: .rougeL)
    }
}

extension KeyedDecodingContainer where Key: RougeCodingKey {
    /// Reads what ``KeyedEncodingContainer/encodePercent(_:)`` wrote (fractions again).
    func decodePercent() throws -> RougeScores {
        RougeScores(rouge1: RougeScore(percent: try decode(RougeScore.self, forKey: .rouge1)),
                    rouge2: RougeScore(percent: try decode(RougeScore.self, forKey: .rouge2)),
                    rougeL: RougeScore(percent: try decode(RougeScore.self, forKey: .rougeL)))
    }
}
