import Foundation

/// Reads a directory with one sub-directory per label, each holding `.txt`
/// files, one document per file (the layout of the classic 20 Newsgroups
/// and BBC archives). Labels are the sub-directory names; documents come in
/// byte order of label, then of file name, so the order is the same on
/// every machine. Hidden entries (starting with `.`) are skipped.
///
/// ```swift
/// // news/sport/001.txt, news/tech/001.txt, …
/// let docs = try DirectoryReader.read(path: "news")
/// ```
public enum DirectoryReader {
    /// All documents under `path`.
    ///
    /// - Throws: ``DatasetError`` naming the directory or file: missing or
    ///   unreadable directory, no `.txt` files at all, invalid UTF-8 in a
    ///   file (with the line of the first bad byte).
    public static func read(path: String) throws -> [LabeledDocument] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatasetError(path: path, "no such directory")
        }
        guard let labels = try? fm.contentsOfDirectory(atPath: path) else {
            throw DatasetError(path: path, "cannot list directory")
        }
        var documents: [LabeledDocument] = []
        for label in labels.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !label.hasPrefix(".") {
            let folder = (path as NSString).appendingPathComponent(label)
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else { continue }
            guard let files = try? fm.contentsOfDirectory(atPath: folder) else {
                throw DatasetError(path: folder, "cannot list directory")
            }
            for name in files.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            where !name.hasPrefix(".") && name.hasSuffix(".txt") {
                let file = (folder as NSString).appendingPathComponent(name)
                let data = try FileBytes.read(file, allowPipes: false)      // a FIFO here would block the whole read
                let text: String = try data.withUnsafeBytes { raw in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    let body = UnsafeBufferPointer(rebasing: bytes[FileBytes.bomLength(bytes)...])
                    if let s = String(validating: body, as: UTF8.self) { return s }
                    throw DatasetError(path: file, line: firstInvalidLine(body), "invalid UTF-8 (convert the file to UTF-8, e.g. with iconv)")
                }
                documents.append(LabeledDocument(label: label, text: text))
            }
        }
        guard !documents.isEmpty else {
            throw DatasetError(path: path, "no documents: expected sub-directories (one per label) of .txt files")
        }
        return documents
    }

    /// The 1-based line holding the first invalid UTF-8 sequence.
    static func firstInvalidLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            if String(validating: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }
}
