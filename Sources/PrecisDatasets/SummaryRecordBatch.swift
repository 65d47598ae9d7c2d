import Foundation
import PrecisCore

extension SummaryRecordReader {
    /// Parses every record of the JSONL file at `path` (`-`: standard input) and
    /// transforms it, on all cores, returning the results in file order. Records
    /// are parsed inside the workers and not kept, so a large batch reads each
    /// byte once and holds only the results.
    ///
    /// ```swift
    /// let lengths = try SummaryRecordReader.mapRecords(path: "articles.jsonl") { $0.article.count }
    /// ```
    ///
    /// - Throws: the first error in file order: ``DatasetError`` naming the file and
    ///   line for a bad record (or an empty file), or the error `transform` threw.
    public static func mapRecords<T>(path: String, chunk: Int = 16, fields: SummaryRecordFields = SummaryRecordFields(),
                                     _ transform: (SummaryRecord) throws -> T) throws -> [T] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            // A regular file is mapped rather than copied (the batch reads each byte once);
            // a pipe is read to its end; a device or a directory is refused (``FileBytes``).
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
               let mapped = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) {
                data = mapped
            } else {
                data = try FileBytes.read(path)
            }
        }
        let results: [Result<T?, Error>] = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let lines = lineRanges(bytes)
            return Parallelism.map(lines.count, chunk: chunk) { k in
                Result { try parseLine(UnsafeBufferPointer(rebasing: bytes[lines[k]]), line: k + 1, path: path, fields: fields).map(transform) }
            }
        }
        var outputs: [T] = []
        outputs.reserveCapacity(results.count)
        for result in results {
            if let output = try result.get() { outputs.append(output) }
        }
        if outputs.isEmpty { throw DatasetError(path: path, "no records (the file is empty)") }
        return outputs
    }
}
