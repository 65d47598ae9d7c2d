import Foundation

/// The outcome of running the `precis` executable.
public struct CommandResult {
    /// Exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
}

/// Runs the built `precis` binary, as a user would.
public enum PrecisRunner {
    /// The path of the `precis` executable built next to the tests.
    public static var executable: String {
        TestPaths.productsDirectory.appendingPathComponent("precis").path
    }

    /// Runs `precis` with `arguments`, feeding `stdin` if given, and waits for it.
    /// With `launcher` (a program and its arguments, e.g. `["/usr/bin/taskset", "-c", "0"]`)
    /// that program is run with the `precis` path and `arguments` after its own.
    @discardableResult
    public static func run(_ arguments: [String], stdin: Data? = nil,
                           environment: [String: String]? = nil,
                           currentDirectory: URL? = nil,
                           launcher: [String] = []) throws -> CommandResult {
        let process = Process()
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(launcher.dropFirst()) + [executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Read both pipes concurrently so neither can fill up and block the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let stdin { inPipe.fileHandleForWriting.write(stdin) }
        try? inPipe.fileHandleForWriting.close()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}

/// Holds the bytes read on another thread; the DispatchGroup orders the write before the read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
