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
                do {
                    data = try InputFile.read(path)
                } catch let error as DatasetError {
                    throw CommandFailure(error.description)
                }
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
            // Lines are found on UTF-8 bytes (LF, optional CR before it), not Characters.
            var rows: [ClassifierInput] = []
            var utf8 = text
            utf8.withUTF8 { bytes in
                var start = 0, lineNumber = 0
                while start <= bytes.count {
                    var end = start
                    while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                    lineNumber += 1
                    var stop = end
                    if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                    start = end + 1
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                        if end >= bytes.count { break }
                        continue
                    }
                    let place = "\(source):\(lineNumber)"
                    switch layout {
                    case .tsv:
                        let body = line.firstIndex(of: 0x09).map { UnsafeBufferPointer(rebasing: line[($0 + 1)...]) } ?? line
                        rows.append(ClassifierInput(source: place, text: String(decoding: body, as: UTF8.self)))
                    case .jsonl:
                        rows.append(ClassifierInput(source: place, text: String(decoding: line, as: UTF8.self)))
                    default:
                        rows.append(ClassifierInput(source: place, text: String(decoding: line, as: UTF8.self)))
                    }
                    if end >= bytes.count { break }
                }
            }
            if layout == .jsonl {
                for (i, row) in rows.enumerated() {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(row.text.utf8)) as? [String: Any] else {
                        throw CommandFailure("\(row.source): not a JSON object")
                    }
                    guard let body = (object["text"] ?? object["article"]) as? String else {
                        throw CommandFailure("\(row.source): no \"text\" or \"article\" string field")
                    }
                    rows[i] = ClassifierInput(source: object["id"].map { "\($0)" } ?? row.source, text: body)
                }
            }
            return rows
        }
    }
}
