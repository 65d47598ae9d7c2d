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
    /// Otherwise the first non-blank line decides: `{` → JSONL, a TAB → TSV,
    /// a comma → CSV.
    ///
    /// ```swift
    /// try DataFormat.auto.resolved(for: "train.tsv")   // .tsv
    /// ```
    public func resolved(for path: String) throws -> DataFormat {
        guard self == .auto else { return self }
        var isDirectory: ObjCBool = false
        guard path == "-" || FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError(path: path, "no such file or directory")
        }
        if isDirectory.boolValue { return .directory }
        switch (path as NSString).pathExtension.lowercased() {
        case "tsv", "tab", "txt": return .tsv
        case "csv": return .csv
        case "jsonl", "ndjson", "json": return .jsonl
        default: break
        }
        let head: Data
        if FileBytes.isPipe(path) {
            // A pipe can be read only once: read it whole, and leave the bytes for the reader.
            let data = try FileBytes.read(path)
            PipeStash.put(path, data)
            head = data.prefix(1 << 16)
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw DatasetError(path: path, "cannot read file")
            }
            defer { try? handle.close() }
            head = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        }
        for line in head.split(separator: 0x0A) {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
            guard let first = trimmed.first else { continue }
            if first == UInt8(ascii: "{") { return .jsonl }
            if line.contains(0x09) { return .tsv }
            if line.contains(UInt8(ascii: ",")) { return .csv }
            break
        }
        throw DatasetError(path: path, line: 1, "cannot tell the format (use --format tsv|csv|jsonl|dir)")
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
        let documents: [LabeledDocument]
        let resolved = try format.resolved(for: path)
        try refuseColumns(for: resolved, path: path, labelColumn: labelColumn, textColumn: textColumn)
        switch resolved {
        case .auto, .tsv:
            documents = try TSVReader.read(path: path, limits: limits)
        case .csv:
            documents = try CSVReader.read(path: path, labelColumn: labelColumn ?? "label", textColumn: textColumn ?? "text",
                                           limits: limits)
        case .jsonl:
            documents = try JSONLReader.read(path: path, labelKey: labelColumn ?? "label", textKey: textColumn ?? "text",
                                             limits: limits)
        case .directory:
            documents = try DirectoryReader.read(path: path)
        }
        guard !documents.isEmpty else { throw DatasetError(path: path, "no documents") }
        return documents
    }

    /// Just the texts at `path`, for commands that need no labels (such as
    /// `precis vectorize`). Like ``read(path:format:labelColumn:textColumn:)``,
    /// except that JSONL lines need no label and, without `textColumn`, may
    /// carry their text as `text` or `article` (the summarisation format).
    ///
    /// ```swift
    /// let articles = try LabeledDataset.readTexts(path: "bbc_summary.jsonl")
    /// ```
    public static func readTexts(path: String, format: DataFormat = .auto, labelColumn: String? = nil,
                                 textColumn: String? = nil, limits: ReaderLimits = .standard) throws -> [String] {
        let texts: [String]
        if try format.resolved(for: path) == .jsonl {
            texts = try JSONLReader.readTexts(path: path, textKey: textColumn, limits: limits)
        } else {
            texts = try read(path: path, format: format, labelColumn: labelColumn, textColumn: textColumn,
                             limits: limits).map(\.text)
        }
        guard !texts.isEmpty else { throw DatasetError(path: path, "no documents") }
        return texts
    }

    /// The texts and, when the file has them, the labels (one per text): what
    /// `precis vectorize` writes as its matrix rows and `labels.txt`. TSV and CSV
    /// always have labels; a JSONL file whose records have no usable label gives `nil`.
    ///
    /// ```swift
    /// let (texts, labels) = try LabeledDataset.readTextsAndLabels(path: "test.tsv")
    /// ```
    public static func readTextsAndLabels(path: String, format: DataFormat = .auto, labelColumn: String? = nil,
                                          textColumn: String? = nil, limits: ReaderLimits = .standard) throws -> (texts: [String], labels: [String]?) {
        if try format.resolved(for: path) == .jsonl {
            if let documents = try? read(path: path, format: format, labelColumn: labelColumn, textColumn: textColumn,
                                         limits: limits),
               !documents.isEmpty {
                return (documents.map(\.text), documents.map(\.label))
            }
            return (try readTexts(path: path, format: format, labelColumn: labelColumn, textColumn: textColumn,
                                  limits: limits), nil)
        }
        let documents = try read(path: path, format: format, labelColumn: labelColumn, textColumn: textColumn,
                                 limits: limits)
        guard !documents.isEmpty else { throw DatasetError(path: path, "no documents") }
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
