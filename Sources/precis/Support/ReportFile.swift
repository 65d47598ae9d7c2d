import Foundation
import Precis

/// Writing the files a command produces besides a model (`--report` HTML,
/// `--per-document` JSONL): checked as an ``OutputTarget`` before any work (not an
/// input, not a device, FIFO, socket or directory, in an existing directory) and
/// written with ``AtomicFile`` (O_TMPFILE + linkat, the old file's mode kept).
enum ReportFile {
    /// Fails early (before any work) when `path` may not be written: its folder is
    /// missing, or it is one of `inputs` or exists and is not a regular file.
    static func checkWritable(_ path: String?, inputs: [String] = []) throws {
        guard let path else { return }
        _ = try OutputTarget(path: path, inputs: inputs)
    }

    /// Writes `html` to `path` atomically.
    static func write(_ html: String, to path: String, inputs: [String] = []) throws {
        try write(Array(html.utf8), to: path, inputs: inputs)
    }

    /// Writes `bytes` to `path` atomically.
    static func write(_ bytes: [UInt8], to path: String, inputs: [String] = []) throws {
        try AtomicFile.write(bytes, to: path, inputs: inputs)
    }
}
