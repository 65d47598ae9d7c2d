import Foundation
import PrecisTestSupport
import Foundation

/// A `precis serve` child process on an ephemeral loopback port. Every wait is bounded;
/// the process is killed when the value goes away.
final class ServerProcess {
    let process = Process()
    private(set) var port = 0
    let logURL: URL
    private let stdoutPipe = Pipe()

    /// Starts `precis serve --port 0 <arguments>` and waits (at most `timeout` seconds) for
    /// its "listening on" line.
    init(_ arguments: [String], timeout: Double = 30) throws {
        logURL = TestPaths.temporaryDirectory().appendingPathComponent("server.log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: PrecisRunner.executable)
        process.arguments = ["serve", "--port", "0"] + arguments
        process.standardOutput = stdoutPipe
        process.standardError = try FileHandle(forWritingTo: logURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        let reader = LineReader(stdoutPipe.fileHandleForReading)
        while Date() < deadline {
            guard let line = reader.nextLine(until: deadline) else { break }
            if let range = line.range(of: "listening on http://127.0.0.1:"), let p = Int(line[range.upperBound...]) {
                port = p
                return
            }
        }
        process.terminate()
        throw HTTPConnection.Failure(description: "server did not start within \(timeout) s; log:\n\(log)")
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Everything the server logged so far.
    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    func connect() throws -> HTTPConnection { try HTTPConnection(port: port) }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits at most `timeout` seconds for the process to exit; returns its status, or `nil`
    /// (after killing it) if it did not exit.
    func waitForExit(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        return process.terminationStatus
    }

    /// Waits (bounded) until the log contains `text`.
    func waitForLog(_ text: String, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if log.contains(text) { return true }
            usleep(50_000)
        }
        return false
    }
}

/// Reads lines from a pipe with a deadline (a background read, so `availableData` can't block the test forever).
private final class LineReader: @unchecked Sendable {
    private let handle: FileHandle
    private var pending = ""
    private var lines: [String] = []
    private let lock = NSCondition()
    private var closed = false

    init(_ handle: FileHandle) {
        self.handle = handle
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                lock.lock()
                if data.isEmpty { closed = true; lock.broadcast(); lock.unlock(); return }
                pending += String(decoding: data, as: UTF8.self)
                while let newline = pending.firstIndex(of: "\n") {
                    lines.append(String(pending[..<newline]))
                    pending = String(pending[pending.index(after: newline)...])
                }
                lock.broadcast()
                lock.unlock()
            }
        }
    }

    func nextLine(until deadline: Date) -> String? {
        lock.lock()
        defer { lock.unlock() }
        while lines.isEmpty && !closed {
            if !lock.wait(until: deadline) { return nil }
        }
        return lines.isEmpty ? nil : lines.removeFirst()
    }
}
