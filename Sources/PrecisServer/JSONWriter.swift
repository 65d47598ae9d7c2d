import NIOCore

/// Writes JSON straight into a response buffer: the same escaping (RFC 8259) and number forms
/// as the command line's `--json` output, so a server answer equals the CLI's byte for byte.
///
/// ```swift
/// var json = JSONWriter()
/// json.raw("{\"label\":"); json.string("sport"); json.raw("}")
/// json.buffer   // {"label":"sport"}
/// ```
struct JSONWriter {
    var buffer: ByteBuffer

    init(capacity: Int = 256) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Appends `s` as it is (JSON punctuation, keys known to need no escape).
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { _ = buffer.writeBytes($0) }
    }

    /// Appends `s` as it is.
    mutating func raw(_ s: String) {
        buffer.writeString(s)
    }

    /// Appends a JSON string literal.
    mutating func string(_ s: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            var i = 0
            while i < u.count {
                // Copy the run of bytes that need no escape in one go.
                var e = i
                while e < u.count && u[e] >= 0x20 && u[e] != 0x22 && u[e] != 0x5C { e += 1 }
                if e > i { buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(u)[i..<e])) }
                guard e < u.count else { break }
                switch u[e] {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    raw("\\u00")
                    hex.withUTF8Buffer { h in
                        buffer.writeInteger(h[Int(u[e] >> 4)])
                        buffer.writeInteger(h[Int(u[e] & 15)])
                    }
                }
                i = e + 1
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// A number in Swift's shortest round-trip form (`null` when not finite).
    mutating func number(_ x: Double) {
        if x.isFinite { buffer.writeString(x.description) } else { raw("null") }
    }

    /// A single-precision number in its own shortest form, as the CLI prints scores.
    mutating func number(_ x: Float) {
        if x.isFinite { buffer.writeString(x.description) } else { raw("null") }
    }

    /// An integer.
    mutating func integer(_ n: Int) {
        buffer.writeString(String(n))
    }

    /// `true` or `false`.
    mutating func bool(_ b: Bool) {
        if b { raw("true") } else { raw("false") }
    }
}
