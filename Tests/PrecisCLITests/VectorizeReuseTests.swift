import Foundation
import Testing
import PrecisTestSupport

struct VectorizeReuseTests {
    /// (rows, columns, entries) of a Matrix Market file, entries as 0-based (row, column, value).
    static func matrix(_ path: String) throws -> (rows: Int, columns: Int, entries: [(Int, Int, Double)]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("%") }
        let size = lines[0].split(separator: " ").map { Int($0)! }
        let entries = lines.dropFirst().map { line -> (Int, Int, Double) in
            let p = line.split(separator: " ")
            return (Int(p[0])! - 1, Int(p[1])! - 1, Double(p[2])!)
        }
        return (size[0], size[1], entries)
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test("--vocabulary-from transforms test data like scikit-learn's transform; labels.txt and idf.txt are written")
    func vocabularyFrom() throws {
        let fixturePath = TestPaths.projectData.appendingPathComponent("fixtures/tfidf/expected-transform.json")
        let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: fixturePath)) as! [String: Any]
        let train = fixture["train"] as! [String], test = fixture["test"] as! [String]
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func tsv(_ texts: [String], _ name: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try Data(texts.enumerated().map { "label\($0.offset % 3)\t\($0.element)\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let trainDir = dir.appendingPathComponent("train").path, testDir = dir.appendingPathComponent("test").path
        let fit = try PrecisRunner.run(["vectorize", "--data", try tsv(train, "train.tsv"), "--output", trainDir,
                                        "--ngram-range", "1,2", "--sublinear-tf"])
        #expect(fit.status == 0, "\(fit.stderr)")
        let vocabulary = fixture["vocabulary"] as! [String]
        #expect(try Self.lines(trainDir + "/vocabulary.txt") == vocabulary)
        #expect(try Self.lines(trainDir + "/idf.txt").count == vocabulary.count)
        #expect(try Self.lines(trainDir + "/labels.txt") == train.indices.map { "label\($0 % 3)" })

        let apply = try PrecisRunner.run(["vectorize", "--data", try tsv(test, "test.tsv"), "--output", testDir,
                                          "--vocabulary-from", trainDir])
        #expect(apply.status == 0, "\(apply.stderr)")
        let m = try Self.matrix(testDir + "/matrix.mtx")
        #expect(m.rows == test.count && m.columns == vocabulary.count)
        let expected = (fixture["rows"] as! [[[Double]]]).enumerated().flatMap { i, row in row.map { (i, Int($0[0]), $0[1]) } }
        #expect(m.entries.count == expected.count)
        for (got, want) in zip(m.entries, expected) {
            #expect(got.0 == want.0 && got.1 == want.1)
            #expect(abs(got.2 - want.2) <= 4 * Double(Float(want.2).ulp) + 1e-7, "row \(want.0) column \(want.1)")
        }
        #expect(try Self.lines(testDir + "/labels.txt").count == test.count)
        #expect(try Self.lines(testDir + "/vocabulary.txt") == vocabulary)

        let mixed = try PrecisRunner.run(["vectorize", "--data", dir.appendingPathComponent("test.tsv").path, "--output", testDir,
                                          "--vocabulary-from", trainDir, "--min-df", "2"])
        #expect(mixed.status != 0 && mixed.stderr.contains("vectoriser options come from"))
        let missing = try PrecisRunner.run(["vectorize", "--data", dir.appendingPathComponent("test.tsv").path, "--output", testDir,
                                            "--vocabulary-from", dir.path])
        #expect(missing.status != 0 && missing.stderr.contains("vectorizer.json"))
    }

    @Test("--model transforms with a trained classifier's vocabulary")
    func model() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let out = dir.appendingPathComponent("features").path
        let r = try PrecisRunner.run(["vectorize", "--data", ClassifierCLIFixtures.path("test.tsv"), "--output", out, "--model", model])
        #expect(r.status == 0, "\(r.stderr)")
        let inspect = try PrecisRunner.run(["inspect", "--model", model, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        let m = try Self.matrix(out + "/matrix.mtx")
        #expect(m.columns == object["features"] as? Int)
        #expect(try Self.lines(out + "/labels.txt").count == m.rows)
    }
}
