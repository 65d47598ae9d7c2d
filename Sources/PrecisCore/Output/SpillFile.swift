import Foundation

/// An anonymous temporary file that bytes are appended to and read back from:
/// where a stream parks what it cannot keep in memory (hashed counts between
/// training epochs, a Matrix Market body until its header can be written). It is
/// removed from its directory as soon as it is created, so nothing is left behind,
/// even after a crash; only its descriptor refers to it, and closing it frees the space.
///
/// ```swift
/// let spill = try SpillFile(purpose: "matrix body")
/// try spill.append(Array("1 1 0.5\n".utf8))
/// try spill.copy { piece in print(piece.count) }     // read back front to back
/// ```
package final class SpillFile {
    /// Bytes appended so far.
    package private(set) var count = 0
    /// The folder it was created in.
    package let directory: String
    private let descriptor: Int32
    /// What the file holds, for messages (`cannot write the matrix body: …`).
    private let purpose: String

    /// A new, empty file in `directory` (default: `$TMPDIR`, else `/tmp`).
    ///
    /// - Throws: ``OutputError`` naming the directory when the file cannot be created.
    package init(purpose: String, directory: String? = nil) throws {
        let folder = directory ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        self.directory = folder
        self.purpose = purpose
        var template = Array((folder + "/precis-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw OutputError.system(folder, "cannot create a temporary file for the \(purpose)")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Appends `bytes` at the end.
    ///
    /// - Throws: ``OutputError`` (a full temporary directory, say).
    package func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let n = pwrite(descriptor, base + written, bytes.count - written, off_t(count + written))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw OutputError.system(directory, "cannot write the temporary \(purpose) (is the temporary directory full? set TMPDIR)",
                                         n < 0 ? errno : ENOSPC)
            }
            written += n
        }
        count += bytes.count
    }

    /// Appends `bytes` at the end.
    package func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    /// Fills `buffer` with the bytes at `offset` (which must have been written).
    ///
    /// - Throws: ``OutputError`` for an I/O error.
    package func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw OutputError.system(directory, "cannot read back the temporary \(purpose)", n < 0 ? errno : EIO) }
            done += n
        }
    }

    /// Hands every byte written, front to back, to `body` in pieces of at most `pieceBytes`.
    ///
    /// - Throws: ``OutputError`` for an I/O error, or what `body` threw.
    package func copy(pieceBytes: Int = 1 << 22, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var piece = [UInt8](repeating: 0, count: max(1, min(pieceBytes, count)))
        var offset = 0
        while offset < count {
            let n = min(piece.count, count - offset)
            try piece.withUnsafeMutableBytes { raw in
                let part = UnsafeMutableRawBufferPointer(rebasing: raw[0..<n])
                try read(at: offset, into: part)
                try body(UnsafeRawBufferPointer(part))
            }
            offset += n
        }
    }
}
