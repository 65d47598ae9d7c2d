import Foundation

// Interim: `parse(_:path:)` of the hostile-input readers (same signatures), until that
// work lands on main; then this file is deleted and the readers' own versions serve.
extension TSVReader {
    static func parse(_ data: Data, path: String) throws -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        try FileBytes.forEachLine(data) { line, lineNumber in
            guard let tab = line.firstIndex(of: 0x09) else {
                throw DatasetError(path: path, line: lineNumber, "expected label<TAB>text, found no TAB")
            }
            let label = try FileBytes.string(UnsafeBufferPointer(rebasing: line[..<tab]), path: path, line: lineNumber)
            let text = try FileBytes.string(UnsafeBufferPointer(rebasing: line[(tab + 1)...]), path: path, line: lineNumber)
            let trimmedLabel = label.trimmingCharacters(in: .whitespaces)
            guard !trimmedLabel.isEmpty else { throw DatasetError(path: path, line: lineNumber, "empty label") }
            documents.append(LabeledDocument(label: trimmedLabel, text: text))
        }
        return documents
    }
}

extension JSONLReader {
    static func parse(_ data: Data, path: String, labelKey: String, textKey: String) throws -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        try forEachObject(data, path: path) { object, line in
            guard let text = object[textKey] as? String else { throw DatasetError(path: path, line: line, "missing or non-string '\(textKey)'") }
            guard let raw = object[labelKey], let label = labelString(raw)?.trimmingCharacters(in: .whitespaces), !label.isEmpty else {
                throw DatasetError(path: path, line: line, "missing or bad '\(labelKey)'")
            }
            documents.append(LabeledDocument(label: label, text: text))
        }
        return documents
    }
}
