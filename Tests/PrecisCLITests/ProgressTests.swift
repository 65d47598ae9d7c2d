import Foundation
import Testing
import PrecisTestSupport

struct ProgressTests {
    static func train(_ extra: [String]) throws -> CommandResult {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        return try PrecisRunner.run(["train", "--data", ClassifierCLIFixtures.path("train.tsv"), "--min-df", "1",
                                     "--model", dir.appendingPathComponent("m.precis").path] + extra)
    }

    @Test("off a terminal, --progress always prints a line per step with the ETA; never and --quiet print nothing")
    func modes() throws {
        let always = try Self.train(["--progress", "always"])
        #expect(always.status == 0)
        let lines = always.stderr.split(separator: "\n").filter { $0.hasPrefix("training: ") }
        #expect(lines.count >= 2 && lines.allSatisfy { $0.contains("elapsed") })
        #expect(lines.contains { $0.contains("ETA") && $0.contains("%") })
        #expect(!always.stderr.contains("\u{1B}["), "no terminal escapes off a terminal")
        for quiet in [["--progress", "never"], ["--quiet"], []] {
            let r = try Self.train(quiet)   // auto: a short run ends before the first 5-second line
            #expect(r.status == 0 && r.stderr.isEmpty, "\(quiet): \(r.stderr)")
        }
        let cv = try PrecisRunner.run(["cross-validate", "--data", ClassifierCLIFixtures.path("train.tsv"), "--min-df", "1",
                                       "--folds", "3", "--progress", "always"])
        #expect(cv.status == 0 && cv.stderr.contains("cross-validating: 3/3 (100%)"))
        let bad = try Self.train(["--progress", "sometimes"])
        #expect(bad.status != 0)
    }
}
