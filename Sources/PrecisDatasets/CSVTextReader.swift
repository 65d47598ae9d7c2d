import Foundation

extension CSVReader {
    /// The text column of every record of CSV `data` (with a header row), for
    /// documents without labels; each is sourced by its `idColumn` field when one is
    /// named, else `path:LINE`.
    ///
    /// - Throws: ``DatasetError`` naming `path` and the line, as ``read(path:labelColumn:textColumn:)``.
    static func readTexts(_ data: Data, path: String, textColumn: String, idColumn: String? = nil,
                          limits: ReaderLimits = .standard) throws -> [SourcedDocument] {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var parser = Parser(bytes: bytes, path: path, limits: limits)
            parser.position = FileBytes.bomLength(bytes)
            guard let header = try parser.nextRecord() else { return [] }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard let column = names.firstIndex(of: textColumn) else {
                throw DatasetError(path: path, line: 1, "no column named '\(textColumn)' in the header (columns: \(names.joined(separator: ", ")))")
            }
            let idIndex = try idColumn.map { id in
                guard let index = names.firstIndex(of: id) else {
                    throw DatasetError(path: path, line: 1, "no column named '\(id)' in the header (columns: \(names.joined(separator: ", ")))")
                }
                return index
            }
            var documents: [SourcedDocument] = []
            while let record = try parser.nextRecord() {
                if record.fields.count == 1 && record.fields[0].isEmpty { continue }
                guard record.fields.count == names.count else {
                    throw DatasetError(path: path, line: record.line, "expected \(names.count) fields as in the header, found \(record.fields.count)")
                }
                documents.append(SourcedDocument(source: idIndex.map { record.fields[$0] } ?? "\(path):\(record.line)",
                                                 text: record.fields[column]))
            }
            return documents
        }
    }
}
