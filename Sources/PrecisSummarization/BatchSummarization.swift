import PrecisCore
import PrecisDatasets
import PrecisLinearAlgebra
import PrecisText

extension Summarizer {
    /// The summaries of `documents`, in input order, computed on all cores.
    ///
    /// HTML documents are reduced to their paragraphs first (``PrecisText/HtmlText``),
    /// as a single `summarize(_:length:)` of a page would need. The result does
    /// not depend on the number of cores.
    ///
    /// ```swift
    /// let summaries = Summarizer().summarize(articles, length: .sentences(3))
    /// summaries[0].text
    /// ```
    public func summarize(_ documents: [String], length: SummaryLength = .default) -> [Summary] {
        Self.orderedMap(documents.count) { summarize(HtmlText.plainTextIfHTML(documents[$0]), length: length) }
    }

    /// Summarises every record of the JSONL file at `path` (`-`: standard input) on
    /// all cores and transforms each summary (say, into an output line), returning
    /// the results in file order. Records are read and parsed inside the workers,
    /// never all held at once.
    ///
    /// ```swift
    /// let lines = try Summarizer().summarizeRecords(at: "articles.jsonl", length: .sentences(2)) { record, summary in
    ///     "\(record.id)\t\(summary.text)"
    /// }
    /// ```
    ///
    /// - Throws: ``PrecisDatasets/DatasetError`` naming the file and the line of
    ///   the first bad record, or the first error `transform` threw (file order).
    public func summarizeRecords<T>(at path: String, length: SummaryLength = .default,
                                    fields: SummaryRecordFields = SummaryRecordFields(),
                                    _ transform: (SummaryRecord, Summary) throws -> T) throws -> [T] {
        BLASThreads.useOneThreadPerCaller()
        return try SummaryRecordReader.mapRecords(path: path, fields: fields) { record in
            try transform(record, summarize(HtmlText.plainTextIfHTML(record.article), length: length))
        }
    }

    /// Runs `transform` on every item on all cores, a chunk of items per task,
    /// and returns the results in input order: the building block of batch
    /// summarising and evaluation, where each item needs its own length or output.
    ///
    /// A threaded BLAS is kept to one thread per worker while it runs
    /// (``PrecisLinearAlgebra/BLASThreads``): per-document matrices are small.
    ///
    /// - Throws: the error of the first item (in input order) whose transform threw;
    ///   every item is still processed.
    ///
    /// ```swift
    /// let summarizer = Summarizer()
    /// let lines = try Summarizer.inParallel(records) { record in
    ///     "\(record.id)\t" + summarizer.summarize(record.article, length: .sentences(2)).text
    /// }
    /// ```
    public static func inParallel<Item, Output>(_ items: [Item], chunk: Int = 16,
                                                _ transform: (Item) throws -> Output) throws -> [Output] {
        let results = orderedMap(items.count, chunk: chunk) { i in Result { try transform(items[i]) } }
        return try results.map { try $0.get() }
    }

    /// `body(i)` for every `i` in `0..<count`, in parallel, in index order, with
    /// a threaded BLAS kept to one thread per worker.
    static func orderedMap<T>(_ count: Int, chunk: Int = 16, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        BLASThreads.useOneThreadPerCaller()
        return Parallelism.map(count, chunk: chunk, body)
    }
}
