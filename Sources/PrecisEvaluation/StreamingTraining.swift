import PrecisClassification
import PrecisDatasets

extension StreamingTrainer {
    /// Trains out of core on a labelled TSV or JSONL stream (a file, a pipe or
    /// standard input), read once in blocks; returns the classifier and what the
    /// stream read (with the count of skipped bad lines).
    ///
    /// ```swift
    /// let rows = try LabeledRowStream(path: "big.tsv")
    /// let (classifier, read) = try StreamingTrainer(featureCount: 1 << 20).fit(rows)
    /// read.records      // documents trained on
    /// ```
    ///
    /// - Throws: ``PrecisDatasets/DatasetError`` naming the file and line of a bad
    ///   row, or the errors of ``fit(progress:read:)``.
    public func fit(_ rows: LabeledRowStream, progress: ((Stage) -> Void)? = nil) throws -> (classifier: TextClassifier, read: StreamSummary) {
        var summary = StreamSummary()
        let classifier = try fit(progress: progress) { add in
            summary = try rows.forEachBlock { documents in
                try add(documents.map(\.label), documents.map(\.text))
            }
        }
        return (classifier, summary)
    }
}
