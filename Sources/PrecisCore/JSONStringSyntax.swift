/// The byte-level syntax of JSON strings (RFC 8259) that several modules share: the
/// escaping of the command line's `--json` output and of the server's answers (so
/// the two are equal byte for byte), and the `\uXXXX` digits of the JSON readers.
///
/// ```swift
/// var out: [UInt8] = []
/// JSONStringSyntax.escape("say \"hi\"\n") { out.append(contentsOf: $0) }
/// String(decoding: out, as: UTF8.self)    // say \"hi\"\n
/// ```
package enum JSONStringSyntax {
    /// Passes the body of `s` as a JSON string literal (escaped, without the quotes) to
    /// `write`, piece by piece: each run of bytes that needs no escape at once, then
    /// each escape (`\"`, `\\`, `\n`, `\r`, `\t`, other control bytes as `\u00XX`).
    package static func escape(_ s: String, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        var s = s
        s.withUTF8 { u in
            var i = 0
            while i < u.count {
                var e = i
                while e < u.count && u[e] >= 0x20 && u[e] != 0x22 && u[e] != 0x5C { e += 1 }
                if e > i { write(UnsafeBufferPointer(rebasing: u[i..<e])) }
                guard e < u.count else { break }
                escapeSequence(of: u[e]).withUnsafeBufferPointer(write)
                i = e + 1
            }
        }
    }

    /// The escape sequence that stands for `byte` (a quote, a backslash or a control byte).
    static func escapeSequence(of byte: UInt8) -> [UInt8] {
        let backslash: UInt8 = 0x5C
        switch byte {
        case 0x22, 0x5C: return [backslash, byte]
        case 0x0A: return [backslash, UInt8(ascii: "n")]
        case 0x0D: return [backslash, UInt8(ascii: "r")]
        case 0x09: return [backslash, UInt8(ascii: "t")]
        default:
            let hex = Array("0123456789abcdef".utf8)
            return [backslash, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        }
    }

    /// The value of the four hexadecimal digits of a `\uXXXX` escape at
    /// `bytes[start..<start + 4]`, or `nil` when fewer than four bytes are left or
    /// one of them is not a hexadecimal digit.
    package static func unicodeEscapeValue<Bytes: RandomAccessCollection>(_ bytes: Bytes, at start: Int) -> UInt32?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        guard start >= bytes.startIndex, start + 4 <= bytes.endIndex else { return nil }
        var value: UInt32 = 0
        for byte in bytes[start..<(start + 4)] {
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
