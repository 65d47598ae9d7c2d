import Foundation

/// Writes output files so that a reader sees either the old file or the complete
/// new one, and an interrupted run leaves nothing behind.
///
/// The contents go to an unnamed file (Linux `O_TMPFILE`) in the target's
/// directory, which is flushed to disk, given a name with `linkat` and renamed
/// over the target only when complete. Killed at any moment, even by `SIGKILL`,
/// the run leaves no file: an unnamed file vanishes with the process. Where the
/// file system has no `O_TMPFILE`, a hidden `.NAME.precis-tmp-PID-N` file is used
/// instead; `SIGINT`, `SIGTERM` and `SIGHUP` remove it, and the next write to the
/// same target removes any left by a process that no longer runs. A replaced
/// file's mode (and, where permitted, owner) is kept. ``OutputTarget`` decides
/// which paths may be written.
///
/// ```swift
/// try AtomicFile.write(Array("hello\n".utf8), to: "out.txt")
/// try AtomicFile.write(to: "big.txt", inputs: ["in.tsv"]) { file in
///     try file.write(Array("line\n".utf8))
/// }
/// ```
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    ///
    /// - Parameter inputs: the files the command reads (the target may be none of them).
    /// - Throws: ``OutputError`` naming `path`.
    public static func write(_ bytes: [UInt8], to path: String, inputs: [String] = []) throws {
        try write(to: path, inputs: inputs) { try $0.write(bytes) }
    }

    /// Streams the contents through `body`, then puts them in place atomically.
    /// Nothing changes at `path` when `body` throws.
    public static func write(to path: String, inputs: [String] = [], _ body: (Output) throws -> Void) throws {
        try write(to: try OutputTarget(path: path, inputs: inputs), body)
    }

    /// Like ``write(to:inputs:_:)-(String,_,_)`` for a target already checked.
    public static func write(to target: OutputTarget, _ body: (Output) throws -> Void) throws {
        removeStaleTemporaries(of: target)
        let output = try Output(target: target)
        defer { output.discard() }
        try body(output)
        try output.commit()
    }

    /// An open temporary output file.
    public final class Output {
        let target: OutputTarget
        private(set) var fd: Int32
        /// The named temporary file when `O_TMPFILE` was not available.
        private var namedTemporary: String?

        init(target: OutputTarget) throws {
            self.target = target
            let mode = mode_t(target.existing?.mode ?? 0o666)
            let fd = AtomicFile.namedOnly ? -1 : open(target.directory, AtomicFile.O_TMPFILE | O_WRONLY | O_CLOEXEC, mode)
            if fd >= 0 {
                self.fd = fd
                return
            }
            // No unnamed files here (an old kernel, some network file systems): a named one.
            let name = AtomicFile.temporaryName(for: target)
            TemporaryRegistry.register(name)
            let named = open(name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
            guard named >= 0 else {
                TemporaryRegistry.unregister(name)
                throw OutputError.system(target.requested, "cannot create a temporary file in \(target.directory)")
            }
            self.fd = named
            self.namedTemporary = name
        }

        /// Appends `bytes`.
        public func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try write(bytes: $0) }
        }

        /// Appends raw bytes.
        public func write(bytes: UnsafeRawBufferPointer) throws {
            try FileDescriptorWrite.all(bytes, to: fd) { throw OutputError.system(target.requested, "cannot write", $0) }
        }

        /// Mode and owner, flush, name, rename.
        func commit() throws {
            if let existing = target.existing {
                _ = fchown(fd, existing.owner, existing.group)     // only permitted to root; best effort
                guard fchmod(fd, existing.mode) == 0 else { throw OutputError.system(target.requested, "cannot set the mode") }
            }
            guard fsync(fd) == 0 else { throw OutputError.system(target.requested, "cannot write") }
            var temporary = namedTemporary
            if temporary == nil {
                let name = AtomicFile.temporaryName(for: target)
                TemporaryRegistry.register(name)
                guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 else {
                    TemporaryRegistry.unregister(name)
                    throw OutputError.system(target.requested, "cannot give the new file a name in \(target.directory)")
                }
                temporary = name
                namedTemporary = name
            }
            guard let temporary else { return }
            let closed = close(fd)
            fd = -1
            guard closed == 0 else { throw OutputError.system(target.requested, "cannot write") }
            // Renaming over a non-regular file is refused: check again just before.
            var info = stat()
            if lstat(target.path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
                throw OutputError(path: target.requested, "exists and is not a regular file (\(OutputTarget.kindName(info.st_mode & S_IFMT))); refusing to replace it")
            }
            guard rename(temporary, target.path) == 0 else {
                throw OutputError.system(target.requested, "cannot rename the new file into place")
            }
            TemporaryRegistry.unregister(temporary)
            namedTemporary = nil
            let directory = open(target.directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if directory >= 0 { _ = fsync(directory); close(directory) }
        }

        /// Closes and removes whatever is left (nothing after a successful commit).
        func discard() {
            if fd >= 0 { close(fd); fd = -1 }
            if let namedTemporary {
                unlink(namedTemporary)
                TemporaryRegistry.unregister(namedTemporary)
                self.namedTemporary = nil
            }
        }
    }

    /// `PRECIS_NAMED_TEMPORARIES=1` skips `O_TMPFILE` and uses named temporary files,
    /// for a file system whose `O_TMPFILE` misbehaves (and to test that path).
    static let namedOnly = ProcessInfo.processInfo.environment["PRECIS_NAMED_TEMPORARIES"] == "1"

    /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; a macro Swift does not import).
    static let O_TMPFILE: Int32 = 0o20_000_000 | 0o200_000

    /// The hidden name a temporary file gets beside `target`.
    static func temporaryName(for target: OutputTarget) -> String {
        let name = URL(fileURLWithPath: target.path).lastPathComponent
        counter.lock()
        defer { counter.unlock() }
        sequence += 1
        return (target.directory as NSString).appendingPathComponent(".\(name).precis-tmp-\(getpid())-\(sequence)")
    }

    nonisolated(unsafe) private static var sequence = 0
    private static let counter = NSLock()

    /// Removes temporary files of `target` left by processes that no longer run:
    /// `.NAME.precis-tmp-PID-N`, and `.NAME.tmp-PID` of earlier versions.
    static func removeStaleTemporaries(of target: OutputTarget) {
        let name = URL(fileURLWithPath: target.path).lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: target.directory) else { return }
        for entry in entries {
            let pidText: Substring
            if entry.hasPrefix(".\(name).precis-tmp-") {
                pidText = entry.dropFirst(name.count + 13).prefix { $0 != "-" }
            } else if entry.hasPrefix(".\(name).tmp-") {
                pidText = entry.dropFirst(name.count + 6)
            } else {
                continue
            }
            guard let pid = Int32(pidText), pid > 0 else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }     // still running
            let path = (target.directory as NSString).appendingPathComponent(entry)
            var info = stat()
            if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
    }
}

