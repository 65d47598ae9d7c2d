import Foundation

// Interim: the line splitter of the hostile-input work (universal newlines), to be
// replaced by `FileBytes.lineEnd` when that lands on main (identical semantics).
extension FileBytes {
    /// The end of the line starting at `start` (exclusive, before any terminator) and
    /// where the next line starts. Lines end with LF, CRLF or a lone CR.
    @inline(__always)
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, next: Int) {
        guard let base = bytes.baseAddress, start < bytes.count else { return (start, start) }
        let lf = memchr(base + start, 0x0A, bytes.count - start)
            .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
        if lf > start, let cr = memchr(base + start, 0x0D, lf - start) {
            let p = base.distance(to: cr.assumingMemoryBound(to: UInt8.self))
            if p + 1 == lf { return (p, lf + 1) }      // CRLF
            return (p, p + 1)                           // lone CR
        }
        return (lf, lf + 1)
    }
}
