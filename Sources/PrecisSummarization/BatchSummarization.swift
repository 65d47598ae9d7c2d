import PrecisCore
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