/// The named temporary files that exist right now, removed by a handler for
/// `SIGINT`, `SIGTERM` and `SIGHUP` before the signal takes its default course.
/// Fixed C buffers, so the handler only calls async-signal-safe functions.
enum TemporaryRegistry {
    static let slots = 8
    static let capacity = 4096
    nonisolated(unsafe) static let paths: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: slots * capacity)
        p.initialize(repeating: 0, count: slots * capacity)
        return p
    }()
    nonisolated(unsafe) static var installed = false
    static let lock = NSLock()

    static func register(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        installHandlers()
        let utf8 = Array(path.utf8)
        guard utf8.count < capacity else { return }
        for slot in 0..<slots where paths[slot * capacity] == 0 {
            let base = paths + slot * capacity
            for (i, byte) in utf8.enumerated() { base[i + 1] = CChar(bitPattern: byte) }
            base[utf8.count + 1] = 0
            base[0] = 1                       // in use: set last, after the path
            return
        }
    }

    static func unregister(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for slot in 0..<slots where paths[slot * capacity] != 0 {
            let base = paths + slot * capacity
            if String(cString: base + 1) == path { base[0] = 0 }
        }
    }

    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(sig) { received in
                for slot in 0..<TemporaryRegistry.slots {
                    let base = TemporaryRegistry.paths + slot * TemporaryRegistry.capacity
                    if base[0] != 0 { unlink(base + 1) }
                }
                signal(received, SIG_DFL)
                raise(received)
            }
            // A signal the process ignores (nohup, background jobs) stays ignored;
            // one with a handler of its own keeps it.
            if let previous, unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self) {
                signal(sig, previous)
            }
        }
    }
}
