import Foundation

/// A labelled TSV or JSONL file read as a stream of blocks of documents, in
/// bounded memory: the input of out-of-core training. Each line is parsed by
/// the same reader as the whole-file path (``TSVReader``, ``JSONLReader``), so
/// the documents, limits and messages are the same; errors name the line.
///
/// `-` is standard input; pipes and FIFOs are read as streams. Without an
/// extension or `format`, the format is told from the first line
/// (``DataFormat/sniff(_:)``), which reads only a head and keeps it for the stream,
/// so a pipe is still read once, in bounded memory; such a stream can be read by
/// one ``forEachBlock(_:)`` only.
///
/// ```swift
/// let rows = try LabeledRowStream(path: "big.tsv")
/// let summary = try rows.forEachBlock { documents in print(documents.count) }
/// ```
public struct LabeledRowStream {
    /// The path as given (`-`: standard input).
    public let path: String
    /// ``DataFormat/tsv`` or ``DataFormat/jsonl``.
    public let format: DataFormat
    /// JSONL keys of the label and the text.
    public let labelKey: String
    public let textKey: String
    /// Block size, line limit, bad-line policy.
    public var options: StreamOptions
    /// The text key as given (``streamTexts(process:emit:)`` falls back to `article` without one).
    let textColumn: String?
    /// A stream whose head was read to tell its format, to go on from.
    let sniffed: ByteSource?

    /// A stream over `path`.
    ///
    /// - Throws: ``DatasetError`` for a format that is not line-based (CSV records
    ///   may span lines; a directory is many files), or a format the first line does not tell.
    public init(path: String, format: DataFormat = .auto, labelColumn: String? = nil, textColumn: String? = nil,
                options: StreamOptions = StreamOptions()) throws {
        // An extension decides without opening the file (the stream opens it).
        let input = try DataFormat.byExtension(path).map { DataInput(path: path, format: format == .auto ? $0 : format, source: nil) }
            ?? DataInput(path: path, format: format)
        try self.init(input: input, labelColumn: labelColumn, textColumn: textColumn, options: options)
    }

    /// A stream over an opened input (a sniffed pipe goes on from its head).
    ///
    /// - Throws: ``DatasetError`` for a format that is not line-based (CSV records
    ///   may span lines; a directory is many files).
    public init(input: DataInput, labelColumn: String? = nil, textColumn: String? = nil,
                options: StreamOptions = StreamOptions()) throws {
        self.path = input.path
        self.labelKey = labelColumn ?? "label"
        self.textKey = textColumn ?? "text"
        self.textColumn = textColumn
        self.options = options
        self.sniffed = input.source
        switch input.format {
        case .tsv, .jsonl: self.format = input.format
        case .csv: throw DatasetError(path: input.name, "CSV is not streamed (a record may span lines); convert it to TSV or JSONL")
        case .directory: throw DatasetError(path: input.name, "a directory is not streamed; give a TSV or JSONL file")
        case .auto: throw DatasetError(path: input.name, "cannot tell the format (use --format tsv|jsonl)")
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
        try LineRecordStream.run(try lines(), options: options, parse: { line, number in try parse(line, number: number) },
                                 process: { documents in try body(documents); return [Void]() }, emit: { _ in })
    }

    /// The lines to read: the sniffed stream from its head, or the file opened anew.
    func lines() throws -> LineStream {
        if let sniffed { return LineStream(source: sniffed, blockBytes: options.blockBytes, maximumLineBytes: options.maximumLineBytes) }
        return try LineStream(path: path, blockBytes: options.blockBytes, maximumLineBytes: options.maximumLineBytes)
    }
}
