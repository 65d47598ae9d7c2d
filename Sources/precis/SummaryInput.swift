import Foundation
import Precis
import PrecisCore

/// A problem with a summariser input, printed as one line naming the file.
struct SummaryInputError: Error, CustomStringConvertible {
    var description: String
}

/// Reads one document for `summarize` / `keywords`: a file or standard input,
/// checked to be text, with HTML detected and reduced to its paragraphs.
enum SummaryInput {
    /// The plain text of `path` (`nil` or `-` for standard input).
    static func read(_ path: String?) throws -> (text: String, name: String) {
        let name = path == nil || path == "-" ? "<stdin>" : path!
        let data: Data
        if name == "<stdin>" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), isDirectory.boolValue {
                throw SummaryInputError(description: "\(name): is a directory, expected a text or HTML file")
            }
            do {
                data = try InputFile.read(name)
            } catch let error as DatasetError {
                throw SummaryInputError(description: error.description)
            }
        }
        return (try text(of: data, name: name), name)
    }

    /// Validates and decodes `data`; strips HTML.
    static func text(of data: Data, name: String) throws -> String {
        if data.contains(0) {
            throw SummaryInputError(description: "\(name): binary data (NUL bytes), expected UTF-8 text or HTML")
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw SummaryInputError(description: "\(name): not valid UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return plain(text)
    }

    /// `text`, or its paragraphs if it is HTML.
    static func plain(_ text: String) -> String {
        HtmlText.looksLikeHTML(text) ? HtmlText.plainText(fromHTML: text) : text
    }
}

/// Runs `body` for every index in `0..<count` on all cores, in chunks, and
/// returns the results in index order (so output is deterministic).
func orderedParallelMap<T>(_ count: Int, chunk: Int = 16, _ body: (Int) -> T) -> [T] {
    Parallelism.map(count, chunk: chunk, body)
}

/// Writes bytes to standard output (see ``OutputSink``: failures are reported).
func writeStandardOutput(_ bytes: [UInt8]) throws {
    try OutputSink.standardOutput.write(bytes)
}

/// Keeps a threaded BLAS (OpenBLAS) to one thread while Precis itself runs one
/// document per core: the per-document matrices are small, and BLAS threads
/// would only compete with the document workers. A no-op for other BLAS
/// libraries (the symbol is looked up at run time, never linked by name).
enum SummaryBLASThreads {
    static func useOneThreadPerWorker() {
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        if let symbol = dlsym(handle, "openblas_set_num_threads") {
            typealias SetThreads = @convention(c) (Int32) -> Void
            unsafeBitCast(symbol, to: SetThreads.self)(1)
        }
    }
}
