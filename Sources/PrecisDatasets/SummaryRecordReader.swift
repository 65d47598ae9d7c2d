import Foundation
import PrecisCore

/// Reads summarisation JSONL files: one JSON object per line with an
/// `article` string, and optionally `id`, `summary`, `summary_sentences` and
/// `split`. Other fields are skipped. Blank lines are ignored.
///
/// ```swift
/// let records = try SummaryRecordReader.read(path: "bbc_summary.jsonl")
/// let test = records.filter { $0.split == "test" }
/// ```
///
/// The parser is a small byte-level JSON reader specialised for flat records
/// (about 1 GB/s), so reading never dominates a `--jsonl` batch.
public enum SummaryRecordReader {
    /// All records of the file at `path` (`-` reads standard input).
    ///
    /// - Throws: ``DatasetError`` naming the file and line for a missing
    ///   file, invalid UTF-8, malformed JSON, a line that is not an object,
    ///   or a record without an `article` string.
    public static func read(path: String) throws -> [SummaryRecord] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = try FileBytes.read(path)
        }
        return try parse(data, path: path)
    }

    /// The records in `data`, with errors naming `path`.
    public static func parse(_ data: Data, path: String) throws -> [SummaryRecord] {
        var records: [SummaryRecord] = []
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            for (number, range) in lineRanges(bytes).enumerated() {
                if let record = try parseLine(UnsafeBufferPointer(rebasing: bytes[range]), line: number + 1, path: path) {
                    records.append(record)
                }
            }
        }
        if records.isEmpty { throw DatasetError(path: path, "no records (the file is empty)") }
        return records
    }

    /// The byte ranges of the lines of `bytes` (without their line ends: LF, CRLF or
    /// a lone CR, so classic Mac files read line by line); line `k + 1` is element `k`.
    /// Lets a caller parse lines in parallel with ``parseLine(_:line:path:)``.
    public static func lineRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            let (end, next) = FileBytes.lineEnd(bytes, from: start)
            ranges.append(start..<end)
            start = next
        }
        return ranges
    }

    /// The record on one line (`nil` for a blank line).
    ///
    /// - Throws: ``DatasetError`` naming `path` and `line`.
    public static func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, path: String,
                                 fields: SummaryRecordFields = SummaryRecordFields()) throws -> SummaryRecord? {
        var parser = SummaryRecordParser(bytes: bytes, fields: fields)
        parser.skipSpace()
        if parser.atEnd { return nil }
        do {
            return try parser.record(line: line)
        } catch let error as SummaryRecordParser.Failure {
            throw DatasetError(path: path, line: line, error.message)
        }
    }
}

/// A minimal JSON reader for one line holding a flat object.
struct SummaryRecordParser {
    struct Failure: Error { var message: String }

    let bytes: UnsafeBufferPointer<UInt8>
    let fields: SummaryRecordFields
    var i = 0
    /// Deepest nesting of arrays and objects accepted in skipped values.
    var maximumDepth = ReaderLimits.standard.maximumJSONDepth

    init(bytes: UnsafeBufferPointer<UInt8>, fields: SummaryRecordFields = SummaryRecordFields(),
         maximumDepth: Int = ReaderLimits.standard.maximumJSONDepth) {
        self.bytes = bytes
        self.fields = fields
        self.maximumDepth = maximumDepth
    }

