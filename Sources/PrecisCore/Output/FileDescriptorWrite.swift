import Foundation

/// `write(2)` until every byte is out: the one write loop of ``AtomicFile`` and the
/// standard-output sink.
///
/// ```swift
/// try FileDescriptorWrite.all(bytes, to: fd) { code in throw OutputError.system(path, "cannot write", code) }
/// ```
package enum FileDescriptorWrite {
    /// Writes all of `bytes` to `fd`, trying again when a signal interrupts the call.
    /// Any other failure's `errno` goes to `failed`, which throws, or returns to try
    /// again (after waiting for a full non-blocking pipe to drain, say).
    package static func all(_ bytes: UnsafeRawBufferPointer, to fd: Int32, failed: (_ errno: Int32) throws -> Void) rethrows {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(fd, base + offset, bytes.count - offset)
            if written > 0 { offset += written; continue }
            let code = written < 0 ? errno : EIO
            if code != EINTR { try failed(code) }
        }
    }
}
