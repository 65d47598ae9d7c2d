import Foundation

/// Reads JSON Lines: one JSON object per line, e.g.
/// `{"label": "sport", "text": "…"}`. Labels may be strings or numbers
/// (`3` is read as the label `"3"`; integers keep every digit). Blank lines are skipped.
///
/// ```swift
/// let docs = try JSONLReader.read(path: "train.jsonl")
/// let custom = try JSONLReader.read(path: "x.jsonl", labelKey: "topic", textKey: "body")
/// ```
public enum JSONLReader {
    /// All documents of the file at `path`.
    ///
    /// - Throws: ``DatasetError`` naming the file and line: invalid JSON, a
    ///   line that is not an object, a missing or repeated key, a text that is
    ///   not a string, a label that is not a string or number, invalid UTF-8,
    ///   nesting, a line or a field beyond `limits`.
    public static func read(path: String, labelKey: String = "label", textKey: String = "text",
                            limits: ReaderLimits = .standard) throws -> [LabeledDocument] {
        try parse(try FileBytes.read(path), path: path, labelKey: labelKey, textKey: textKey, limits: limits)
    }

    /// The documents in `data`, with errors naming `path`.
    public static func parse(_ data: Data, path: String, labelKey: String = "label", textKey: String = "text",
                             limits: ReaderLimits = .standard) throws -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        try forEachLine(data, path: path, keys: [labelKey, textKey], limits: limits) { object, line in
            guard let rawText = object[textKey] else {
                throw DatasetError(path: path, line: line, "missing key '\(textKey)'")
            }
            guard case .string(let text) = rawText else {
                throw DatasetError(path: path, line: line, "'\(textKey)' is not a string")
            }
            guard let rawLabel = object[labelKey] else {
                throw DatasetError(path: path, line: line, "missing key '\(labelKey)'")
            }
            let label: String
            switch rawLabel {
            case .string(let s): label = FileBytes.cleanLabel(s)
            case .number(let literal): label = JSONNumberLabel.label(literal)
            default: throw DatasetError(path: path, line: line, "'\(labelKey)' is not a string or a number")
            }
            guard !label.isEmpty else { throw DatasetError(path: path, line: line, "empty label") }
            try checkField(text, path: path, line: line, limits: limits)
            try checkField(label, path: path, line: line, limits: limits)
            documents.append(LabeledDocument(label: label, text: text))
        }
        return documents
    }

    /// The texts of every line, labels not needed: the `textKey` string, or
    /// when `textKey` is `nil`, `text` or else `article` (the summarisation
    /// format `{"id","article","summary"}`).
    ///
    /// - Throws: ``DatasetError`` naming the file and line.
    public static func readTexts(path: String, textKey: String? = nil, limits: ReaderLimits = .standard) throws -> [String] {
        try parseTexts(try FileBytes.read(path), path: path, textKey: textKey, limits: limits)
    }

    /// The texts in `data` (see ``readTexts(path:textKey:limits:)``), with errors naming `path`.
    public static func parseTexts(_ data: Data, path: String, textKey: String? = nil,
                                  limits: ReaderLimits = .standard) throws -> [String] {
        var texts: [String] = []
        let keys: Set<String> = textKey.map { [$0] } ?? ["text", "article"]
        try forEachLine(data, path: path, keys: keys, limits: limits) { object, line in
            let key = textKey ?? (object["text"] != nil || object["article"] == nil ? "text" : "article")
            guard let raw = object[key] else { throw DatasetError(path: path, line: line, "missing key '\(key)'") }
            guard case .string(let text) = raw else { throw DatasetError(path: path, line: line, "'\(key)' is not a string") }
            try checkField(text, path: path, line: line, limits: limits)
            texts.append(text)
        }
        return texts
    }

    /// Calls `body` with the `keys` members of each line's object and its 1-based line number.
    static func forEachLine(_ data: Data, path: String, keys: Set<String>, limits: ReaderLimits,
                            _ body: ([String: JSONLineValue], Int) throws -> Void) throws {
        try FileBytes.forEachLine(data, path: path, limits: limits) { line, lineNumber in
            var parser = SummaryRecordParser(bytes: line, maximumDepth: limits.maximumJSONDepth)
            let object: [String: JSONLineValue]
            do {
                object = try parser.members(wanted: keys)
            } catch let failure as SummaryRecordParser.Failure {
                throw DatasetError(path: path, line: lineNumber, failure.message)
            }
            try body(object, lineNumber)
        }
    }

    static func checkField(_ field: String, path: String, line: Int, limits: ReaderLimits) throws {
        guard field.utf8.count <= limits.maximumFieldBytes else {
            throw DatasetError(path: path, line: line, limits.fieldTooLong(field.utf8.count))
        }
    }

    /// Calls `body` with each line's object (every member, nested arrays such as a
    /// multi-label `"labels": [...]` included) and its 1-based line number. Values are
    /// `String`, ``JSONNumber`` (the exact literal: no digit lost to `Double`), `Bool`,
    /// `NSNull`, `[Any]` and `[String: Any]`. Lines longer than `limits` allow are refused
    /// before they are parsed, and nesting deeper than `limits.maximumJSONDepth` is an error.
    public static func forEachObject(_ data: Data, path: String, limits: ReaderLimits = .standard,
                                     _ body: ([String: Any], Int) throws -> Void) throws {
        try FileBytes.forEachLine(data, path: path, limits: limits) { line, lineNumber in
            var parser = SummaryRecordParser(bytes: line, maximumDepth: limits.maximumJSONDepth)
            let object: [String: Any]
            do { object = try parser.wholeObject() } catch let failure as SummaryRecordParser.Failure {
                throw DatasetError(path: path, line: lineNumber, failure.message)
            }
            try body(object, lineNumber)
        }
    }

    /// A label from a JSON string or number of ``forEachObject(_:path:limits:_:)``.
    /// Numbers keep every digit (``JSONNumber``: `12345678901234567890` and `…891`
    /// stay distinct), with the labelled readers' rules (`3.0` is the label `3`); `true`,
    /// `false`, `null`, arrays and objects are no label.
    static func labelString(_ value: Any) -> String? {
        if value is Bool { return nil }
        if let s = value as? String { return s }
        if let n = value as? JSONNumber { return JSONNumberLabel.label(n.literal) }
        return nil
    }
}
