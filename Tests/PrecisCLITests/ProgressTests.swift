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

/// `--progress` and `--quiet` on the other long commands: progress only on standard
/// error, never changing standard output.
struct ProgressEverywhereTests {
    static let summaries = TestPaths.projectData.appendingPathComponent("fixtures/summaries/samples.jsonl").path

    /// Each long command (its progress label and arguments), with a model trained into `dir`.
    static func commands(in dir: URL) throws -> [(label: String, arguments: [String])] {
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let test = ClassifierCLIFixtures.path("test.tsv")
        let multi = try MultiLabelCommandTests.writeData(dir, name: "ml.tsv", count: 60, seed: 4)
        let multiModel = dir.appendingPathComponent("ml.precis").path
        let trained = try PrecisRunner.run(["train", "--multi-label", "--data", multi, "--model", multiModel, "--min-df", "1", "--quiet"])
        guard trained.status == 0 else { throw ClassifierCLIFixtures.Failure(message: trained.stderr) }
        return [
            ("evaluating", ["evaluate", "--model", model, "--data", test]),
            ("evaluating", ["evaluate", "--model", multiModel, "--data", multi]),
            ("scoring summaries", ["evaluate-summaries", "--data", summaries, "--sentences", "2"]),
            ("classifying", ["classify", "--model", model, test, "--top", "2"]),
            ("classifying", ["classify", "--model", model, try Self.textFiles(in: dir), "--top", "2"]),
            ("classifying", ["classify", "--model", model, "--jsonl", summaries, "--text-field", "article"]),
            ("summarising", ["summarize", "--jsonl", summaries, "--sentences", "2"]),
            ("segmenting", ["segment", "--jsonl", summaries]),
            ("extracting keywords", ["keywords", "--jsonl", summaries, "--top", "3"]),
            ("scoring summaries", ["evaluate-summaries", "--data", summaries, "--predictions", summaries]),
            ("counting", ["document-frequencies", "--data", ClassifierCLIFixtures.path("train.tsv"), "--hashing", "1024", "--output", "-"]),
        ]
    }

    /// A directory of a few .txt files (classified whole, not streamed).
    static func textFiles(in dir: URL) throws -> String {
        let folder = dir.appendingPathComponent("texts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (k, text) in ["The striker scored twice in the final.", "Shares fell as profits slumped.", "The new chip runs faster software."].enumerated() {
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(k).txt"))
        }
        return folder.path
    }

    @Test("standard output is the same with --progress always and never; always writes lines with the elapsed time; --quiet writes nothing")
    func everyCommand() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (label, arguments) in try Self.commands(in: dir) {
            let always = try PrecisRunner.run(arguments + ["--progress", "always"])
            let never = try PrecisRunner.run(arguments + ["--progress", "never"])
            let quiet = try PrecisRunner.run(arguments + ["--quiet"])
            #expect(always.status == 0 && never.status == 0 && quiet.status == 0, "\(arguments): \(always.stderr)")
            // evaluate-summaries ends with its own time and speed: every other byte must match.
            func untimed(_ text: String) -> String { text.split(separator: "\n").filter { !$0.hasSuffix("documents/s") }.joined(separator: "\n") }
            #expect(!always.stdout.isEmpty && untimed(always.stdout) == untimed(never.stdout)
                    && untimed(always.stdout) == untimed(quiet.stdout), "\(arguments)")
            let lines = always.stderr.split(separator: "\n").filter { $0.hasPrefix("\(label): ") }
            #expect(!lines.isEmpty && lines.allSatisfy { $0.contains("elapsed") }, "\(arguments): \(always.stderr)")
            #expect(!always.stderr.contains("\u{1B}["), "no terminal escapes off a terminal")
            #expect(quiet.stderr.isEmpty, "\(arguments): \(quiet.stderr)")
        }
    }

    @Test("a streamed regular file reports the share read with an ETA; a pipe reports counts and a rate")
    func streams() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try PrecisRunner.run(["summarize", "--jsonl", Self.summaries, "--progress", "always"])
        let line = try #require(file.stderr.split(separator: "\n").last { $0.hasPrefix("summarising: ") })
        #expect(line.contains("100% of") && line.contains("records") && line.contains("ETA"), "\(line)")
        let input = try Data(contentsOf: URL(fileURLWithPath: Self.summaries))
        let piped = try PrecisRunner.run(["summarize", "--jsonl", "-", "--progress", "always"], stdin: input)
        let pipeLine = try #require(piped.stderr.split(separator: "\n").last { $0.hasPrefix("summarising: ") })
        #expect(pipeLine.contains("records") && pipeLine.contains("/s") && !pipeLine.contains("ETA"), "\(pipeLine)")
        #expect(piped.stdout == file.stdout)
    }

    @Test("vectorize writes the same files with and without progress, and reports its stages")
    func vectorize() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var matrices: [Data] = []
        for (name, mode) in [("a", "always"), ("b", "never")] {
            let out = dir.appendingPathComponent(name).path
            let r = try PrecisRunner.run(["vectorize", "--data", ClassifierCLIFixtures.path("train.tsv"), "--output", out, "--progress", mode])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("vectorising: 2/3 (66%) writing") == (mode == "always"), "\(r.stderr)")
            matrices.append(try Data(contentsOf: URL(fileURLWithPath: out + "/matrix.mtx")))
        }
        #expect(matrices[0] == matrices[1])
        let quiet = try PrecisRunner.run(["vectorize", "--data", ClassifierCLIFixtures.path("train.tsv"), "--output",
                                          dir.appendingPathComponent("c").path, "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
    }
}
