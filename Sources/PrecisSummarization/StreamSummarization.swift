import PrecisDatasets
import PrecisLinearAlgebra
import PrecisText

extension Summarizer {
    /// Summarises every record of the JSONL file at `path` (`-`: standard input)
    /// as a stream: blocks of records are summarised on all cores and each
    /// block's transformed summaries go to `emit` in file order, so memory stays
    /// bounded however long the input (see ``PrecisDatasets/LineRecordStream``).
    ///
    /// ```swift
    /// try Summarizer().streamRecords(at: "-", length: .sentences(2), transform: { record, summary in
    ///     "\(record.id)\t\(summary.text)\n"
    /// }, emit: { lines in print(lines.joined(), terminator: "") })
    /// ```
    ///
    /// - Throws: ``PrecisDatasets/DatasetError`` naming the file and line of the first
    ///   bad record (after everything before it was emitted), unless
    ///   ``PrecisDatasets/StreamOptions/skipBadLines`` counts it instead.
    @discardableResult
    public func streamRecords<T>(at path: String, length: SummaryLength = .default,
                                 fields: SummaryRecordFields = SummaryRecordFields(),
                                 options: StreamOptions = StreamOptions(),
                                 transform: (SummaryRecord, Summary) throws -> T,
                                 emit: ([T]) throws -> Void) throws -> StreamSummary {
        BLASThreads.useOneThreadPerCaller()
        return try SummaryRecordReader.streamRecords(path: path, fields: fields, options: options, transform: { record in
            try transform(record, summarize(HtmlText.plainTextIfHTML(record.article), length: length))
        }, emit: emit)
    }
}
