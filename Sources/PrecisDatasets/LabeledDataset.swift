import Foundation

/// The on-disk layouts a labelled data set can have (SPEC "Data formats").
public enum DataFormat: String, CaseIterable, Sendable {
    /// Decide from the path: a directory, the file extension (`.tsv`,
    /// `.csv`, `.jsonl`), or else the first line of the file.
    case auto
    /// `label<TAB>text`, one document per line.
    case tsv
    /// CSV with a header row; columns chosen by name.
    case csv
    /// One JSON object per line (`{"label","text"}`).
    case jsonl
    /// A directory with one sub-directory of `.txt` files per label.
    case directory = "dir"

    /// The concrete format of `path` for ``auto`` (other formats are returned as they are).
    ///
    /// By extension: `.tsv`/`.tab`/`.txt` → TSV, `.csv` → CSV,
    /// `.jsonl`/`.ndjson`/`.json` → JSONL; a directory → ``directory``.
    /// Otherwise the first non-blank line decides (see ``sniff(_:)``).
    ///
    /// A stream (standard input, a pipe, a FIFO) without an extension cannot be
    /// read here without losing the bytes read: this throws for it. Open it as a
    /// ``ByteSource`` and call ``sniff(_:)``, which keeps the head for the reader;
    /// the readers of this module (``LabeledDataset``, ``LabeledRowStream``) do that.
    ///
    /// ```swift
    /// try DataFormat.auto.resolved(for: "train.tsv")   // .tsv
    /// ```
    public func resolved(for path: String) throws -> DataFormat {
        if self == .auto && Self.byExtension(path) == nil && Self.isStream(path) {
            throw DatasetError(path: path == "-" ? "<stdin>" : path,
                               "cannot tell the format of a stream without reading it (give the format, e.g. --format tsv|csv|jsonl)")
        }
        return try opened(path).format
    }

    /// Whether `path` is standard input or a pipe, FIFO, socket or device: read once, front to back.
    static func isStream(_ path: String) -> Bool {
        var status = stat()
        guard path != "-" else { return true }
        return stat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFREG && status.st_mode & S_IFMT != S_IFDIR
    }

    /// The format of `path` and, for a stream whose format was told from its head,
    /// the open source holding that head, for the reader to go on from.
    func opened(_ path: String) throws -> DataInput {
        guard self == .auto else { return DataInput(path: path, format: self, source: nil) }
        var isDirectory: ObjCBool = false
        guard path == "-" || FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError(path: path, "no such file or directory")
        }
        if isDirectory.boolValue { return DataInput(path: path, format: .directory, source: nil) }
        if let format = Self.byExtension(path) { return DataInput(path: path, format: format, source: nil) }
        let source = try ByteSource(path: path)
        let format = try Self.sniff(source)
        // A regular file is read again from the start by its reader; a stream goes on from the head.
        return DataInput(path: path, format: format, source: source.isRegularFile && path != "-" ? nil : source)
    }

    /// The format an extension names (`tsv`, `tab`, `txt`, `csv`, `jsonl`, `ndjson`, `json`), or nil.
    static func byExtension(_ path: String) -> DataFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "tsv", "tab", "txt": return .tsv
        case "csv": return .csv
        case "jsonl", "ndjson", "json": return .jsonl
        default: return nil
        }
    }

    /// Most bytes ``sniff(_:)`` reads ahead.
    public static let sniffBytes = 1 << 16

    /// The format told from the first non-blank line of `source`: `{` → JSONL,
    /// a TAB → TSV, a comma → CSV. Reads ahead only until that line is complete
    /// (on a pipe, what has arrived when it is: it never waits for more; at most
    /// ``sniffBytes``, a line longer than that decided by its start) and
    /// keeps what it read in `source`, so a reader of `source` still starts at its
    /// first byte: a pipe is sniffed and then streamed, never read whole for this.
    ///
    /// ```swift
    /// let source = try ByteSource(path: "-")
    /// try DataFormat.sniff(source)        // .tsv for "sport\tThe striker scored…"
    /// ```
    ///
    /// - Throws: ``DatasetError`` (line 1) when the head tells no format.
    public static func sniff(_ source: ByteSource) throws -> DataFormat {
        var ended = false
        while true {
            let head = source.held.prefix(sniffBytes)
            switch decide(head, complete: ended || head.count >= sniffBytes) {
            case .format(let format): return format
            case .unknown: throw DatasetError(path: source.name, line: 1, "cannot tell the format (use --format tsv|csv|jsonl|dir)")
            case .needMore: ended = try !source.readAhead(upTo: sniffBytes - head.count)
            }
        }
    }

    /// What a head shows.
    private enum Sniffed {
        case format(DataFormat)
        /// The first non-blank line shows no format.
        case unknown
        /// That line is not complete yet, and more input may follow.
        case needMore
    }

    /// The format the first non-blank line of `head` shows (`complete`: nothing
    /// more will be read, so a partial line decides as it is).
    private static func decide(_ head: ArraySlice<UInt8>, complete: Bool) -> Sniffed {
        var start = head.startIndex
        while start < head.endIndex {
            let newline = head[start...].firstIndex(of: 0x0A)
            let line = head[start..<(newline ?? head.endIndex)]
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
            if trimmed.first == UInt8(ascii: "{") { return .format(.jsonl) }
            guard newline != nil || complete else { return .needMore }
            if !trimmed.isEmpty {
                if line.contains(0x09) { return .format(.tsv) }
                if line.contains(UInt8(ascii: ",")) { return .format(.csv) }
                return .unknown
            }
            guard let newline else { break }
            start = newline + 1
        }
        return complete ? .unknown : .needMore
    }
}

