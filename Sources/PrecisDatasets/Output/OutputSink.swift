import Foundation
import PrecisCore

/// The one way the command-line tool writes to standard output and standard
/// error: buffered, and every failure reported instead of ignored.
///
/// - A full disk (`ENOSPC`), an I/O error (`EIO`) or any other failure throws an
///   ``OutputError`` naming the stream, so the command ends with a message and a
///   non-zero exit instead of exiting 0 with its output lost.
/// - A closed pipe (`EPIPE`: `precis classify … | head -1`) ends the process
///   quietly, as Unix tools do: by the default action of `SIGPIPE` (exit status
///   141 in a shell).
///
/// ```swift
/// try OutputSink.standardOutput.print("business 0.93")
/// try OutputSink.standardOutput.flush()      // at the end of a command
/// ```
public final class OutputSink: @unchecked Sendable {
    /// File descriptor 1.
    public static let standardOutput = OutputSink(fileDescriptor: 1, name: "standard output")
    /// File descriptor 2 (written through at once: diagnostics are never held back).
    public static let standardError = OutputSink(fileDescriptor: 2, name: "standard error", bufferLimit: 0)

    /// The descriptor written to.
    public let fileDescriptor: Int32
    /// The name used in error messages.
    public let name: String
    private let bufferLimit: Int
    private var buffer: [UInt8] = []
    private var firstFailure: OutputError?
    private let lock = NSLock()

    /// A sink over `fileDescriptor`, holding up to `bufferLimit` bytes before writing.
    public init(fileDescriptor: Int32, name: String, bufferLimit: Int = 1 << 16) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        self.bufferLimit = bufferLimit
        buffer.reserveCapacity(bufferLimit)
    }

    /// Writes `text` (no newline added).
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Writes `text` and a newline.
    public func print(_ text: String) throws {
        try write(text + "\n")
    }

    /// Writes `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(bytes: $0) }
    }

    /// Writes raw bytes.
    public func write(bytes: UnsafeRawBufferPointer) throws {
        lock.lock()
        defer { lock.unlock() }
        if let firstFailure { throw firstFailure }
        if buffer.count + bytes.count <= bufferLimit {
            buffer.append(contentsOf: bytes)
            return
        }
        try drainLocked()
        if bytes.count <= bufferLimit {
            buffer.append(contentsOf: bytes)
        } else {
            try writeAll(bytes)
        }
    }

    /// The first write failure, if any: writes after it are dropped, so a caller
    /// that ignored one error still learns of it here or from ``flush()``.
    public var failure: OutputError? {
        lock.lock()
        defer { lock.unlock() }
        return firstFailure
    }

    /// Writes out whatever is buffered.
    public func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        if let firstFailure { throw firstFailure }
        try drainLocked()
    }

    private func drainLocked() throws {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withUnsafeBytes { try writeAll($0) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        try FileDescriptorWrite.all(bytes, to: fileDescriptor) { code in
            if code == EAGAIN {
                var poller = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&poller, 1, 1000)
                return
            }
            if code == EPIPE { Self.endForBrokenPipe() }
            let error = OutputError.system(name, "cannot write", code)
            firstFailure = error
            throw error
        }
    }

    /// Ends the process the way a Unix filter ends when its reader has gone: by
    /// `SIGPIPE`'s default action, without a message.
    public static func endForBrokenPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)
    }
}
