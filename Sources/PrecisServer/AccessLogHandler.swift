import Dispatch
import Foundation
import Logging
import Synchronization

/// A swift-log handler for a busy server: lines go to standard error through a shared
/// buffer, written out every 100 ms (and at once when 64 KiB have gathered, for `error`
/// and above, and at ``flush()``), so logging every request costs no system call each.
/// Lines look like StreamLogHandler's: `2026-11-30T15:05:17.123Z info precis.serve: message`.
///
/// ```swift
/// LoggingSystem.bootstrap(BufferedLogHandler.init(label:))
/// ```
public struct BufferedLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String

    /// A handler writing to the shared standard-error buffer.
    public init(label: String) {
        self.label = label
        LogBuffer.shared.startFlushing()
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var text = " \(event.level.rawValue) \(label): \(event.message)"
        if let error = event.error { text += " (\(error))" }
        let all = event.metadata.map { metadata.merging($0) { $1 } } ?? metadata
        if !all.isEmpty {
            text += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        text += "\n"
        LogBuffer.shared.append(text, urgent: event.level >= .error)
    }

    /// Writes out everything logged so far (call before the process exits).
    public static func flush() {
        LogBuffer.shared.flush()
    }
}

/// The buffer behind ``BufferedLogHandler``: one per process.
final class LogBuffer: Sendable {
    static let shared = LogBuffer()

    private struct State {
        var bytes: [UInt8] = []
        var second: Int = -1
        var secondText: [UInt8] = []
    }
    private let state = Mutex(State())
    private let writing = Mutex<Void>(())
    private let timer = Mutex<(any DispatchSourceTimer)?>(nil)

    func startFlushing() {
        timer.withLock { timer in
            guard timer == nil else { return }
            let t = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "precis.log.flush"))
            t.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
            t.setEventHandler { [self] in flush() }
            t.resume()
            timer = t
            atexit { LogBuffer.shared.flush() }
        }
    }

    func append(_ line: String, urgent: Bool) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let full = state.withLock { s -> Bool in
            if spec.tv_sec != s.second {
                var t = time_t(spec.tv_sec)
                var parts = tm()
                gmtime_r(&t, &parts)
                var out = [Int8](repeating: 0, count: 32)
                let n = strftime(&out, out.count, "%Y-%m-%dT%H:%M:%S", &parts)
                s.secondText = out[0..<n].map { UInt8(bitPattern: $0) }
                s.second = spec.tv_sec
            }
            s.bytes.append(contentsOf: s.secondText)
            let millis = Int(spec.tv_nsec / 1_000_000)
            s.bytes.append(0x2E)
            s.bytes.append(UInt8(48 + millis / 100))
            s.bytes.append(UInt8(48 + millis / 10 % 10))
            s.bytes.append(UInt8(48 + millis % 10))
            s.bytes.append(0x5A)
            s.bytes.append(contentsOf: line.utf8)
            return s.bytes.count >= 1 << 16
        }
        if full || urgent { flush() }
    }

    func flush() {
        writing.withLock { _ in
            let bytes = state.withLock { s -> [UInt8] in
                defer { s.bytes.removeAll(keepingCapacity: true) }
                return s.bytes
            }
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(2, raw.baseAddress! + offset, raw.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
        }
    }
}
