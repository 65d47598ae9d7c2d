import ArgumentParser
import Foundation
import Precis
import PrecisCore

/// Everything the commands write: standard output, JSON and notes on standard
/// error. Every byte goes through ``OutputSink`` (PrecisDatasets), the one output
/// path of the tool: a failed write (full disk, I/O error) throws an
/// ``OutputError`` and ends the command with a message and a non-zero exit, and a
/// closed pipe ends the process quietly, as Unix filters do.
enum Output {
    /// Writes bytes to standard output (buffered; flushed when the command ends).
    static func write(_ bytes: [UInt8]) throws { try OutputSink.standardOutput.write(bytes) }

    /// Writes each of `lines` (already ending in a line break) to standard output, in order.
    static func write(lines: [[UInt8]]) throws {
        for line in lines { try OutputSink.standardOutput.write(line) }
    }

    /// Writes `text` to standard output.
    static func write(_ text: String) throws { try OutputSink.standardOutput.write(text) }

    /// Writes out what is buffered for standard output (e.g. before a long wait).
    static func flush() throws { try OutputSink.standardOutput.flush() }

    /// Set by `--quiet`: warnings and notes are not written.
    nonisolated(unsafe) static var quiet = false

    /// Writes a line to standard error (unless `--quiet`). A failure is remembered
    /// by the sink and makes the exit status non-zero (see ``PrecisCommand/main()``).
    static func note(_ text: String) {
        if quiet { return }
        if barShown {
            // A progress bar is on the terminal's last line: clear it so the note gets its own line.
            barShown = false
            try? OutputSink.standardError.write("\r\u{1B}[K")
        }
        try? OutputSink.standardError.print(text)
    }

    /// Whether a progress bar is drawn on standard error's last line (a terminal).
    nonisolated(unsafe) static var barShown = false

    /// Writes `text` to standard error as it is (progress bars); failures as for ``note(_:)``.
    static func diagnostic(_ text: String) {
        try? OutputSink.standardError.write(text)
    }

    /// `value` as one line of JSON with sorted keys (so the output is stable),
    /// ending in a newline. Non-finite numbers are written as strings.
    static func jsonLine<T: Encodable>(_ value: T) throws -> [UInt8] {
        try JSONLineEncoder().encode(value) + [0x0A]
    }

    /// Writes `value` as one line of JSON.
    static func json<T: Encodable>(_ value: T) throws { try write(try jsonLine(value)) }
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

/// Progress output: `--progress auto|always|never` and `--quiet`.
struct ProgressOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Progress on standard error: auto (a bar on a terminal, else a line with the ETA every few seconds), always (a line at every step off a terminal) or never.", valueName: "when"))
    var progress: ProgressMode = .auto

    @Flag(help: "No progress and no warnings on standard error (errors are still printed).")
    var quiet = false

    /// The mode in effect (`never` when quiet).
    var mode: ProgressMode { quiet ? .never : progress }

    /// Applies `--quiet` (no warnings either) and returns the progress display for `label`.
    func start(_ label: String) -> ProgressBar {
        Output.quiet = quiet
        return ProgressBar(label: label, mode: mode)
    }
}

/// When progress is shown.
enum ProgressMode: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never
}

