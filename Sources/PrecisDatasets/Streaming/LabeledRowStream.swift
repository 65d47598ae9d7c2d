import Foundation

/// A labelled TSV or JSONL file read as a stream of blocks of documents, in
/// bounded memory: the input of out-of-core training. Each line is parsed by
/// the same reader as the whole-file path (``TSVReader``, ``JSONLReader``), so
/// the documents, limits and messages are the same; errors name the line.
///
/// `-` is standard input; pipes and FIFOs are read as streams. Their format
/// cannot be sniffed without consuming them, so it comes from the extension or `format`.
///
/// ```swift
/// let rows = try LabeledRowStream(path: "big.tsv")
/// let summary = try rows.forEachBlock { documents in print(documents.count) }
/// ```
public struct LabeledRowStream: Sendable {
    /// The path as given (`-`: standard input).
    public let path: String
    /// ``DataFormat/tsv`` or ``DataFormat/jsonl``.
    public let format: DataFormat
    /// JSONL keys of the label and the text.
    public let labelKey: String
    public let textKey: String
    /// Block size, line limit, bad-line policy.
    public var options: StreamOptions

    /// A stream over `path`.
    ///
    /// - Throws: ``DatasetError`` for a format that is not line-based (CSV records
    ///   may span lines; a directory is many files), or an unknown format on a stream.
    public init(path: String, format: DataFormat = .auto, labelColumn: String? = nil, textColumn: String? = nil,
                options: StreamOptions = StreamOptions()) throws {
        self.path = path
        self.labelKey = labelColumn ?? "label"
        self.textKey = textColumn ?? "text"
        self.options = options
        let name = path == "-" ? "<stdin>" : path
        var resolved = format
        if format == .auto {
            var status = stat()
            let extensionFormat: DataFormat? = switch (path as NSString).pathExtension.lowercased() {
            case "tsv", "tab", "txt": .tsv
            case "jsonl", "ndjson", "json": .jsonl
            case "csv": .csv
            default: nil
            }
            if let extensionFormat {
                resolved = extensionFormat
            } else if path == "-" || (stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO) {
                throw DatasetError(path: name, "cannot tell the format of a stream without reading it (use --format tsv|jsonl)")
            } else {
                resolved = try format.resolved(for: path)
            }
        }
        switch resolved {
        case .tsv, .jsonl: self.format = resolved
        case .csv: throw DatasetError(path: name, "CSV is not streamed (a record may span lines); convert it to TSV or JSONL")
        case .directory: throw DatasetError(path: name, "a directory is not streamed; give a TSV or JSONL file")
        case .auto: throw DatasetError(path: name, "cannot tell the format (use --format tsv|jsonl)")
        }
    }

    /// The document on one line (its 1-based `number` named in errors).
    ///
    /// - Throws: ``DatasetError`` naming the file and line.
    public func parse(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws -> LabeledDocument? {
        let name = path == "-" ? "<stdin>" : path
        let documents: [LabeledDocument]
        do {
            switch format {
            case .jsonl:
                documents = try JSONLReader.parse(Data(line), path: name, labelKey: labelKey, textKey: textKey)
            default:
                documents = try TSVReader.parse(Data(line), path: name)
            }
        } catch var error as DatasetError {
            error.line = number
            throw error
        }
        return documents.first
    }

    /// Streams the file: `body` gets each block's documents, in file order.
    ///
    /// - Throws: the first bad line's ``DatasetError`` (after every block before it
    ///   was handed on), unless ``StreamOptions/skipBadLines``; or what `body` threw.
    @discardableResult
    public func forEachBlock(_ body: ([LabeledDocument]) throws -> Void) throws -> StreamSummary {
        try LineRecordStream.run(path: path, options: options, parse: { line, number in try parse(line, number: number) },
                                 process: { documents in try body(documents); return [Void]() }, emit: { _ in })
    }
}
