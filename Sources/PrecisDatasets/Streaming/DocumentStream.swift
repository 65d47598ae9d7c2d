import Foundation

extension DocumentSource {
    /// Whether `path` is read row by row (a TSV, JSONL or lines layout, not a
    /// directory), so ``streamRows(of:options:process:emit:)`` can read it in bounded memory.
    ///
    /// ```swift
    /// DocumentSource(paths: ["big.jsonl"]).isRowStream("big.jsonl")   // true
    /// ```
    public func isRowStream(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return false
        }
        switch layout.resolved(for: path) {
        case .tsv, .jsonl, .lines: return true
        case .auto, .text, .csv: return false
        }
    }

    /// Streams the rows of `path` (`-`: standard input): blocks of documents, each
    /// the same as ``documents()`` gives for its line, through `process`, whose
    /// outputs go to `emit` in input order (see ``LineRecordStream``).
    ///
    /// ```swift
    /// try DocumentSource(paths: ["big.tsv"]).streamRows(of: "big.tsv",
    ///     process: { docs in docs.map(\.text.count) }, emit: { print($0) })
    /// ```
    ///
    /// - Throws: ``DatasetError`` naming the file and line of the first bad row
    ///   (invalid UTF-8, a bad JSONL object), after everything before it was emitted.
    @discardableResult
    public func streamRows<Output>(of path: String, options: StreamOptions = StreamOptions(),
                                   process: ([SourcedDocument]) throws -> [Output],
                                   emit: ([Output]) throws -> Void) throws -> StreamSummary {
        let layout = self.layout.resolved(for: path)
        return try LineRecordStream.run(path: path, options: options, parse: { line, number in
            guard String(validating: line, as: UTF8.self) != nil else {
                throw DatasetError(path: path, line: number, "invalid UTF-8 (convert the file to UTF-8, e.g. with iconv)")
            }
            return try row(line, source: path, line: number, layout: layout)
        }, process: process, emit: emit)
    }
}
