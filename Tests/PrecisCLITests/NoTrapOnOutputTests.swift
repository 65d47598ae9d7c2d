import Foundation
import Testing
import PrecisTestSupport

/// Output goes through one path that reports failures (issue 16): no `try!` in
/// the sources, and none of the Foundation calls that trap on a write error.
struct NoTrapOnOutputTests {
    static func sources() throws -> [(path: String, text: String)] {
        let root = TestPaths.repositoryRoot.appendingPathComponent("Sources")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [(String, String)] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let path = root.appendingPathComponent(relative).path
            files.append((relative, try String(contentsOfFile: path, encoding: .utf8)))
        }
        return files
    }

    @Test("no try! anywhere in Sources")
    func noTryBang() throws {
        let files = try Self.sources()
        #expect(files.count > 50)
        for (path, text) in files {
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("try!") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                Issue.record("\(path):\(n + 1): try! — \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    @Test("no trapping FileHandle writes and no print() in the command-line tool")
    func noTrappingWrites() throws {
        for (path, text) in try Self.sources() {
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                // FileHandle.write(_: Data) raises an Objective-C-style exception (a trap) on failure.
                if code.contains("FileHandle.standardOutput.write(") || code.contains("FileHandle.standardError.write(") {
                    Issue.record("\(path):\(n + 1): write through OutputSink instead")
                }
                if path.hasPrefix("precis/"), code.range(of: #"(^|[^\w.])print\("#, options: .regularExpression) != nil {
                    Issue.record("\(path):\(n + 1): print() ignores write errors; use OutputSink")
                }
            }
        }
    }
}