/// A data path opened for reading, its format resolved: by ``DataFormat/auto``'s
/// rules, a stream (standard input, a pipe, a FIFO) without an extension told from
/// its first line. Such a stream keeps the head it was told from, and every reader
/// of this input (``LabeledDataset/readTextsAndLabels(_:labelColumn:textColumn:limits:)``,
/// ``LabeledRowStream/init(input:labelColumn:textColumn:options:)``) goes on from
/// it: a pipe is read once, and streamed if its reader streams.
///
/// ```swift
/// let input = try DataInput(path: "-")                 // sniffs a head of standard input
/// if input.isRowStream {                               // TSV or JSONL: streamed
///     let rows = try LabeledRowStream(input: input)
/// }
/// ```
public struct DataInput {
    /// The path as given (`-`: standard input).
    public let path: String
    /// The concrete format (never ``DataFormat/auto``).
    public let format: DataFormat
    /// A stream whose head was read to tell its format, to go on from.
    let source: ByteSource?

    /// Opens `path` in `format` (``DataFormat/auto``: decided from the path or the first line).
    ///
    /// - Throws: ``DatasetError`` naming the file: missing, unreadable, or no format told.
    public init(path: String, format: DataFormat = .auto) throws {
        self = try format.opened(path)
    }

    init(path: String, format: DataFormat, source: ByteSource?) {
        self.path = path
        self.format = format
        self.source = source
    }

    /// The name errors use: the path, or `<stdin>`.
    public var name: String { path == "-" ? "<stdin>" : path }

    /// Whether the format is read line by line (TSV, JSONL), so ``LabeledRowStream`` can stream it.
    public var isRowStream: Bool { format == .tsv || format == .jsonl }

    /// The whole input: the rest of the source, or the file.
    func data() throws -> Data {
        if let source { return try source.readToEnd() }
        return try FileBytes.read(path)
    }
}

/// Reads labelled documents in any supported ``DataFormat``.
///
/// Invalid UTF-8 is refused, never replaced: the error names the file and
/// line so the file can be converted.
///
/// ```swift
/// let train = try LabeledDataset.read(path: "bbc-news/train.tsv")
/// let reviews = try LabeledDataset.read(path: "reviews.csv", labelColumn: "stars", textColumn: "body")
/// ```
public enum LabeledDataset {
    /// All documents at `path`.
    ///
    /// - Parameters:
    ///   - format: the layout, or `.auto` to decide from the path.
    ///   - labelColumn: the label's column (CSV) or key (JSONL); `label` if nil.
    ///   - textColumn: the text's column (CSV) or key (JSONL); `text` if nil.
    ///   - limits: bounds on line and field lengths and JSON nesting.
    /// - Throws: ``DatasetError`` naming the file (and line), including when
    ///   the data holds no document at all, and when a label or text column is
    ///   chosen for a format without columns (TSV, directory).
    public static func read(path: String, format: DataFormat = .auto,
                            labelColumn: String? = nil, textColumn: String? = nil,
                            limits: ReaderLimits = .standard) throws -> [LabeledDocument] {
        try read(try format.opened(path), labelColumn: labelColumn, textColumn: textColumn, limits: limits)
    }

