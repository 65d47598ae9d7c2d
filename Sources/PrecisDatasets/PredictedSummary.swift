import Foundation

/// A summary made elsewhere (another system, or `precis summarize --jsonl`), to be
/// scored against a reference with the same `id`.
///
/// ```swift
/// let predictions = try PredictedSummary.read(path: "pred.jsonl")
/// ```
public struct PredictedSummary: Equatable, Sendable {
    /// The record id it summarises.
    public var id: String
    /// The summary text.
    public var text: String
    /// Its 1-based line in the file.
    public var line: Int

    /// A prediction.
    public init(id: String, text: String, line: Int = 0) {
        self.id = id
        self.text = text
        self.line = line
    }

    /// Reads a JSONL file of `{"id", "summary"}` or `{"id", "sentences"}` records;
    /// `sentences` is an array of strings or of objects with a `text` (the output of
    /// `precis summarize --jsonl`), joined by spaces. `summary` wins when both are given.
    ///
    /// - Throws: ``DatasetError`` naming the file and line of a record
    ///   without an id, without a summary, or with an id seen before.
    public static func read(path: String) throws -> [PredictedSummary] {
        let data = try FileBytes.read(path)
        var out: [PredictedSummary] = []
        var seen: [String: Int] = [:]
        try JSONLReader.forEachObject(data, path: path) { object, line in
            guard let rawID = object["id"], let id = JSONLReader.labelString(rawID) else {
                throw DatasetError(path: path, line: line, "record has no \"id\" string or number")
            }
            if let first = seen[id] {
                throw DatasetError(path: path, line: line, "id \"\(id)\" was already given on line \(first)")
            }
            seen[id] = line
            let text: String
            if let summary = object["summary"] as? String {
                text = summary
            } else if let sentences = object["sentences"] as? [Any] {
                var parts: [String] = []
                for sentence in sentences {
                    if let s = sentence as? String { parts.append(s) }
                    else if let s = (sentence as? [String: Any])?["text"] as? String { parts.append(s) }
                    else { throw DatasetError(path: path, line: line, "\"sentences\" must hold strings or objects with a \"text\"") }
                }
                text = parts.joined(separator: " ")
            } else {
                throw DatasetError(path: path, line: line, "record has no \"summary\" string or \"sentences\" array")
            }
            out.append(PredictedSummary(id: id, text: text, line: line))
        }
        if out.isEmpty { throw DatasetError(path: path, "no records (the file is empty)") }
        return out
    }
}
