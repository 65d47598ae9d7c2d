import Foundation

/// A member value of a JSONL line's object, as the labelled-data readers need it.
enum JSONLineValue: Equatable {
    case string(String)
    /// A number, as its literal text (so no digit is lost to `Double`).
    case number(String)
    case bool(Bool)
    case null
    /// An array or object (validated, not kept).
    case nested
}

extension SummaryRecordParser {
    /// The members of the object that makes up the line, keeping the values of
    /// `wanted` keys only (the others are validated and skipped). A wanted key
    /// given twice is an error: which of the two was meant is unknowable.
    mutating func members(wanted: Set<String>) throws -> [String: JSONLineValue] {
        var result: [String: JSONLineValue] = [:]
        try object(notAnObject: "expected a JSON object") { parser, key in
            if wanted.contains(key) {
                guard result[key] == nil else { throw Failure(message: "duplicate key '\(key)'") }
                result[key] = try parser.value()
            } else {
                try parser.skipValue(depth: 1)
            }
        }
        return result
    }

    /// One member value.
    mutating func value() throws -> JSONLineValue {
        guard i < bytes.count else { throw Failure(message: "invalid JSON: missing value") }
        switch bytes[i] {
        case 0x22: return .string(try string())
        case 0x7B, 0x5B: try skipValue(depth: 1); return .nested
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        default: return .number(try number())
        }
    }

    /// A number in strict JSON grammar, `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, as its text.
    mutating func number() throws -> String {
        let start = i
        func digits() -> Int {
            let s = i
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            return i - s
        }
        if i < bytes.count && bytes[i] == 0x2D { i += 1 }
        let integerStart = i
        let integerDigits = digits()
        guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == 0x30) else {
            throw Failure(message: "invalid JSON value")
        }
        if i < bytes.count && bytes[i] == 0x2E {
            i += 1
            guard digits() > 0 else { throw Failure(message: "invalid JSON number") }
        }
        if i < bytes.count && (bytes[i] == 0x65 || bytes[i] == 0x45) {
            i += 1
            if i < bytes.count && (bytes[i] == 0x2B || bytes[i] == 0x2D) { i += 1 }
            guard digits() > 0 else { throw Failure(message: "invalid JSON number") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }
}

enum JSONNumberLabel {
    /// The label for a JSON number literal. Integers keep their digits exactly
    /// (`12345678901234567890` is not `12345678901234567891`); other numbers of up
    /// to 15 significant digits, which `Double` holds exactly, are written in their
    /// shortest form (`3.0` and `3` are the label `3`, `2.50` is `2.5`); longer
    /// ones keep their literal text. Distinct numbers never become one label.
    static func label(_ literal: String) -> String {
        let isInteger = !literal.utf8.contains { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }
        if isInteger { return literal == "-0" ? "0" : literal }
        var significant = 0, leading = true
        for c in literal.utf8 {
            if c == 0x65 || c == 0x45 { break }
            guard c >= 0x30 && c <= 0x39 else { continue }
            if leading && c == 0x30 { continue }
            leading = false
            significant += 1
        }
        guard significant <= 15, let d = Double(literal), d.isFinite else { return literal }
        if d == d.rounded() && abs(d) < 9.0e15 { return String(Int64(d)) }
        return String(d)
    }
}

/// A JSON number as the exact text of its literal, as ``JSONLReader/forEachObject(_:path:limits:_:)``
/// hands numbers out: no digit is lost to `Double`, so `12345678901234567890` and
/// `12345678901234567891` stay distinct labels.
///
/// ```swift
/// let n = JSONNumber(literal: "12345678901234567890")
/// n.doubleValue      // 1.2345678901234567e19 (rounded)
/// n.literal          // "12345678901234567890" (exact)
/// ```
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The literal as written in the file (strict JSON number grammar).
    public let literal: String
    /// The nearest `Double`.
    public var doubleValue: Double { Double(literal) ?? .nan }
    /// The literal.
    public var description: String { literal }

    /// A number from its JSON literal.
    public init(literal: String) { self.literal = literal }
}

extension SummaryRecordParser {
    /// The line's object with every member, as Swift values: `String`, ``JSONNumber``,
    /// `Bool`, `NSNull`, `[Any]` and `[String: Any]` (the last of repeated keys wins).
    /// Nesting is bounded by ``maximumDepth``; a byte-order mark before the object is skipped.
    mutating func wholeObject() throws -> [String: Any] {
        skipByteOrderMark()
        skipSpace()
        guard i < bytes.count, bytes[i] == 0x7B else { throw Failure(message: "expected a JSON object") }
        guard let object = try anyValue(depth: 0) as? [String: Any] else { throw Failure(message: "expected a JSON object") }
        skipSpace()
        guard atEnd else { throw Failure(message: "invalid JSON: text after the object") }
        return object
    }

    /// One value of any kind (see ``wholeObject()``).
    mutating func anyValue(depth: Int) throws -> Any {
        skipSpace()
        guard i < bytes.count else { throw Failure(message: "invalid JSON: missing value") }
        switch bytes[i] {
        case 0x22: return try string()
        case 0x7B, 0x5B:
            guard depth < maximumDepth else { throw Failure(message: "JSON nested more than \(maximumDepth) levels deep") }
            let isObject = bytes[i] == 0x7B
            let close: UInt8 = isObject ? 0x7D : 0x5D
            i += 1
            var object: [String: Any] = [:]
            var array: [Any] = []
            skipSpace()
            if i < bytes.count && bytes[i] == close { i += 1; return isObject ? object as Any : array as Any }
            while true {
                if isObject {
                    skipSpace()
                    let key = try string()
                    try expect(0x3A, "':'")
                    object[key] = try anyValue(depth: depth + 1)
                } else {
                    array.append(try anyValue(depth: depth + 1))
                }
                skipSpace()
                guard i < bytes.count else { throw Failure(message: "invalid JSON: unterminated value") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == close { i += 1; return isObject ? object as Any : array as Any }
                throw Failure(message: "invalid JSON: expected ',' or a closing bracket")
            }
        case 0x74: try literal("true"); return true
        case 0x66: try literal("false"); return false
        case 0x6E: try literal("null"); return NSNull()
        default: return JSONNumber(literal: try number())
        }
    }
}
