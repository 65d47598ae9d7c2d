import Foundation
import Precis

/// Writing `--report` HTML files.
enum ReportFile {
    /// Fails early (before any work) when `path`'s folder is missing or not writable.
    static func checkWritable(_ path: String?) throws {
        guard let path else { return }
        let folder = (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatasetError(path: path, "cannot write the report: no such directory \(dir)")
        }
        guard access(dir, W_OK) == 0 else { throw DatasetError(path: path, "cannot write the report: permission denied") }
    }

    /// Writes `html` to `path` atomically (temporary file and rename).
    static func write(_ html: String, to path: String) throws {
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DatasetError(path: path, "cannot write the report (\((error as NSError).localizedDescription))")
        }
    }
}
