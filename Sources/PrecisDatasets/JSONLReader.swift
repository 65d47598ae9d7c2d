import Foundation

/// Reads JSON Lines: one JSON object per line, e.g.
/// `{"label": "sport", "text": "…"}`. Labels may be strings or numbers
/// (`3` is read as the label `"3"`). Blank lines are skipped.
///
/// ```swift
/// let docs = try JSONLReader.read(path: "train.jsonl")
/// let custom = try JSONLReader.read(path: "x.jsonl", labelKey: "topic", textKey: "body")
/// ```
public enum JSONLReader {
    /// All documents of the file at `path`.
    ///
    /// - Throws: ``DatasetError`` naming the file and line: invalid JSON, a
    ///   line that is not an object, a missing key, a text that is not a
    ///   string, a label that is not a string or number, invalid UTF-8.
    public static func read(path: String, labelKey: String = "label", textKey: String = "text") throws -> [LabeledDocument] {
        try parse(FileBytes.read(path), path: path, labelKey: labelKey, textKey: textKey)
    }

    /// The documents of `data` read from `path` (named in errors): what ``read(path:labelKey:textKey:)``
    /// and the streaming row reader parse, one implementation for both.
    static func parse(_ data: Data, path: String, labelKey: String, textKey: String) throws -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        try forEachObject(data, path: path) { object, line in
            guard let rawText = object[textKey] else {
                throw DatasetError(path: path, line: line, "missing key '\(textKey)'")
            }
            guard let text = rawText as? String else {
                throw DatasetError(path: path, line: line, "'\(textKey)' is not a string")
            }
            guard let rawLabel = object[labelKey] else {
                throw DatasetError(path: path, line: line, "missing key '\(labelKey)'")
            }
            guard let label = labelString(rawLabel)?.trimmingCharacters(in: .whitespaces) else {
                throw DatasetError(path: path, line: line, "'\(labelKey)' is not a string or a number")
            }
            guard !label.isEmpty else { throw DatasetError(path: path, line: line, "empty label") }
            documents.append(LabeledDocument(label: label, text: text))
        }
        return documents
    }

    /// The texts of every line, labels not needed: the `textKey` string, or
    /// when `textKey` is `nil`, `text` or else `article` (the summarisation
    /// format `{"id","article","summary"}`).
    ///
    /// - Throws: ``DatasetError`` naming the file and line.
    public static func readTexts(path: String, textKey: String? = nil) throws -> [String] {
        let data = try FileBytes.read(path)
        var texts: [String] = []
        try forEachObject(data, path: path) { object, line in
            let key = textKey ?? (object["text"] != nil || object["article"] == nil ? "text" : "article")
            guard let raw = object[key] else { throw DatasetError(path: path, line: line, "missing key '\(key)'") }
            guard let text = raw as? String else { throw DatasetError(path: path, line: line, "'\(key)' is not a string") }
            texts.append(text)
        }
        return texts
    }

    /// Calls `body` with each line's object and its 1-based line number.
    public static func forEachObject(_ data: Data, path: String,
                                     _ body: ([String: Any], Int) throws -> Void) throws {
        try FileBytes.forEachLine(data) { line, lineNumber in
            _ = try FileBytes.string(line, path: path, line: lineNumber)
            let parsed: Any
            do {
                parsed = try JSONSerialization.jsonObject(with: Data(line), options: [])
            } catch {
                throw DatasetError(path: path, line: lineNumber, "invalid JSON")
            }
            guard let object = parsed as? [String: Any] else {
                throw DatasetError(path: path, line: lineNumber, "expected a JSON object")
            }
            try body(object, lineNumber)
        }
    }

    /// A label from a JSON string or number (integers without a decimal point).
    static func labelString(_ value: Any) -> String? {
        if let s = value as? String { return s }
        if let n = value as? NSNumber {
            if String(describing: type(of: n)).contains("Boolean") { return nil }
            let d = n.doubleValue
            if d.isFinite && d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        }
        return nil
    }
}
