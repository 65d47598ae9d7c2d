import Foundation

/// Reads CSV files with a header row (RFC 4180): fields separated by commas,
/// optionally enclosed in double quotes, `""` for a quote inside a quoted
/// field, quoted fields may span lines; LF or CRLF line ends. The label and
/// text columns are chosen by header name.
///
/// ```swift
/// let docs = try CSVReader.read(path: "reviews.csv", labelColumn: "sentiment", textColumn: "review")
/// ```
public enum CSVReader {
    /// All documents of the file at `path`.
    ///
    /// - Parameters:
    ///   - labelColumn: header name of the label column (default `label`).
    ///   - textColumn: header name of the text column (default `text`).
    /// - Throws: ``DatasetError`` naming the file and line: missing column,
    ///   a record with the wrong number of fields, an unterminated quote,
    ///   stray characters after a closing quote, invalid UTF-8, empty label,
    ///   a record or field beyond `limits`.
    public static func read(path: String, labelColumn: String = "label", textColumn: String = "text",
                            limits: ReaderLimits = .standard) throws -> [LabeledDocument] {
        try parse(try FileBytes.read(path), path: path, labelColumn: labelColumn, textColumn: textColumn, limits: limits)
    }

    /// The documents in `data`, with errors naming `path`.
    public static func parse(_ data: Data, path: String, labelColumn: String = "label", textColumn: String = "text",
                             limits: ReaderLimits = .standard) throws -> [LabeledDocument] {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var parser = Parser(bytes: bytes, path: path, limits: limits)
            parser.position = FileBytes.bomLength(bytes)
            guard let header = try parser.nextRecord() else {
                throw DatasetError(path: path, "empty file: expected a header row")
            }
            let names = header.fields.map { FileBytes.cleanLabel($0) }
            guard let labelIndex = names.firstIndex(of: labelColumn) else {
                throw DatasetError(path: path, line: 1, "no column named '\(labelColumn)' in the header (columns: \(names.joined(separator: ", ")))")
            }
            guard let textIndex = names.firstIndex(of: textColumn) else {
                throw DatasetError(path: path, line: 1, "no column named '\(textColumn)' in the header (columns: \(names.joined(separator: ", ")))")
            }
            var documents: [LabeledDocument] = []
            while let record = try parser.nextRecord() {
                if record.fields.count == 1 && record.fields[0].isEmpty { continue }   // blank line
                guard record.fields.count == names.count else {
                    throw DatasetError(path: path, line: record.line,
                                       "expected \(names.count) fields as in the header, found \(record.fields.count)")
                }
                let label = FileBytes.cleanLabel(record.fields[labelIndex])
                guard !label.isEmpty else { throw DatasetError(path: path, line: record.line, "empty label") }
                documents.append(LabeledDocument(label: label, text: record.fields[textIndex]))
            }
            return documents
        }
    }

    /// One record and the line it starts on.
    struct Record {
        var fields: [String]
        var line: Int
    }

    /// A byte-level RFC 4180 record parser. Records end with LF, CRLF or a lone CR
    /// (outside quotes).
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let path: String
        let limits: ReaderLimits
        var position = 0
        var line = 1

        init(bytes: UnsafeBufferPointer<UInt8>, path: String, limits: ReaderLimits = .standard) {
            self.bytes = bytes
            self.path = path
            self.limits = limits
        }

        /// Whether the byte at `position` ends a record.
        @inline(__always)
        func atRecordEnd(_ position: Int) -> Bool {
            bytes[position] == 0x0A || bytes[position] == 0x0D
        }

        mutating func nextRecord() throws -> Record? {
            guard position < bytes.count else { return nil }
            let startLine = line
            let recordStart = position
            var fields: [String] = []
            var field: [UInt8] = []
            while true {
                field.removeAll(keepingCapacity: true)
                if position < bytes.count && bytes[position] == 0x22 {
                    // Quoted field.
                    position += 1
                    let quoteLine = line
                    while true {
                        guard position < bytes.count else {
                            throw DatasetError(path: path, line: quoteLine, "unterminated quoted field")
                        }
                        let b = bytes[position]
                        if b == 0x22 {
                            if position + 1 < bytes.count && bytes[position + 1] == 0x22 {
                                field.append(0x22); position += 2
                            } else {
                                position += 1
                                break
                            }
                        } else {
                            if b == 0x0A || (b == 0x0D && (position + 1 == bytes.count || bytes[position + 1] != 0x0A)) { line += 1 }
                            field.append(b); position += 1
                            guard field.count <= limits.maximumFieldBytes else {
                                throw DatasetError(path: path, line: quoteLine, limits.fieldTooLong(field.count))
                            }
                        }
                    }
                    if position < bytes.count {
                        let b = bytes[position]
                        guard b == 0x2C || atRecordEnd(position) else {
                            throw DatasetError(path: path, line: line, "unexpected character after a closing quote (quotes inside a field must be doubled)")
                        }
                    }
                } else {
                    while position < bytes.count {
                        let b = bytes[position]
                        if b == 0x2C || atRecordEnd(position) { break }
                        if b == 0x22 {
                            throw DatasetError(path: path, line: line, "quote inside an unquoted field (enclose the field in quotes and double the quote)")
                        }
                        field.append(b); position += 1
                    }
                    guard field.count <= limits.maximumFieldBytes else {
                        throw DatasetError(path: path, line: line, limits.fieldTooLong(field.count))
                    }
                }
                guard position - recordStart <= limits.maximumLineBytes else {
                    throw DatasetError(path: path, line: startLine, limits.lineTooLong(position - recordStart))
                }
                fields.append(try field.withUnsafeBufferPointer { try FileBytes.string($0, path: path, line: line) })
                if position >= bytes.count { break }
                let b = bytes[position]
                if b == 0x2C { position += 1; continue }
                position += b == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A ? 2 : 1
                line += 1
                break
            }
            return Record(fields: fields, line: startLine)
        }
    }
}
