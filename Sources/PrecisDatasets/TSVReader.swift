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
    ///   file, invalid UTF-8, a line without a TAB, or an empty label.
    ///   Blank lines are skipped.
    public static func read(path: String) throws -> [LabeledDocument] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(path: path, "cannot read file (missing or unreadable)")
        }
        var documents: [LabeledDocument] = []
        var lineNumber = 0
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                lineNumber += 1
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                var lineEnd = end
                if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
                start = end + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                guard let tab = line.firstIndex(of: 0x09) else {
                    throw DatasetError(path: path, line: lineNumber, "expected label<TAB>text, found no TAB")
                }
                guard let label = String(validating: UnsafeBufferPointer(rebasing: line[..<tab]), as: UTF8.self),
                      let text = String(validating: UnsafeBufferPointer(rebasing: line[(tab + 1)...]), as: UTF8.self) else {
                    throw DatasetError(path: path, line: lineNumber, "invalid UTF-8")
                }
                let trimmedLabel = label.trimmingCharacters(in: .whitespaces)
                guard !trimmedLabel.isEmpty else {
                    throw DatasetError(path: path, line: lineNumber, "empty label")
                }
                documents.append(LabeledDocument(label: trimmedLabel, text: text))
            }
        }
        return documents
    }
}
