/// Text from a data or model file made safe to print: control characters
/// (C0, DEL, C1, such as the ESC that starts an ANSI sequence) and invisible
/// bidirectional or format characters are shown as `\u{…}` escapes, so a label
/// or a term can neither drive the terminal nor hide itself.
///
/// ```swift
/// TerminalText.escaped("sport\u{1B}[2J")   // "sport\\u{1B}[2J"
/// TerminalText.escaped("café")             // "café"
/// ```
public enum TerminalText {
    /// `text` with every unsafe character replaced by its `\u{…}` escape.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` escaped, and cut to `limit` characters with a trailing `…`.
    public static func escaped(_ text: String, limit: Int) -> String {
        let safe = escaped(text)
        guard safe.count > limit else { return safe }
        return String(safe.prefix(max(0, limit - 1))) + "…"
    }

    /// Control, bidirectional-override and invisible format characters.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: return true
        default: return false
        }
    }
}
