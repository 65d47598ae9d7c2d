/// Python's (and so scikit-learn's) definition of a word character, `\w` in a
/// Unicode regular expression: `str.isalnum()` or the underscore.
///
/// `isalnum` holds for letters (general categories Lu, Ll, Lt, Lm, Lo) and
/// for characters with a numeric value (Nd, Nl, No and numeric ideographs).
/// Combining marks (Mn, Mc) are *not* word characters, so they split tokens
/// as they do in Python.
public enum WordCharacters {
    /// Whether an ASCII byte is `[A-Za-z0-9_]`.
    @inlinable @inline(__always)
    public static func isASCIIWord(_ b: UInt8) -> Bool {
        ((b | 0x20) &- 0x61) < 26 || (b &- 0x30) < 10 || b == 0x5F
    }

    /// Whether a Unicode scalar is a word character in Python's sense.
    @inlinable
    public static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return isASCIIWord(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }
}
