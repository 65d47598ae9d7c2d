import Foundation
import Precis
import PrecisCore

/// Everything the commands write: standard output, JSON and notes on standard error.
enum Output {
    /// Writes bytes to standard output.
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { b in
            var offset = 0
            while offset < b.count, let base = b.baseAddress {
                let written = Foundation.write(1, base + offset, b.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// Writes `text` to standard output.
    static func write(_ text: String) { write(Array(text.utf8)) }

    /// Writes a line to standard error.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `value` as one line of JSON with sorted keys (so the output is stable),
    /// ending in a newline. Non-finite numbers are written as strings.
    static func jsonLine<T: Encodable>(_ value: T) throws -> [UInt8] {
        try JSONLineEncoder().encode(value) + [0x0A]
    }

    /// Writes `value` as one line of JSON.
    static func json<T: Encodable>(_ value: T) throws { write(try jsonLine(value)) }
}

/// A library value's JSON object with a few more fields, such as the `source`
/// of a classified document or the `id` of a summarised record.
struct JSONRecord<Base: Encodable>: Encodable {
    var base: Base
    var fields: KeyValuePairs<String, (any Encodable)?>

    private struct Key: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        try base.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in fields {
            if let value { try container.encode(value, forKey: Key(stringValue: key)) }
        }
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
struct ProgressBar {
    let enabled = isatty(2) == 1
    var label: String

    /// Redraws the bar at `done` of `total`, with a note.
    func update(_ done: Int, of total: Int, note: String = "") {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        draw("\r\(label) [\(bar)] \(done)/\(total) \(note)\u{1B}[K")
    }

    /// A status message in place of the bar.
    func status(_ text: String) { draw("\r\(label): \(text)\u{1B}[K") }

    /// Clears the line.
    func finish() { draw("\r\u{1B}[K") }

    private func draw(_ text: String) {
        if enabled { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
