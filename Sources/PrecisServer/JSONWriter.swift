import NIOCore
import PrecisCore

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

    /// Appends `value` as compact JSON with sorted keys: the encoder of the command line's `--json`.
    mutating func encoded<T: Encodable>(_ value: T) throws {
        buffer.writeBytes(try JSONLineEncoder().encode(value))
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
        JSONStringSyntax.escape(s) { buffer.writeBytes(UnsafeRawBufferPointer($0)) }
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
