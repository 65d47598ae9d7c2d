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
    ///   or an empty label. Blank lines are skipped; CRLF line ends and a
    ///   UTF-8 byte-order mark are accepted.
    public static func read(path: String) throws -> [LabeledDocument] {
        try parse(FileBytes.read(path), path: path)
    }

    /// The documents of `data` read from `path` (named in errors): what ``read(path:)``
    /// and the streaming row reader parse, one implementation for both.
    static func parse(_ data: Data, path: String) throws -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        try FileBytes.forEachLine(data) { line, lineNumber in
            guard let tab = line.firstIndex(of: 0x09) else {
                throw DatasetError(path: path, line: lineNumber, "expected label<TAB>text, found no TAB")
            }
            let label = try FileBytes.string(UnsafeBufferPointer(rebasing: line[..<tab]), path: path, line: lineNumber)
            let text = try FileBytes.string(UnsafeBufferPointer(rebasing: line[(tab + 1)...]), path: path, line: lineNumber)
            let trimmedLabel = label.trimmingCharacters(in: .whitespaces)
            guard !trimmedLabel.isEmpty else {
                throw DatasetError(path: path, line: lineNumber, "empty label")
            }
            documents.append(LabeledDocument(label: trimmedLabel, text: text))
        }
        return documents
    }
}
