import Foundation
import Precis

/// The documents `precis classify` reads: whole files, standard input, or each row
/// of a TSV / JSONL file.
struct ClassifierInput {
    /// Where a document came from (`FILE`, `FILE:LINE`, or `-`).
    var source: String
    /// Its text.
    var text: String

    /// How an input is split into documents.
    enum Layout: String, CaseIterable {
        /// From the extension: `.tsv` and `.jsonl` by row, anything else whole.
        case auto
        /// The whole input is one document.
        case text
        /// One document per line: the text after the first TAB (or the whole line).
        case tsv
        /// One JSON object per line: its `text` (or `article`) field.
        case jsonl
        /// One document per non-blank line.
        case lines
    }

    /// Reads every document of `paths` (`-` or none: standard input).
    static func read(paths: [String], layout: Layout) throws -> [ClassifierInput] {
        var documents: [ClassifierInput] = []
        for path in paths.isEmpty ? ["-"] : paths {
            let data: Data
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let contents = FileManager.default.contents(atPath: path) else {
                    throw CommandFailure("\(path): cannot read file (missing or unreadable)")
                }
                data = contents
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CommandFailure("\(path): invalid UTF-8")
            }
            var effective = layout
            if layout == .auto {
                let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
                effective = ext == "tsv" ? .tsv : ext == "jsonl" ? .jsonl : .text
            }
            documents += try split(text, source: path, layout: effective)
        }
        return documents
    }

    static func split(_ text: String, source: String, layout: Layout) throws -> [ClassifierInput] {
        switch layout {
        case .auto, .text:
            return [ClassifierInput(source: source, text: text)]
        case .tsv, .lines, .jsonl:
            var rows: [ClassifierInput] = []
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { continue }
                let where_ = "\(source):\(n + 1)"
                switch layout {
                case .tsv:
                    let body = line.firstIndex(of: "\t").map { String(line[line.index(after: $0)...]) } ?? String(line)
                    rows.append(ClassifierInput(source: where_, text: body))
                case .jsonl:
                    guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                        throw CommandFailure("\(where_): not a JSON object")
                    }
                    guard let body = (object["text"] ?? object["article"]) as? String else {
                        throw CommandFailure("\(where_): no \"text\" or \"article\" string field")
                    }
                    let id = object["id"].map { "\($0)" }
                    rows.append(ClassifierInput(source: id ?? where_, text: body))
                default:
                    rows.append(ClassifierInput(source: where_, text: String(line)))
                }
            }
            return rows
        }
    }
}