/// Progress on standard error: on a terminal a bar redrawn in place (at most a
/// few times a second); elsewhere (logs, CI, `nohup`) plain lines with the elapsed
/// time and the ETA, every `interval` seconds (`auto`) or at every step (`always`).
/// Never on standard output. The library reports progress through callbacks
/// (``WorkProgress``, ``StreamOptions/progress``, the trainers' stages); this
/// class only renders them.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let mode: ProgressMode
    let terminal = isatty(2) == 1
    let interval: TimeInterval
    private let start = Date()
    private var lastLine: Date
    private var lastDraw = Date.distantPast
    private var lastStatus = ""
    private var drawn = false

    init(label: String, mode: ProgressMode = .auto, interval: TimeInterval = 5) {
        self.label = label
        self.mode = mode
        self.interval = interval
        self.lastLine = Date()
    }

    /// Reports `done` of `total` steps, with a note.
    func update(_ done: Int, of total: Int, note: String = "") {
        guard mode != .never, total > 0 else { return }
        let percent = 100 * done / total
        show(fraction: Double(done) / Double(total), final: done >= total,
             bar: "\(done)/\(total)" + (note.isEmpty ? "" : " \(note)"),
             line: "\(done)/\(total) (\(percent)%)" + (note.isEmpty ? "" : " \(note)"))
    }

    /// Reports `done` of `total` documents (a library ``WorkProgress`` callback).
    func documents(_ done: Int, of total: Int) { update(done, of: total, note: "documents") }

    /// Reports how far a stream has got: the share of the input consumed (and an
    /// ETA) when its size is known, else the count of `unit`s and their rate.
    func stream(_ p: StreamProgress, unit: String) {
        guard mode != .never else { return }
        let elapsed = max(Date().timeIntervalSince(start), 1e-3)
        let rate = String(format: "%.0f/s", Double(p.records) / elapsed)
        let skipped = p.badLines > 0 ? ", \(p.badLines) bad lines skipped" : ""
        if let fraction = p.fraction, let total = p.totalBytes {
            let text = "\(Int(fraction * 100))% of \(Self.size(total)), \(p.records) \(unit) (\(rate))\(skipped)"
            show(fraction: fraction, final: false, bar: text, line: text)
        } else {
            let text = "\(p.records) \(unit), \(Self.size(p.bytes)) read (\(rate))\(skipped)"
            show(fraction: nil, final: false, bar: text, line: text)
        }
    }

    /// A callback for ``StreamOptions/progress`` (nil when progress is off, so the stream does no work for it).
    func streamCallback(unit: String) -> (@Sendable (StreamProgress) -> Void)? {
        if mode == .never { return nil }
        let bar = self
        return { (p: StreamProgress) in bar.stream(p, unit: unit) }
    }

    /// A status message in place of the bar.
    func status(_ text: String) {
        guard mode != .never else { return }
        if terminal {
            drawn = true
            return draw("\r\(label): \(text)\u{1B}[K")
        }
        if text != lastStatus, due() {
            lastStatus = text
            line("\(label): \(text) (" + String(format: "%.0fs elapsed", Date().timeIntervalSince(start)) + ")")
        }
    }

    /// Clears the bar (on a terminal).
    func finish() {
        if terminal && mode != .never && drawn {
            draw("\r\u{1B}[K")
            drawn = false
            Output.barShown = false
        }
    }

    /// Draws the bar (on a terminal, at most every 0.2 s unless `final`) or writes
    /// a line (elsewhere, when due), with the elapsed time and, given `fraction`, the ETA.
    private func show(fraction: Double?, final: Bool, bar barText: String, line lineText: String) {
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        let eta = fraction.flatMap { $0 > 0 ? elapsed * (1 - $0) / $0 : nil }
        let timing = String(format: "%.0fs elapsed", elapsed) + (eta.map { String(format: ", ETA %.0fs", $0) } ?? "")
        if terminal {
            guard final || now.timeIntervalSince(lastDraw) >= 0.2 else { return }
            lastDraw = now
            drawn = true
            var shown = barText
            if let fraction {
                let width = 30
                let filled = min(width, max(0, Int(fraction * Double(width))))
                shown = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] " + barText
            }
            draw("\r\(label) \(shown) (\(timing))\u{1B}[K")
        } else if due() {
            line("\(label): \(lineText) (\(timing))")
        }
    }

    private func due() -> Bool {
        mode == .always || Date().timeIntervalSince(lastLine) >= interval
    }

    private func line(_ text: String) {
        lastLine = Date()
        Output.diagnostic(text + "\n")
    }

    private func draw(_ text: String) {
        Output.diagnostic(text)
        Output.barShown = !text.hasSuffix("\r\u{1B}[K")
    }

    /// A byte count for people: `812 B`, `3.4 MB`.
    static func size(_ bytes: Int) -> String {
        bytes < 1000 ? "\(bytes) B" : bytes < 1_000_000 ? String(format: "%.1f kB", Double(bytes) / 1e3)
            : bytes < 1_000_000_000 ? String(format: "%.1f MB", Double(bytes) / 1e6) : String(format: "%.2f GB", Double(bytes) / 1e9)
    }
}
