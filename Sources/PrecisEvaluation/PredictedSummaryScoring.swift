import Foundation
import PrecisDatasets

extension SummaryEvaluation {
    /// ROUGE of summaries made elsewhere against the references, joined on `id`.
    ///
    /// Every reference needs a prediction; a prediction whose id is not among
    /// `allReferenceIDs` (all ids of the reference file, e.g. before a split filter)
    /// is an error, one for a filtered-out reference is ignored.
    ///
    /// ```swift
    /// let refs = try SummaryRecordReader.read(path: "ref.jsonl")
    /// let (result, documents) = try SummaryEvaluation.score(references: refs,
    ///     predictions: try PredictedSummary.read(path: "pred.jsonl"))
    /// ```
    ///
    /// `progress` is told every few hundred documents how many are scored of all.
    ///
    /// - Throws: ``PrecisDatasets/DatasetError`` naming the file (and line) of a
    ///   missing prediction, an unknown id or a reference without a summary.
    public static func score(references: [SummaryRecord], predictions: [PredictedSummary],
                             allReferenceIDs: Set<String>? = nil, scorer: RougeScorer = RougeScorer(),
                             referencePath: String = "-", predictionPath: String = "-", progress: WorkProgress? = nil) throws
        -> (result: SummaryEvaluation, documents: [SummaryDocumentScore]) {
        let start = Date()
        let known = allReferenceIDs ?? Set(references.map(\.id))
        var byID: [String: PredictedSummary] = [:]
        for p in predictions {
            guard known.contains(p.id) else {
                throw DatasetError(path: predictionPath, line: p.line, "id \"\(p.id)\" is not in \(referencePath)")
            }
            byID[p.id] = p
        }
        var documents: [SummaryDocumentScore] = []
        documents.reserveCapacity(references.count)
        var total = RougeSummary()
        for (k, record) in references.enumerated() {
            if k > 0 && k % WorkBlocks.summaries == 0 { progress?(k, references.count) }
            guard let reference = record.summary else {
                throw DatasetError(path: referencePath, line: record.line, "record has no \"summary\" to compare with")
            }
            guard let prediction = byID[record.id] else {
                throw DatasetError(path: predictionPath, "no prediction for id \"\(record.id)\" (\(referencePath) line \(record.line))")
            }
            let scores = scorer.score(reference: reference, candidate: prediction.text)
            total.add(scores)
            documents.append(SummaryDocumentScore(id: record.id, scores: scores, candidate: prediction.text, reference: reference))
        }
        progress?(references.count, references.count)
        let result = SummaryEvaluation(n: references.count, mean: total.mean, seconds: Date().timeIntervalSince(start),
                                       method: nil, length: "as predicted")
        return (result, documents)
    }
}
