import Foundation

/// One text with any number of labels: a row of a multi-label data set.
public struct MultiLabeledDocument: Equatable, Sendable {
    /// The labels, in the order first given, without repeats.
    public var labels: [String]
    /// The document text.
    public var text: String

    /// A document with its labels.
    public init(labels: [String], text: String) {
        self.labels = labels
        self.text = text
    }
}

/// Reads multi-label data: the label field of TSV/CSV rows (and directory names)
/// split on a separator, or a JSONL `labels` array.
///
/// ```swift
/// // grain,corn<TAB>CCC credits for Honduras switched to white corn
/// let docs = try MultiLabelDataset.read(path: "train.tsv")
/// docs[0].labels                                  // ["grain", "corn"]
/// let json = try MultiLabelDataset.read(path: "train.jsonl")   // {"labels": ["grain", "corn"], "text": "…"}
/// ```
public enum MultiLabelDataset {
    /// All documents at `path`.
    ///
    /// - Parameters:
    ///   - separator: splits the label field of TSV/CSV/directory data (default `,`);
    ///     a JSONL label field that is a string is split the same way.
    ///   - labelColumn: the CSV column or JSONL key of the labels (JSONL default:
    ///     `labels`, else `label`; CSV default `label`).
    /// - Throws: ``DatasetError`` naming the file (and line for JSONL) when a
    ///   document has no label or the separator is empty.
    public static func read(path: String, format: DataFormat = .auto, separator: String = ",",
                            labelColumn: String? = nil, textColumn: String? = nil,
                            limits: ReaderLimits = .standard) throws -> [MultiLabeledDocument] {
        guard !separator.isEmpty else { throw DatasetError(path: path, "the label separator is empty") }
        var documents: [MultiLabeledDocument] = []
        let input = try format.opened(path)
        if input.format == .jsonl {
            let data = try input.data()
            let textKey = textColumn ?? "text"
            try JSONLReader.forEachObject(data, path: path, limits: limits) { object, line in
                guard let text = object[textKey] as? String else {
                    throw DatasetError(path: path, line: line, "missing string '\(textKey)'")
                }
                guard text.utf8.count <= limits.maximumFieldBytes else {
                    throw DatasetError(path: path, line: line, limits.fieldTooLong(text.utf8.count))
                }
                let key = labelColumn ?? (object["labels"] != nil ? "labels" : "label")
                guard let raw = object[key] else { throw DatasetError(path: path, line: line, "missing key '\(key)'") }
                var labels: [String] = []
                if let array = raw as? [Any] {
                    for value in array {
                        guard let label = JSONLReader.labelString(value) else {
                            throw DatasetError(path: path, line: line, "'\(key)' holds a value that is not a string or a number")
                        }
                        labels.append(label)
                    }
                } else if let label = JSONLReader.labelString(raw) {
                    labels = label.components(separatedBy: separator)
                } else {
                    throw DatasetError(path: path, line: line, "'\(key)' is not an array, a string or a number")
                }
                let cleaned = clean(labels)
                guard !cleaned.isEmpty else { throw DatasetError(path: path, line: line, "no label") }
                documents.append(MultiLabeledDocument(labels: cleaned, text: text))
            }
        } else {
            for (i, document) in try LabeledDataset.read(input, labelColumn: labelColumn, textColumn: textColumn,
                                                         limits: limits).enumerated() {
                let cleaned = clean(document.label.components(separatedBy: separator))
                guard !cleaned.isEmpty else { throw DatasetError(path: path, "document \(i + 1) has no label") }
                documents.append(MultiLabeledDocument(labels: cleaned, text: document.text))
            }
        }
        guard !documents.isEmpty else { throw DatasetError(path: path, "no documents") }
        return documents
    }

    /// Trimmed, non-empty labels without repeats, in their first order.
    static func clean(_ labels: [String]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for label in labels {
            let trimmed = label.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty && seen.insert(trimmed).inserted { out.append(trimmed) }
        }
        return out
    }
}
