import Testing
import Foundation
import PrecisTestSupport

struct RootCommandTests {
    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try PrecisRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test("--help gives an overview with examples")
    func help() throws {
        let result = try PrecisRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("precis train"))
        #expect(result.stdout.contains("precis summarize"))
    }

    @Test("an unknown subcommand fails with a message, not a crash")
    func unknown() throws {
        let result = try PrecisRunner.run(["no-such-command"])
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
    }
}