    /// ``read(path:format:labelColumn:textColumn:limits:)`` of an opened input (a
    /// sniffed stream goes on from its head).
    ///
    /// ```swift
    /// let input = try DataInput(path: "-")
    /// let documents = try LabeledDataset.read(input)
    /// ```
    public static func read(_ input: DataInput, labelColumn: String? = nil, textColumn: String? = nil,
                            limits: ReaderLimits = .standard) throws -> [LabeledDocument] {
        let path = input.path
        let documents: [LabeledDocument]
        try refuseColumns(for: input.format, path: path, labelColumn: labelColumn, textColumn: textColumn)
        switch input.format {
        case .auto, .tsv:
            documents = try TSVReader.parse(try input.data(), path: path, limits: limits)
        case .csv:
            documents = try CSVReader.parse(try input.data(), path: path, labelColumn: labelColumn ?? "label",
                                            textColumn: textColumn ?? "text", limits: limits)
        case .jsonl:
            documents = try JSONLReader.parse(try input.data(), path: path, labelKey: labelColumn ?? "label",
                                              textKey: textColumn ?? "text", limits: limits)
        case .directory:
            documents = try DirectoryReader.read(path: path)
        }
        guard !documents.isEmpty else { throw DatasetError(path: path, "no documents") }
        return documents
    }

    /// Just the texts at `path`, for commands that need no labels (such as
    /// `precis vectorize`). Like ``read(path:format:labelColumn:textColumn:limits:)``,
    /// except that JSONL lines need no label and, without `textColumn`, may
    /// carry their text as `text` or `article` (the summarisation format).
    ///
    /// ```swift
    /// let articles = try LabeledDataset.readTexts(path: "bbc_summary.jsonl")
    /// ```
    public static func readTexts(path: String, format: DataFormat = .auto, labelColumn: String? = nil,
                                 textColumn: String? = nil, limits: ReaderLimits = .standard) throws -> [String] {
        let input = try format.opened(path)
        let texts: [String]
        if input.format == .jsonl {
            texts = try JSONLReader.parseTexts(try input.data(), path: path, textKey: textColumn, limits: limits)
        } else {
            texts = try read(input, labelColumn: labelColumn, textColumn: textColumn, limits: limits).map(\.text)
        }
        guard !texts.isEmpty else { throw DatasetError(path: path, "no documents") }
        return texts
    }

    /// The texts and, when the file has them, the labels (one per text): what
    /// `precis vectorize` writes as its matrix rows and `labels.txt`. TSV and CSV
    /// always have labels; a JSONL file gives `nil` unless every record has a
    /// usable label (and its text under `textColumn`, default `text`).
    ///
    /// ```swift
    /// let (texts, labels) = try LabeledDataset.readTextsAndLabels(path: "test.tsv")
    /// ```
    public static func readTextsAndLabels(path: String, format: DataFormat = .auto, labelColumn: String? = nil,
                                          textColumn: String? = nil, limits: ReaderLimits = .standard) throws -> (texts: [String], labels: [String]?) {
        try readTextsAndLabels(try format.opened(path), labelColumn: labelColumn, textColumn: textColumn, limits: limits)
    }

    /// ``readTextsAndLabels(path:format:labelColumn:textColumn:limits:)`` of an opened input.
    public static func readTextsAndLabels(_ input: DataInput, labelColumn: String? = nil, textColumn: String? = nil,
                                          limits: ReaderLimits = .standard) throws -> (texts: [String], labels: [String]?) {
        let path = input.path
        if input.format == .jsonl {
            let data = try input.data()
            if let documents = try? JSONLReader.parse(data, path: path, labelKey: labelColumn ?? "label",
                                                      textKey: textColumn ?? "text", limits: limits),
               !documents.isEmpty {
                return (documents.map(\.text), documents.map(\.label))
            }
            let texts = try JSONLReader.parseTexts(data, path: path, textKey: textColumn, limits: limits)
            guard !texts.isEmpty else { throw DatasetError(path: path, "no documents") }
            return (texts, nil)
        }
        let documents = try read(input, labelColumn: labelColumn, textColumn: textColumn, limits: limits)
        return (documents.map(\.text), documents.map(\.label))
    }

    /// A chosen label or text column means nothing for TSV (`label<TAB>text`) or a
    /// directory (labels are folder names): refused rather than silently ignored.
    static func refuseColumns(for format: DataFormat, path: String, labelColumn: String?, textColumn: String?) throws {
        guard format == .tsv || format == .directory || format == .auto else { return }
        let chosen = [labelColumn.map { _ in "label" }, textColumn.map { _ in "text" }].compactMap { $0 }
        guard !chosen.isEmpty else { return }
        let layout = format == .directory ? "a directory's labels are its sub-folder names" : "TSV data is label<TAB>text"
        throw DatasetError(path: path, "a \(chosen.joined(separator: " and ")) column can only be chosen for CSV or JSONL data (\(layout)); drop --\(chosen[0])-column or pass --format csv|jsonl")
    }
}
