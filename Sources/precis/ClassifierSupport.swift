import ArgumentParser
import Foundation
import Precis

/// A failed command: the one-line message ArgumentParser prints after `Error: `.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Helpers shared by the classifier commands.
enum ClassifierSupport {
    /// Whether standard error is an interactive terminal (progress bars only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Writes `text` to standard error (a failure makes the exit status non-zero).
    static func printError(_ text: String) {
        try? OutputSink.standardError.print(text)
    }

    /// Reads labelled data and rejects an empty set, naming the file.
    static func loadDocuments(_ data: DataOptions) throws -> (texts: [String], labels: [String]) {
        let documents = try data.load()
        guard !documents.isEmpty else { throw CommandFailure("\(data.path): no documents") }
        return (documents.map(\.text), documents.map(\.label))
    }

    /// Rephrases library errors about training data so they name the data file.
    static func naming(_ path: String, _ body: () throws -> TextClassifierTrainer.Result) throws -> TextClassifierTrainer.Result {
        do {
            return try body()
        } catch let error as ClassificationError {
            throw CommandFailure("\(path): \(error.description)")
        } catch let error as FeatureError {
            throw CommandFailure("\(path): \(error.description)")
        } catch let error as TrainingError {
            throw CommandFailure("\(path): \(error.description)")
        }
    }

    /// The training date to record: `SOURCE_DATE_EPOCH` (seconds since 1970, the
    /// reproducible-builds convention) when set, else now. ISO 8601, UTC.
    static func creationDate() throws -> String {
        var date = Date()
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int64(epoch) else {
                throw CommandFailure("SOURCE_DATE_EPOCH must be an integer number of seconds, got '\(epoch)'")
            }
            date = Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Reads a model, turning any failure into a one-line message naming the file.
    static func loadModel(_ path: String) throws -> TextClassifier {
        do {
            return try ModelFile.read(path: path)
        } catch let error as ModelFileError {
            throw CommandFailure(error.description)
        }
    }

    /// File name of the shipped default model.
    static let defaultModelName = "bbc-news.precis"

    /// The shipped default model: `$PRECIS_MODEL_DIR/bbc-news.precis` when the variable
    /// is set, otherwise `Models/bbc-news.precis` in the nearest folder above the
    /// executable (so it works from `.build/release/precis` in a checkout) or above
    /// the current directory.
    static func defaultModelPath() throws -> String {
        let fm = FileManager.default
        if let dir = ProcessInfo.processInfo.environment["PRECIS_MODEL_DIR"], !dir.isEmpty {
            let path = URL(fileURLWithPath: dir).appendingPathComponent(defaultModelName).path
            guard fm.fileExists(atPath: path) else {
                throw CommandFailure("\(path): default model not found (PRECIS_MODEL_DIR is set to \(dir)); pass --model PATH")
            }
            return path
        }
        var starts: [URL] = []
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        starts.append(exe.deletingLastPathComponent())
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        starts.append(argv0.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: fm.currentDirectoryPath))
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent("Models").appendingPathComponent(defaultModelName)
                if fm.fileExists(atPath: candidate.path) { return candidate.path }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw CommandFailure("default model Models/\(defaultModelName) not found above \(exe.deletingLastPathComponent().path) or the current directory; set PRECIS_MODEL_DIR or pass --model PATH")
    }

    /// A JSON string literal.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON number for a probability or score (shortest round-trip form).
    static func jsonNumber(_ x: Double) -> String {
        x.isFinite ? "\(x)" : "null"
    }

    /// Pretty-free, key-sorted JSON of an `Encodable` value, as one line.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
struct ProgressBar {
    let enabled = ClassifierSupport.stderrIsTerminal
    var label: String

    /// Redraws the bar at `done` of `total`, with a note.
    func update(_ done: Int, of total: Int, note: String = "") {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        try? OutputSink.standardError.write("\r\(label) [\(bar)] \(done)/\(total) \(note)\u{1B}[K")
    }

    /// A status message in place of the bar.
    func status(_ text: String) {
        guard enabled else { return }
        try? OutputSink.standardError.write("\r\(label): \(text)\u{1B}[K")
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        try? OutputSink.standardError.write("\r\u{1B}[K")
    }
}
