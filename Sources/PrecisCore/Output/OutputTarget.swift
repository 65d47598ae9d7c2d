import Foundation

/// Decides whether a path may be written as an output file, before any work is
/// done. A target is refused when it is one of the command's input files (writing
/// it would destroy the data being read), or when it exists and is not a regular
/// file: renaming over a device node, a FIFO, a socket or a directory would replace
/// it with a plain file. A symbolic link to a regular file is followed, so the file
/// it points to is replaced and the link stays.
///
/// ```swift
/// let target = try OutputTarget(path: "model.precis", inputs: ["train.tsv"])
/// target.path          // where the file will be renamed to
/// ```
public struct OutputTarget: Sendable {
    /// The path written (symbolic links resolved).
    public let path: String
    /// The path as given, for messages.
    public let requested: String
    /// The directory the temporary file is created in: the target's own.
    public let directory: String
    /// Mode, owner and group of the file being replaced, if any.
    public let existing: (mode: mode_t, owner: uid_t, group: gid_t)?

    /// Checks `path` against the rules above.
    ///
    /// - Parameter inputs: the files the command reads; the target may be none of them.
    /// - Throws: ``OutputError`` naming `path` and why it is refused.
    public init(path: String, inputs: [String] = []) throws {
        requested = path
        guard !path.isEmpty else { throw OutputError(path: path, "empty output path") }
        var resolved = path
        var info = stat()
        if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK {
            guard let real = realpath(path, nil) else {
                throw OutputError(path: path, "is a symbolic link to a missing file; remove it or choose another path")
            }
            resolved = String(cString: real)
            free(real)
        }
        if stat(resolved, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG else {
                throw OutputError(path: path, "exists and is not a regular file (\(Self.kindName(kind))); refusing to replace it, choose another path")
            }
            for input in inputs {
                var other = stat()
                if stat(input, &other) == 0 && other.st_dev == info.st_dev && other.st_ino == info.st_ino {
                    throw OutputError(path: path, "is also an input file (\(input)); writing it would destroy the data, choose another path")
                }
            }
            existing = (info.st_mode & 0o7777, info.st_uid, info.st_gid)
        } else if errno != ENOENT {
            throw OutputError.system(path, "cannot write")
        } else {
            existing = nil
        }
        let url = URL(fileURLWithPath: resolved)
        let directory = url.deletingLastPathComponent().path
        var dirInfo = stat()
        guard stat(directory, &dirInfo) == 0, dirInfo.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError(path: path, "cannot write: directory \(directory) does not exist")
        }
        self.path = resolved
        self.directory = directory
    }

    /// A file type in words.
    static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }
}
