extension SummaryRecordReader {
    /// Streams the records of the JSONL file at `path` (`-`: standard input):
    /// each record is parsed and transformed on all cores, and the results go to
    /// `emit` block by block, in file order, in bounded memory.
    ///
    /// ```swift
    /// let summary = try SummaryRecordReader.streamRecords(path: "articles.jsonl",
    ///     transform: { $0.article.count }, emit: { counts in print(counts) })
    /// summary.records
    /// ```
    ///
    /// - Throws: ``DatasetError`` naming the file and line of the first bad record
    ///   (after every earlier result was emitted; see ``StreamOptions/skipBadLines``),
    ///   `no records` for a file without any (an empty standard input is no error: it is
    ///   an empty partition of a batch job), or what `transform` or `emit` threw.
    @discardableResult
    public static func streamRecords<T>(path: String, fields: SummaryRecordFields = SummaryRecordFields(),
                                        options: StreamOptions = StreamOptions(),
                                        transform: (SummaryRecord) throws -> T,
                                        emit: ([T]) throws -> Void) throws -> StreamSummary {
        let name = path == "-" ? "<stdin>" : path
        let summary = try LineRecordStream.run(path: path, options: options, parse: { line, number in
            try parseLine(line, line: number, path: name, fields: fields)
        }, process: { records in
            try LineRecordStream.inParallel(records, transform)
        }, emit: emit)
        if summary.records == 0 && summary.badLines == 0 && path != "-" {
            throw DatasetError(path: name, "no records (the file is empty)")
        }
        return summary
    }
}
