import Foundation

/// How an input of ``DocumentSource`` splits into documents.
///
/// ```swift
/// DocumentLayout.auto.resolved(for: "docs.jsonl")   // .jsonl
/// DocumentLayout.auto.resolved(for: "article.txt")  // .text
/// ```
public enum DocumentLayout: String, CaseIterable, Sendable, Codable {
    /// From the extension: `.tsv`, `.csv` and `.jsonl` by row, anything else whole;
    /// a directory gives each `.txt` file below it.
    case auto
    /// The whole input is one document.
    case text
    /// One document per line: the text after the first TAB (or the whole line).
    case tsv
    /// CSV with a header: one document per record, from the `text` column.
    case csv
    /// One JSON object per line: its `text` (or `article`) string.
    case jsonl
    /// One document per non-blank line.
    case lines

    /// The concrete layout of a file at `path` (other layouts are returned as they are).
    public func resolved(for path: String) -> DocumentLayout {
        guard self == .auto else { return self }
        switch (path as NSString).pathExtension.lowercased() {
        case "tsv": return .tsv
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonl
        default: return .text
        }
    }
}
