import Foundation
import PrecisText

/// One document read from a ``DocumentSource``, with where it came from.
///
/// ```swift
/// let doc = try DocumentSource.text(at: "article.txt")
/// print(doc.source, doc.text.count)     // "article.txt 2417"
/// ```
public struct SourcedDocument: Equatable, Sendable, Codable {
    /// `FILE` for a whole file, `FILE:LINE` for a row, the row's `id` for JSONL
    /// rows that have one, `-` for standard input.
    public var source: String
    /// The text.
    public var text: String

    /// A document from its parts.
    public init(source: String, text: String) {
        self.source = source
        self.text = text
    }
}

/// Unlabelled documents to classify or summarise: whole files, standard input
/// (`-`), each row of a TSV, CSV or JSONL file, or each `.txt` file of a directory.
///
/// Invalid UTF-8 is refused, never replaced, and every error names the file
/// (and line).
///
/// ```swift
/// let docs = try DocumentSource(paths: ["test.tsv", "notes.txt"]).documents()
/// docs[0].source    // "test.tsv:1"
/// let one = try DocumentSource.text(at: "article.html")   // HTML reduced to its paragraphs
/// ```
public struct DocumentSource: Sendable {
    /// Files or directories; `-` (or none at all) is standard input.
    public var paths: [String]
    /// How each input splits into documents.
    public var layout: DocumentLayout
    /// The CSV column / JSONL key of the text; `text` (or JSONL `article`) if nil.
    public var textColumn: String?
    /// The JSONL key of a row's id (its ``SourcedDocument/source``); `id` if nil.
    public var idColumn: String?

    /// A source reading `paths` with `layout`.
    public init(paths: [String], layout: DocumentLayout = .auto, textColumn: String? = nil, idColumn: String? = nil) {
        self.paths = paths
        self.layout = layout
        self.textColumn = textColumn
        self.idColumn = idColumn
    }

    /// Every document of every path, in order.
    ///
    /// - Throws: ``DatasetError`` naming the file (and line).
    public func documents() throws -> [SourcedDocument] {
        var documents: [SourcedDocument] = []
        for path in paths.isEmpty ? ["-"] : paths {
            var isDirectory: ObjCBool = false
            if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                guard layout == .auto || layout == .text else {
                    throw DatasetError(path: path, "is a directory; only whole files (layout auto or text) can come from one")
                }
                documents += try Self.textFiles(under: path).map { SourcedDocument(source: $0, text: try Self.utf8(Self.bytes(of: $0), path: $0)) }
                continue
            }
            let text = try Self.utf8(Self.bytes(of: path), path: path)
            documents += try split(text, source: path, layout: layout.resolved(for: path))
        }
        return documents
    }

    /// One whole document for the summariser or keyword extractor: a text or HTML
    /// file, or standard input for `nil` or `-` (named `<stdin>` in errors). A
    /// byte-order mark is dropped and, unless `html` is false, HTML is reduced to
    /// its paragraphs.
    ///
    /// - Throws: ``DatasetError`` for a directory, a missing or unreadable file,
    ///   binary data (NUL bytes) or invalid UTF-8.
    public static func text(at path: String?, html: Bool = true) throws -> SourcedDocument {
        let name = path == nil || path == "-" ? "<stdin>" : path ?? "-"
        var isDirectory: ObjCBool = false
        if name != "<stdin>", FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DatasetError(path: name, "is a directory, expected a text or HTML file")
        }
        let data = try bytes(of: name == "<stdin>" ? "-" : name, name: name)
        if data.contains(0) { throw DatasetError(path: name, "binary data (NUL bytes), expected UTF-8 text or HTML") }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw DatasetError(path: name, "not valid UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return SourcedDocument(source: name, text: html ? HtmlText.plainTextIfHTML(text) : text)
    }

    /// The contents of `path` (`-`: all of standard input).
    static func bytes(of path: String, name: String? = nil) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(path: name ?? path, "cannot read file (missing or unreadable)")
        }
        return data
    }

    static func utf8(_ data: Data, path: String) throws -> String {
        guard let text = String(validating: data, as: UTF8.self) else { throw DatasetError(path: path, "invalid UTF-8") }
        return text
    }

    /// The `.txt` files below `directory`, in byte order of their paths (hidden entries skipped).
    static func textFiles(under directory: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw DatasetError(path: directory, "cannot list directory")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if (relative as NSString).lastPathComponent.hasPrefix(".") { enumerator.skipDescendants(); continue }
            if relative.lowercased().hasSuffix(".txt") { files.append((directory as NSString).appendingPathComponent(relative)) }
        }
        guard !files.isEmpty else { throw DatasetError(path: directory, "no .txt files in the directory") }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The documents of one input's `text` under a concrete `layout`.
    func split(_ text: String, source: String, layout: DocumentLayout) throws -> [SourcedDocument] {
        switch layout {
        case .auto, .text:
            return [SourcedDocument(source: source, text: text)]
        case .csv:
            return try CSVReader.readTexts(Data(text.utf8), path: source, textColumn: textColumn ?? "text")
        case .tsv, .lines, .jsonl:
            var rows: [SourcedDocument] = []
            try FileBytes.forEachLine(Data(text.utf8)) { line, number in
                rows.append(try row(line, source: source, line: number, layout: layout))
            }
            return rows
        }
    }

    /// The document on one line of a row layout (`.tsv`, `.lines`, `.jsonl`):
    /// what ``documents()`` gives for that line, and what streaming reads give.
    ///
    /// - Throws: ``DatasetError`` naming `source` and `line` for a bad JSONL row.
    public func row(_ bytes: UnsafeBufferPointer<UInt8>, source: String, line number: Int,
                    layout: DocumentLayout) throws -> SourcedDocument {
        switch layout {
        case .tsv:
            let body = bytes.firstIndex(of: 0x09).map { UnsafeBufferPointer(rebasing: bytes[($0 + 1)...]) } ?? bytes
            return SourcedDocument(source: "\(source):\(number)", text: String(decoding: body, as: UTF8.self))
        case .jsonl:
            return try jsonlRow(bytes, path: source, line: number)
        default:
            return SourcedDocument(source: "\(source):\(number)", text: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A JSONL row's text (`textColumn`, or `text` / `article`), sourced by its `id` when it has one.
    func jsonlRow(_ line: UnsafeBufferPointer<UInt8>, path: String, line number: Int) throws -> SourcedDocument {
        let record = try jsonlRecord(line, path: path, line: number)
        return SourcedDocument(source: record.id ?? "\(path):\(number)", text: record.text)
    }

    /// A JSONL row's id (`idColumn`, or `id`; nil when absent) and text (`textColumn`, or `text` / `article`).
    ///
    /// - Throws: ``DatasetError`` naming `path` and `line`.
    public func jsonlRecord(_ line: UnsafeBufferPointer<UInt8>, path: String, line number: Int) throws -> (id: String?, text: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw DatasetError(path: path, line: number, "not a JSON object")
        }
        let keys = textColumn.map { [$0] } ?? ["text", "article"]
        guard let body = keys.lazy.compactMap({ object[$0] as? String }).first else {
            throw DatasetError(path: path, line: number, "no " + keys.map { "\"\($0)\"" }.joined(separator: " or ") + " string field")
        }
        let id = object[idColumn ?? "id"].flatMap { JSONLReader.labelString($0) }
        return (id, body)
    }
}
