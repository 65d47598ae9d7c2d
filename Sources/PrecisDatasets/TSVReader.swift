import Foundation

/// Reads `label<TAB>text` files, one document per line (the format of the
/// shared corpora). Everything after the first TAB is the text.
///
/// ```swift
/// let docs = try TSVReader.read(path: "train.tsv")
/// ```
public enum TSVReader {
    /// All documents of the file at `path`.
    ///
    /// - Throws: ``DatasetError`` naming the file and line for a missing
    ///   file, invalid UTF-8 (refused, never replaced), a line without a TAB,
    ///   an empty label, or a line or field beyond `limits`. Blank lines are
    ///   skipped; LF, CRLF and lone-CR line ends and UTF-8 byte-order marks are accepted.
    public static func read(path: String, limits: ReaderLimits = .standard) throws -> [LabeledDocument] {
        try parse(try FileBytes.read(path), path: path, limits: limits)
    }

    /// The documents in `data`, with errors naming `path`.
    public static func parse(_ data: Data, path: String, limits: ReaderLimits = .standard) throws -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        try FileBytes.forEachLine(data, path: path, limits: limits) { line, lineNumber in
            guard let tab = line.firstIndex(of: 0x09) else {
                throw DatasetError(path: path, line: lineNumber, "expected label<TAB>text, found no TAB")
            }
            guard tab <= limits.maximumFieldBytes, line.count - tab - 1 <= limits.maximumFieldBytes else {
                throw DatasetError(path: path, line: lineNumber, limits.fieldTooLong(max(tab, line.count - tab - 1)))
            }
            let label = try FileBytes.string(UnsafeBufferPointer(rebasing: line[..<tab]), path: path, line: lineNumber)
            let text = try FileBytes.string(UnsafeBufferPointer(rebasing: line[(tab + 1)...]), path: path, line: lineNumber)
            let trimmedLabel = FileBytes.cleanLabel(label)
            guard !trimmedLabel.isEmpty else {
                throw DatasetError(path: path, line: lineNumber, "empty label")
            }
            documents.append(LabeledDocument(label: trimmedLabel, text: text))
        }
        return documents
    }
}
