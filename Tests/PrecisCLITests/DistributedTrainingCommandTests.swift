import Foundation
import Testing
import PrecisTestSupport

/// `precis document-frequencies` and `precis merge-models`: the pieces of distributed training.
struct DistributedTrainingCommandTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1767225600"]

    /// The fixture's rows dealt round-robin into `parts` TSV files in `dir`.
    static func partitions(_ parts: Int, in dir: URL) throws -> [String] {
        let lines = try String(contentsOfFile: ClassifierCLIFixtures.path("train.tsv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        return try (0..<parts).map { p in
            let path = dir.appendingPathComponent("part-\(p).tsv").path
            let rows = stride(from: p, to: lines.count, by: parts).map { lines[$0] + "\n" }.joined()
            try Data(rows.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    @Test("counts of partitions, merged, are the counts of the whole file (also on standard output)")
    func countAndMerge() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = try Self.partitions(3, in: dir)
        var files: [String] = []
        for (p, part) in parts.enumerated() {
            let out = dir.appendingPathComponent("part-\(p).df").path
            let r = try PrecisRunner.run(["document-frequencies", "--data", part, "--hashing", "4096", "--output", out])
            #expect(r.status == 0, "\(r.stderr)")
            files.append(out)
        }
        let merged = dir.appendingPathComponent("merged.df").path
        let m = try PrecisRunner.run(["document-frequencies", "--merge"] + files + ["--output", merged])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.stderr.contains("36 documents, 3 labels"))
        let whole = try PrecisRunner.run(["document-frequencies", "--data", ClassifierCLIFixtures.path("train.tsv"),
                                          "--hashing", "4096", "--output", "-"])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(try String(contentsOfFile: merged, encoding: .utf8) == whole.stdout)
        #expect(whole.stdout.hasPrefix("{\"documents\":36,\"features\":4096,\"format\":\"precis-document-frequencies\""))
    }

    @Test("document-frequencies refuses bad use and bad files with one line naming the file")
    func countErrors() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let train = ClassifierCLIFixtures.path("train.tsv")
        let narrow = dir.appendingPathComponent("narrow.df").path, wide = dir.appendingPathComponent("wide.df").path
        #expect(try PrecisRunner.run(["document-frequencies", "--data", train, "--hashing", "64", "--output", narrow]).status == 0)
        #expect(try PrecisRunner.run(["document-frequencies", "--data", train, "--hashing", "128", "--output", wide]).status == 0)
        let mismatch = try PrecisRunner.run(["document-frequencies", "--merge", narrow, wide, "--output", dir.appendingPathComponent("x.df").path])
        #expect(mismatch.status == 1)
        #expect(mismatch.stderr.contains("wide.df") && mismatch.stderr.contains("hashing width"))
        let garbage = dir.appendingPathComponent("garbage.df").path
        try Data("label\ttext\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let bad = try PrecisRunner.run(["document-frequencies", "--merge", narrow, garbage, "--output", dir.appendingPathComponent("x.df").path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("garbage.df:1:"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.df").path), "nothing written on error")
        for args in [["--data", train, "--output", "x.df"],                                  // no --hashing
                     ["--data", train, "--hashing", "0", "--output", "x.df"],                // bad width
                     ["--data", train, "--hashing", "64", "--min-df", "2", "--output", "x.df"],   // vocabulary option
                     ["--merge", "--output", "x.df"],                                         // nothing to merge
                     ["--merge", narrow, "--hashing", "64", "--output", "x.df"]] {            // both modes
            let r = try PrecisRunner.run(["document-frequencies"] + args, currentDirectory: dir)
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.hasPrefix("Error:"), "\(args): \(r.stderr)")
        }
        let missing = try PrecisRunner.run(["document-frequencies", "--data", dir.appendingPathComponent("none.tsv").path,
                                            "--hashing", "64", "--output", "-"])
        #expect(missing.status == 1 && missing.stderr.contains("none.tsv"))
    }

    @Test("merge-models averages identical models to the same weights; the bytes do not depend on the order")
    func mergeModels() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let merged = dir.appendingPathComponent("merged.precis").path
        let r = try PrecisRunner.run(["merge-models", model, model, "--output", merged], environment: Self.epoch)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("2 models averaged (72 documents, 3 classes"))
        let original = try PrecisRunner.run(["classify", "--model", model, "--top", "3", "--json", ClassifierCLIFixtures.path("test.tsv")])
        let averaged = try PrecisRunner.run(["classify", "--model", merged, "--top", "3", "--json", ClassifierCLIFixtures.path("test.tsv")])
        #expect(original.status == 0 && averaged.stdout == original.stdout, "the mean of a model with itself predicts as it does")
        let inspect = try PrecisRunner.run(["inspect", "--model", merged])
        #expect(inspect.status == 0 && inspect.stdout.contains("merge-models"))
    }

    @Test("merge-models refuses models of other features naming the model, and writes nothing")
    func mergeErrors() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try ClassifierCLIFixtures.trainModel(in: dir)
        let b = dir.appendingPathComponent("other.precis").path
        let trained = try PrecisRunner.run(["train", "--data", ClassifierCLIFixtures.path("train.tsv"), "--model", b,
                                            "--min-df", "1", "--ngram-range", "1,1"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let out = dir.appendingPathComponent("merged.precis").path
        let r = try PrecisRunner.run(["merge-models", a, b, "--output", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("other.precis") && r.stderr.contains("cannot merge"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        let garbage = dir.appendingPathComponent("garbage.precis").path
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: garbage))
        let g = try PrecisRunner.run(["merge-models", a, garbage, "--output", out])
        #expect(g.status == 1 && g.stderr.contains("garbage.precis"))
        let none = try PrecisRunner.run(["merge-models", "--output", out])
        #expect(none.status != 0 && none.stderr.hasPrefix("Error:"))
    }
}