    var atEnd: Bool { i >= bytes.count }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
    }

    mutating func expect(_ c: UInt8, _ what: String) throws {
        skipSpace()
        guard i < bytes.count, bytes[i] == c else { throw Failure(message: "invalid JSON: expected \(what)") }
        i += 1
    }

    /// Skips a UTF-8 byte-order mark at the start of the line.
    mutating func skipByteOrderMark() {
        if bytes.count >= 3 && i == 0 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
    }

    /// Reads the object that makes up the line (after an optional byte-order mark):
    /// calls `member` with each key while `i` stands at its value, which `member`
    /// must consume, then requires the end of the line. `notAnObject` is the
    /// message for a line that does not hold an object.
    mutating func object(notAnObject: String, _ member: (inout SummaryRecordParser, String) throws -> Void) throws {
        skipByteOrderMark()
        skipSpace()
        guard i < bytes.count, bytes[i] == 0x7B else { throw Failure(message: notAnObject) }
        i += 1
        skipSpace()
        if i < bytes.count && bytes[i] == 0x7D { i += 1 } else {
            while true {
                skipSpace()
                let key = try string()
                try expect(0x3A, "':'")
                skipSpace()
                try member(&self, key)
                skipSpace()
                guard i < bytes.count else { throw Failure(message: "invalid JSON: unterminated object") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; break }
                throw Failure(message: "invalid JSON: expected ',' or '}'")
            }
        }
        skipSpace()
        guard atEnd else { throw Failure(message: "invalid JSON: text after the object") }
    }

    mutating func record(line: Int) throws -> SummaryRecord {
        var id: String?, article: String?, summary: String?, sentences: [String]?, split: String?
        let fields = self.fields
        try object(notAnObject: "expected a JSON object per line") { parser, key in
            switch key == fields.id ? "id" : key == fields.article ? "article" : key == "id" || key == "article" ? "" : key {
            case "id": id = try parser.identifier()
            case "article": article = try parser.optionalString(key)
            case "summary": summary = try parser.optionalString(key)
            case "split": split = try parser.optionalString(key)
            case "summary_sentences": sentences = try parser.stringArray(key)
            default: try parser.skipValue()
            }
        }
        guard let article else { throw Failure(message: "record has no \"\(fields.article)\" string") }
        return SummaryRecord(id: id ?? String(line), article: article, summary: summary,
                             summarySentences: sentences, split: split, line: line)
    }

    /// A record id: a string, or any other value as its JSON text.
    mutating func identifier() throws -> String {
        if i < bytes.count && bytes[i] == 0x22 { return try string() }
        let s = i
        try skipValue()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<i]), as: UTF8.self)
    }

    mutating func optionalString(_ key: String) throws -> String? {
        if i < bytes.count && bytes[i] == 0x6E { try literal("null"); return nil }
        guard i < bytes.count && bytes[i] == 0x22 else { throw Failure(message: "\"\(key)\" must be a string") }
        return try string()
    }

    mutating func stringArray(_ key: String) throws -> [String]? {
        if i < bytes.count && bytes[i] == 0x6E { try literal("null"); return nil }
        try expect(0x5B, "'[' for \"\(key)\"")
        var result: [String] = []
        skipSpace()
        if i < bytes.count && bytes[i] == 0x5D { i += 1; return result }
        while true {
            skipSpace()
            guard i < bytes.count && bytes[i] == 0x22 else { throw Failure(message: "\"\(key)\" must be a list of strings") }
            result.append(try string())
            skipSpace()
            guard i < bytes.count else { throw Failure(message: "invalid JSON: unterminated list") }
            if bytes[i] == 0x2C { i += 1; continue }
            if bytes[i] == 0x5D { i += 1; return result }
            throw Failure(message: "invalid JSON: expected ',' or ']'")
        }
    }

    mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw Failure(message: "invalid JSON value") }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw Failure(message: "invalid JSON value") }
        i += n
    }

    /// A JSON string at `i` (which must be a quote), unescaped; validates UTF-8.
    mutating func string() throws -> String {
        guard i < bytes.count, bytes[i] == 0x22 else { throw Failure(message: "invalid JSON: expected a string") }
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count && bytes[i] != 0x22 && bytes[i] != 0x5C { i += 1 }
        if i < bytes.count && bytes[i] == 0x22 {
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
            i += 1
            guard let s = String(validating: raw, as: UTF8.self) else { throw Failure(message: "invalid UTF-8") }
            return s
        }
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
        out.reserveCapacity(out.count + 256)
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw Failure(message: "invalid UTF-8") }
                return s
            }
            if c != 0x5C {
                // Copy the run up to the next quote or backslash in one go.
                var e = i + 1
                while e < bytes.count && bytes[e] != 0x22 && bytes[e] != 0x5C { e += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<e]))
                i = e
                continue
            }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var value = try hex4()
                if value >= 0xD800 && value < 0xDC00, i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                    i += 2
                    let low = try hex4()
                    if low >= 0xDC00 && low < 0xE000 {
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        out.append(contentsOf: Array("\u{FFFD}".utf8))
                        value = low
                    }
                }
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(scalar).utf8))
            default: throw Failure(message: "invalid JSON escape")
            }
        }
        throw Failure(message: "invalid JSON: unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
        guard let value = JSONStringSyntax.unicodeEscapeValue(bytes, at: i) else { throw Failure(message: "invalid JSON \\u escape") }
        i += 4
        return value
    }

    /// Skips any JSON value.
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < maximumDepth else { throw Failure(message: "JSON nested more than \(maximumDepth) levels deep") }
        skipSpace()
        guard i < bytes.count else { throw Failure(message: "invalid JSON: missing value") }
        switch bytes[i] {
        case 0x22: _ = try string()
        case 0x7B, 0x5B:
            let close: UInt8 = bytes[i] == 0x7B ? 0x7D : 0x5D
            let isObject = close == 0x7D
            i += 1
            skipSpace()
            if i < bytes.count && bytes[i] == close { i += 1; return }
            while true {
                if isObject {
                    skipSpace()
                    _ = try string()
                    try expect(0x3A, "':'")
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                guard i < bytes.count else { throw Failure(message: "invalid JSON: unterminated value") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == close { i += 1; return }
                throw Failure(message: "invalid JSON: expected ',' or a closing bracket")
            }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default:
            let s = i
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) || [0x2D, 0x2B, 0x2E, 0x65, 0x45].contains(bytes[i]) { i += 1 }
            if i == s { throw Failure(message: "invalid JSON value") }
        }
    }
}

/// The JSONL keys of a summarisation record's text and id (`--text-field`, `--id-field`).
///
/// ```swift
/// let fields = SummaryRecordFields(article: "body", id: "doc_id")
/// let lines = try summarizer.summarizeRecords(at: "news.jsonl", fields: fields) { record, summary in summary.text }
/// ```
public struct SummaryRecordFields: Equatable, Sendable {
    /// The key of the article text (default `article`).
    public var article: String
    /// The key of the record id (default `id`).
    public var id: String

    /// Keys, `article` and `id` by default.
    public init(article: String = "article", id: String = "id") {
        self.article = article
        self.id = id
    }
}
